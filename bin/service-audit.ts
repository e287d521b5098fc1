#!/usr/bin/env node
// The only file that touches `process`: argv, the environment, the exit code and signals.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ can cache compiled code between runs; feature-detected so Node 20 still works.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

declare const __VERSION__: string;

const { main } = await import('../src/cli/main.js');
const pad = (n: number) => String(n).padStart(2, '0');

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  version: typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev',
  builtinBank: fileURLToPath(new URL('../questions/service-readiness.yaml', import.meta.url)),
  today: () => {
    const d = new Date();
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  },
});
