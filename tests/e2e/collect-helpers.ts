import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT, TEST_CACHE } from './cli-helpers.js';

/** A `service-audit collect` running as a user would start it, with the URL it printed. */
export interface Running {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Starts the built binary's collect command and waits until it prints the form's URL. */
export async function startCollector(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'collect', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', XDG_CACHE_HOME: TEST_CACHE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /http:\/\/\S+/.exec(out);
      // Ready once it has said where responses go (the last line it prints before serving).
      if (m && /with Ctrl\+C\.\n/.test(err)) resolve(m[0]);
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then((code) => reject(new Error(`collect exited (${code}) before printing a URL:\n${out}\n${err}`)));
  });
  return { child, url, stdout: () => out, stderr: () => err, exited };
}

/** The nonce of a form page. */
export const nonceOf = (page: string) => /name="nonce" value="([^"]+)"/.exec(page)?.[1] ?? '';

/** Posts a form the way a browser does. */
export function post(url: string, fields: Record<string, string>, init: RequestInit = {}) {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual', ...init });
}

export { ROOT };
