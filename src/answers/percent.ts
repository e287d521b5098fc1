/**
 * A percent as a person types it, in the audit's prompt or in an answers file: a decimal number
 * with an optional % sign ("45", "45.5", "45%"). Undefined for anything else (no "0x2d", "4e1").
 * The range (0-100) is checked by the caller, which says so in its own words.
 */
export function percentFromText(input: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(input.trim());
  return m ? Number(m[1]) : undefined;
}
