#!/usr/bin/env node
// The only file that touches `process`: argv, the environment, the exit code.
// Built as CommonJS (dist/service-audit.cjs): starting Node's ES module loader would cost
// a tenth of the whole start-up, so the bin and the CLI bundle are plain scripts.
import { join } from 'node:path';

/** Set by the build from package.json. */
declare const __VERSION__: string | undefined;
const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
const args = process.argv.slice(2);
const pad = (n: number) => String(n).padStart(2, '0');
const here = (name: string) => join(__dirname, name);

async function start(): Promise<void> {
  // Loaded here, not at the top, so that --version never loads node:vm and friends.
  const { loadCli } = await import('./load-cli.js');
  const { cli, saveCache } = loadCli(here('cli.cjs'), version, process.env, args[0]);
  const code = await cli.main(args, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    version,
    builtinBank: here('../questions/service-readiness.yaml'),
    builtinBankCompiled: here('builtin-bank.json'),
    onInterrupt: (handler: () => void) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
    today: () => {
      const d = new Date();
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    },
  });
  process.exitCode = code;
  saveCache(code);
}

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Scripts and CI logs ask for this; answer without loading the CLI at all.
  process.stdout.write(`${version}\n`);
} else {
  void start();
}
