/** A cross-field problem found in parsed data: where (a data path), what, how to fix. */
export interface RuleProblem {
  path: PropertyKey[];
  message: string;
  fix: string;
  /** Point at the key rather than its value. */
  key?: boolean;
}
