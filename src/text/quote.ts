/** The longest text a message quotes whole; a longer one is cut, so a 9 MB cell is never echoed. */
export const QUOTE_MAX = 60;

/** How many characters (code points, not UTF-16 units) a text holds. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * A text from a file quoted for a message: `"maybe"`, or cut with its length when long:
 * `"aaaa…" (9,437,184 characters)`. Cuts between code points, never inside one.
 */
export function quoted(text: string, max = QUOTE_MAX): string {
  const n = text.length <= max ? text.length : codePoints(text);
  if (n <= max) return `"${text}"`;
  let head = '';
  let k = 0;
  for (const ch of text) {
    if (k++ >= max - 1) break;
    head += ch;
  }
  return `"${head}…" (${count(n)} characters)`;
}

/** A count for messages, with thousands separators: 99,990. */
export const count = (n: number) => n.toLocaleString('en-US');
