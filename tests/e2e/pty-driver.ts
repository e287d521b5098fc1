import { spawn, type IPty } from '@lydell/node-pty';
import { BIN, TEST_CACHE } from './cli-helpers.js';

// Strips colour and cursor control sequences so the screen text can be matched.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][A-Z0-9]|\u001b[=>78]/g;

/** The built binary running in a real pseudo-terminal, driven by keys as a person would. */
export class Terminal {
  private pty: IPty;
  private out = '';
  private seen = 0;
  readonly exited: Promise<number>;

  /** `cols`: the terminal's width; 80 by default, the width the prompt must fit. */
  constructor(args: string[], cwd: string, extraEnv: Record<string, string> = {}, cols = 80) {
    this.pty = spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      cols,
      rows: 40,
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        XDG_CACHE_HOME: TEST_CACHE,
        TERM: 'xterm-256color',
        LANG: 'C.UTF-8',
        ...extraEnv,
      },
    });
    this.pty.onData((d) => {
      this.out += d;
    });
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** All output so far, escape codes included. */
  raw(): string {
    return this.out;
  }

  /** All output so far, without escape codes. */
  text(): string {
    return this.out.replace(ANSI, '');
  }

  /** Waits until `pattern` appears after the previous match; returns the text up to the end of it. */
  async waitFor(pattern: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const fresh = this.text().slice(this.seen);
      const m =
        typeof pattern === 'string'
          ? { index: fresh.indexOf(pattern), length: pattern.length }
          : ((r) => (r ? { index: r.index!, length: r[0].length } : { index: -1, length: 0 }))(fresh.match(pattern));
      if (m.index !== -1) {
        this.seen += m.index + m.length;
        return fresh.slice(0, m.index + m.length);
      }
      if (Date.now() - started > timeoutMs)
        throw new Error(`timed out waiting for ${String(pattern)}; last output:\n${fresh.slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  type(keys: string): void {
    this.pty.write(keys);
  }

  kill(): void {
    try {
      this.pty.kill();
    } catch {
      /* already gone */
    }
  }
}

export const KEY = {
  enter: '\r',
  ctrlC: '\u0003',
  down: '\u001b[B',
  up: '\u001b[A',
  left: '\u001b[D',
  right: '\u001b[C',
  escape: '\u001b',
  backspace: '\u007f',
};
