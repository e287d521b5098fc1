// Loads the bundled CLI (dist/cli.cjs) so that its compiled code is cached between runs.
// Most of a short command's time is V8 compiling the bundle. V8 compiles a function when it is
// first called, so a cache made after the command has run holds far more than one made at load
// time. Node 22's module.enableCompileCache() makes its cache at load time: measured on Node 22,
// check took 75 ms with it and 64 ms with this loader, which makes V8's code cache through
// node:vm after the run, one cache per command (a check caches the check's code). Node's own
// cache is still switched on where it exists, for what Node loads itself (the audit's prompts),
// in the same folder. V8 checks a cache only against the source's length, so the cache is named
// by the bundle's content (a hash the build computes): a rebuild never runs the old code.
// Any failure here only means no cache.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

type Cli = typeof import('../src/cli/main.js');

export interface LoadedCli {
  cli: Cli;
  /** Saves the code cache once the command has run well (and so compiled what it needed). */
  saveCache(exitCode: number): void;
  /** How many columns the wrapper added to the bundle's first line (for bin/trace.ts); 0 when Node loaded it. */
  firstLineShift: number;
}

/** The same wrapper Node puts around a CommonJS module, on one line so that line numbers stay right. */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

const nodeCache = module as { enableCompileCache?: (dir?: string) => unknown };

/** The bundle a cache belongs to: which version, and the hash of its exact content. */
export interface Build {
  version: string;
  /** sha256 of dist/cli.cjs, computed by the build. */
  sha256: string;
}

/** How long another build's cache is kept: two installs used by turns should not evict each other at every run. */
const KEEP_OTHER_BUILDS_MS = 24 * 60 * 60 * 1000;

/** Removes caches made from other builds (upgrades, rebuilds) once they have not been rewritten for a day. */
function pruneOtherBuilds(dir: string, tag: string, now: number): void {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.v8cache') || name.includes(tag)) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > KEEP_OTHER_BUILDS_MS) unlinkSync(path);
    } catch {
      /* another process pruned it first */
    }
  }
}

/** Where this user's code cache lives: NODE_COMPILE_CACHE if set (as Node does), else ~/.cache. */
function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.NODE_COMPILE_CACHE) return join(env.NODE_COMPILE_CACHE, 'service-audit');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'service-audit');
}

/** `command` names the cache: the first argument when it looks like a command, else the default. */
export function loadCli(file: string, build: Build, env: NodeJS.ProcessEnv, command: string | undefined): LoadedCli {
  const require = createRequire(file);
  const disabled = env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== '';
  if (disabled) return { cli: require(file) as Cli, saveCache: () => {}, firstLineShift: 0 };
  const dir = cacheDir(env);
  // Node 22.1+: its own cache, for what Node loads itself (the audit's dist/interactive.cjs),
  // in our folder rather than the OS temp folder. Node names its own subfolder by its version.
  try {
    nodeCache.enableCompileCache?.(dir);
  } catch {
    /* an older Node 22 that takes no folder, or one it cannot create: no Node cache */
  }

  const name = command && /^[a-z]{2,20}$/.test(command) ? command : 'run';
  const tag = `-${build.sha256.slice(0, 16)}-`;
  const cacheFile = join(dir, `${build.version}${tag}node${process.version}-${process.arch}-${name}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    /* first run of this version: no cache yet */
  }
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(`${WRAPPER}${source}\n})`, {
    filename: file,
    ...(cachedData && { cachedData }),
  });
  const mod = { exports: {} as Cli };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, require, mod, file, dirname(file));
  return {
    cli: mod.exports,
    firstLineShift: WRAPPER.length,
    saveCache: (exitCode) => {
      // A mistyped command (exit 2) or a crash would cache little, under a name of no use.
      if ((cachedData && !script.cachedDataRejected) || exitCode === 2 || exitCode === 70) return;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, cacheFile);
        pruneOtherBuilds(dir, tag, Date.now());
      } catch {
        /* a read-only home or full disk only costs speed */
      }
    },
  };
}
