// How long a pulse takes, said the same way everywhere (the form, collect's output, the
// self-audit, the README): about twelve seconds a statement, the pace of someone answering about
// themselves. A test checks the README against it for the built-in bank.

export const SECONDS_PER_STATEMENT = 12;

/** Whole minutes, at least one. Pure. */
export const pulseMinutes = (statements: number) => Math.max(1, Math.round((statements * SECONDS_PER_STATEMENT) / 60));

/** "a minute", "2 minutes". Pure. */
export function aboutMinutes(statements: number): string {
  const m = pulseMinutes(statements);
  return m === 1 ? 'a minute' : `${m} minutes`;
}
