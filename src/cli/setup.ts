import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Config } from '../check/config.js';
import type { Io } from './io.js';
import { loadBank, loadConfig, type LoadedBank } from './load.js';

/** The config file's name, looked for upward from the current folder. */
export const CONFIG_FILE = '.service-audit.yaml';
/** The answers file used when neither --answers nor the config names one. */
export const DEFAULT_ANSWERS = 'service-audit-answers.yaml';

/**
 * The nearest .service-audit.yaml: in the current folder or one above it, up to the repository's
 * root (the first folder holding .git) or the filesystem's root, as ESLint and Prettier look.
 * Returned relative to the current folder, as messages show it.
 */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return relative(cwd, file) || CONFIG_FILE;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/** What `check` and `report` score: the same config, bank and answers file for both. */
export interface Setup {
  config?: Config;
  configFile?: string;
  bank: LoadedBank;
  answersFile: string;
  /** The plan: --plan, else the config's `plan:`. */
  planFile?: string;
}

/** Reads the config (--config, else the nearest one) and the bank; flags win over the config. Throws InputError. */
export function loadSetup(io: Io, flags: { config?: string; bank?: string; answers?: string; plan?: string }): Setup {
  const configFile = flags.config ?? findConfig(io.cwd);
  if (!configFile)
    return {
      bank: loadBank(io, flags.bank),
      answersFile: flags.answers ?? DEFAULT_ANSWERS,
      ...(flags.plan !== undefined && { planFile: flags.plan }),
    };
  const { config, bank } = loadConfig(io, configFile, flags.bank);
  const planFile = flags.plan ?? config.plan;
  return {
    config,
    configFile,
    bank,
    answersFile: flags.answers ?? config.answers ?? DEFAULT_ANSWERS,
    ...(planFile !== undefined && { planFile }),
  };
}
