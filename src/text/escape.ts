// One escaper per kind of output. Text that came from a file, a form or an argument is hostile
// until it has passed through the escaper of the place it goes; renderers call these and nothing
// else. Each is pure and total (any string in, a safe string out).

/** C0 controls, DEL, C1 controls. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
/** Characters that reorder or split text on screen: line/paragraph separators, bidi overrides (Trojan Source), BOM. */
const INVISIBLE = /[\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

const hex = (c: string) => {
  const n = c.codePointAt(0)!;
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

/**
 * Terminal, one line: every control character (including newline and tab), line separator and
 * bidi control is shown as a visible escape (`\x1b`, `\n`, `\u2028`), so text can neither move
 * the cursor, recolour, retitle or clear the screen, nor split one message over several lines.
 */
export function terminalLine(s: string): string {
  return s
    .replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : hex(c)))
    .replace(INVISIBLE, hex);
}

/** Terminal, a block of text: as terminalLine, but newlines and tabs are kept. */
export function terminalText(s: string): string {
  return s
    .replace(CONTROL, (c) => (c === '\n' || c === '\t' ? c : c === '\r' ? '\\r' : hex(c)))
    .replace(INVISIBLE, hex);
}

/** Whitespace that markdown folds anyway, or that would end a line, start indented code or a hard break. */
const MD_SPACE = /[ \t\r\n\u2028\u2029]+/g;

/**
 * Markdown, inline text (a paragraph, a list item, a heading or a table cell): whitespace folds
 * to single spaces; every character that could start markup is backslash-escaped (CommonMark
 * allows a backslash before any ASCII punctuation); raw HTML, links, autolinks (bare URLs, www.
 * and e-mail addresses, which markdownlint's MD034 flags), headings, lists, tables and emphasis
 * cannot be formed, wherever a later word wrap puts the text. Punctuation that is markup only
 * at the start of a line is escaped at the start of each word. Other controls show as `\x1b`.
 */
export function markdownInline(s: string): string {
  return (
    terminalLine(s.replace(MD_SPACE, ' ').trim())
      // Anywhere: escapes, code, emphasis, links, HTML, entities, tables, strike, math, #refs, @mentions.
      .replace(/[\\`*_[\]<>#|~&$@]/g, '\\$&')
      // GFM's bare links: "https://", "mailto:", "xmpp:" and "www.".
      .replace(/:(?=\/\/)|(?<=mailto|xmpp):|(?<=www)\./gi, '\\$&')
      // A word a wrap may move to the start of a line: a list marker, a thematic break, a setext underline.
      .replace(/(^|\s)([-+=])(?=[-+=]*(?:\s|$))/g, '$1\\$2')
      .replace(/(^|\s)(\d+)([.)])/g, '$1$2\\$3')
  );
}

/** What markdownlint's MD026 refuses at the end of a heading. */
const HEADING_END = /[.,;:!\u3002\uFF0C\uFF1B\uFF1A\s]+$/;

/**
 * Markdown, the text of a heading: as markdownInline, without the punctuation a heading may not
 * end with (MD026), and cut at a word with "…" to fit `room` characters, since a heading cannot
 * wrap and markdownlint allows 80 columns (MD013).
 */
export function markdownHeading(s: string, room = 76): string {
  const words = s.replace(MD_SPACE, ' ').trim().replace(HEADING_END, '').split(' ');
  let text = markdownInline(words.join(' '));
  for (let n = words.length - 1; text.length > room && n > 0; n--)
    text = `${markdownInline(words.slice(0, n).join(' ').replace(HEADING_END, ''))} …`;
  // One word longer than the room: markdownlint allows a line whose overflow has no space.
  return text;
}

/**
 * Markdown, a code span: the text (whitespace folded, trimmed) in backticks long enough that it
 * cannot close early. Not for a table cell (GFM splits cells at `|` even inside code), and not
 * for text with spaces that a word wrap may break (block markup is read before code spans).
 */
export function markdownCode(s: string): string {
  const text = terminalLine(s.replace(MD_SPACE, ' ').trim());
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  if (text === '') return '` `';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A label inside a mermaid chart's quoted string: no quotes, no line breaks, no markup. */
export function mermaidLabel(s: string): string {
  return terminalLine(s.replace(/\r\n?|\n/g, ' '))
    .replace(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/g, ' ')
    .replace(/["`<>#;{}[\]\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * HTML text or a quoted attribute value: markup escaped; control characters (which HTML does not
 * allow in text) and bidi controls (which reorder what a reader sees) shown as visible escapes
 * like `\x1b`, as in the terminal. Newlines and tabs are kept.
 */
export function html(s: string): string {
  return terminalText(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** XML 1.0 text or attribute: characters XML cannot hold are dropped, markup escaped. */
export function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A GitHub Actions workflow-command message (GitHub's rules: %, CR, LF). */
export function workflowData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A GitHub Actions workflow-command property value (as data, plus : and ,). */
export function workflowProperty(s: string): string {
  return workflowData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** YAML 1.2 double-quoted scalar: reads back as exactly `s` in any YAML parser. */
export function yamlQuoted(s: string): string {
  // JSON strings are YAML double-quoted scalars, except that YAML also wants these escaped.
  return JSON.stringify(s).replace(
    /[\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Words that some YAML reader takes as something other than a string (YAML 1.1 and 1.2). */
const YAML_RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~|nan|inf)$/i;

/**
 * A YAML scalar (a key or a value): plain when it can only read back as this same string, else
 * quoted. Plain means a letter, then letters, digits, `_`, `-` and `.`: never a number (`1`,
 * `010`, `1e3`, `0x1f`), a boolean or null in any YAML version, nor anything YAML reserves.
 */
export function yamlString(s: string): string {
  return /^[A-Za-z][A-Za-z0-9_.-]*$/.test(s) && !YAML_RESERVED.test(s) ? s : yamlQuoted(s);
}

/**
 * The text of a YAML comment line: one line (line breaks fold to spaces), and every character a
 * YAML file may not hold raw, or that would act on a terminal showing the file, made visible as
 * an escape (`\x1b`). Whatever the text, the comment stays a comment.
 */
export function yamlComment(s: string): string {
  return terminalLine(s.replace(/\r\n?|\n|[\u0085\u2028\u2029]/g, ' ')).replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g,
    hex,
  );
}

/** A word of a POSIX shell command line to copy and paste: plain when safe, else single-quoted (and shown safely). */
export function shellWord(s: string): string {
  return /^[\w./:@%+=,-]+$/.test(s) ? s : `'${terminalLine(s).replace(/'/g, "'\\''")}'`;
}

/** What a spreadsheet runs as a formula when a cell starts with it (CSV injection). */
const CSV_FORMULA = /^[=+\-@\t\r]/;

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A
 * field a spreadsheet would run as a formula (starting with = + - @, a tab or CR) is prefixed
 * with a single quote, as OWASP advises, so opening the file cannot run anything. Other
 * controls and bidi characters show as visible escapes (`\x1b`); line breaks are kept, quoted.
 */
export function csvField(s: string): string {
  const safe = terminalText(s.replace(/\r\n?/g, '\n')).replace(/\t/g, '\\t');
  const cell = CSV_FORMULA.test(s) ? `'${safe}` : safe;
  return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
