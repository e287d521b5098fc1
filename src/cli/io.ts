/** Everything a command may touch of the outside world, injected so tests can run commands in-process. */
export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** The program's version, from package.json at build time. */
  version: string;
  /** Absolute path of the built-in question bank. */
  builtinBank: string;
  /** The built-in bank compiled to JSON by the build, if there is one (a start-up shortcut). */
  builtinBankCompiled?: string;
  /**
   * An internal error's stack trace with the positions in the minified bundles turned back into
   * src/…/*.ts file:line:col (the bin reads the source maps only then). Absent in-process, where
   * traces name the sources already.
   */
  originalTrace?(stack: string): string;
  /** Today's date as YYYY-MM-DD (the clock lives at the edge). */
  today(): string;
  /**
   * Calls `handler` when the user presses Ctrl+C (SIGINT) or the process is asked to stop
   * (SIGTERM), instead of the process dying; returns a function that removes the handler.
   * Long-running commands (collect) use it to stop cleanly. Absent in tests that run in-process.
   */
  onInterrupt?(handler: () => void): () => void;
}
