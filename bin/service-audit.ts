#!/usr/bin/env node
// The only file that touches `process`: argv, the environment, the exit code.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ can cache compiled code between runs; feature-detected so Node 20 still works.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** Set by the build from package.json; absent when the sources run unbundled. */
declare const __VERSION__: string | undefined;
const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
const args = process.argv.slice(2);
const pad = (n: number) => String(n).padStart(2, '0');

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Scripts and CI logs ask for this; answer without loading the CLI at all.
  process.stdout.write(`${version}\n`);
} else {
  const { main } = await import('../src/cli/main.js');
  process.exitCode = await main(args, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    version,
    builtinBank: fileURLToPath(new URL('../questions/service-readiness.yaml', import.meta.url)),
    builtinBankCompiled: fileURLToPath(new URL('./builtin-bank.json', import.meta.url)),
    today: () => {
      const d = new Date();
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    },
  });
}
