import * as z from 'zod/mini';
import { allowedValues, normaliseAnswer } from '../answers/parse.js';
import type { Answer, Answers } from '../answers/schema.js';
import type { RuleProblem } from '../validation/rules.js';
import { bankRef, questionsOf } from '../bank/queries.js';
import type { Bank, Question } from '../bank/schema.js';
import type { Problem } from '../errors.js';
import { closest, didYouMean } from '../validation/closest.js';
import { validateYaml } from '../validation/validate.js';
import { count, QUOTE_MAX, quoted } from '../text/quote.js';

// CSV import for team pools: a spreadsheet's or a form tool's export, one row per response and one
// column per question. The parser is our own (RFC 4180: quoted fields, doubled quotes, CRLF, line
// breaks inside quotes, a BOM): about sixty lines, and it must report the line and column of each
// cell for our one-line errors, which a general library would make us reconstruct; it adds
// nothing to the bundle. Pure.

/** One record of a CSV file and the line it starts on (its ROW in messages). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** The delimiter a file uses: the most frequent of , ; and tab on its first line (comma on a tie). */
function sniffDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r|\n/) >>> 0 || text.length);
  const count = (c: string) => first.split(c).length - 1;
  return [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

/** Parses CSV text into records; every problem has its line and column. */
export function parseCsv(file: string, source: string): { records: CsvRecord[]; problems: Problem[] } {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const delim = sniffDelimiter(text);
  const records: CsvRecord[] = [];
  const problems: Problem[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const recordLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        const openLine = line;
        const openCol = i - lineStart + 1;
        i++;
        for (;;) {
          if (i >= text.length) {
            problems.push({
              file,
              line: openLine,
              col: openCol,
              message: 'this quoted field is never closed',
              fix: 'add the closing double quote, and write a quote inside a field as two ("")',
            });
            return { records, problems };
          }
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
            line++;
            lineStart = i + 1;
          }
          cell += c;
          i++;
        }
        if (i < text.length && text[i] !== delim && text[i] !== '\n' && text[i] !== '\r') {
          problems.push({
            file,
            line,
            col: i - lineStart + 1,
            message: 'text after a closing quote',
            fix: 'quote the whole field, and write a quote inside it as two ("")',
          });
          while (i < text.length && text[i] !== delim && text[i] !== '\n' && text[i] !== '\r') i++;
        }
      } else {
        const start = i;
        while (i < text.length && text[i] !== delim && text[i] !== '\n' && text[i] !== '\r') i++;
        cell = text.slice(start, i);
      }
      cells.push(cell);
      if (text[i] === delim) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    lineStart = i;
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: recordLine, cells });
  }
  return { records, problems };
}

function buildMapSchema() {
  const values = z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())]));
  return z.strictObject({
    columns: z.optional(z.record(z.string(), z.string())),
    values: z.optional(values),
  });
}
let mapSchemaCache: ReturnType<typeof buildMapSchema> | undefined;
const mapSchema = () => (mapSchemaCache ??= buildMapSchema());

/** A `--map` file: which question a column answers, and which option value a cell's text means. */
export interface CsvMap {
  columns: Record<string, string>;
  /** Cell text → option value, for every question. */
  values: Record<string, string>;
  /** Question id → (cell text → option value), for one question. */
  questionValues: Record<string, Record<string, string>>;
}

/**
 * Columns form tools add besides the answers, ignored without a --map: Google Forms (Timestamp,
 * Email Address, Score), Microsoft Forms (ID, Start time, Completion time, Email, Name, Last
 * modified time), Typeform (#, Response Type, Start Date (UTC), Stage Date (UTC), Submit Date
 * (UTC), Network ID, Tags). None is read, so no time or name reaches a report.
 */
const FORM_METADATA = new Set([
  'timestamp',
  'email address',
  'score',
  'id',
  'start time',
  'completion time',
  'email',
  'name',
  'last modified time',
  '#',
  'response type',
  'start date (utc)',
  'stage date (utc)',
  'submit date (utc)',
  'network id',
  'tags',
]);

/**
 * Headers of a form's free-text question, read as a general comment when no question or --map
 * entry claims the column: compared in lower case without closing punctuation. Any other column
 * becomes a comment only through a --map (columns: { "HEADER": comment }).
 */
const COMMENT_HEADERS = new Set([
  'comment',
  'comments',
  'note',
  'notes',
  'anything else',
  'anything else to add',
  'anything else you would like to add',
  'any other comments',
  'other comments',
  'additional comments',
  'feedback',
]);
const commentHeader = (name: string) => COMMENT_HEADERS.has(name.toLowerCase().replace(/[\s?.:!]+$/, ''));

/** A question's text without a lead-in such as "Rate this about yourself:". */
const withoutLeadIn = (text: string) => text.trim().replace(/^[^:.?!]{3,60}:\s+/, '');

/** The id of the question whose text (with or without its lead-in) is closest to a column header. */
function closestByText(name: string, byText: ReadonlyMap<string, Question>): string | undefined {
  const text = closest(name, [...byText.keys()]);
  return text === undefined ? undefined : byText.get(text)!.id;
}

/** How many problems of one kind are listed before the rest are counted in one line. */
const SHOWN_PER_KIND = 10;

/** Column targets besides question ids. */
const SPECIAL_COLUMNS = ['group', 'role', 'ignore', 'comment'] as const;

/** Reads a `--map` YAML file against the bank; every problem with its line and column. Pure. */
export function parseCsvMap(file: string, source: string, bank: Bank): { map?: CsvMap; problems: Problem[] } {
  const ids = questionsOf(bank).map((x) => x.question.id);
  const rule = (d: z.output<ReturnType<typeof mapSchema>>): RuleProblem[] => {
    const out: RuleProblem[] = [];
    for (const [col, target] of Object.entries(d.columns ?? {}))
      if (!ids.includes(target) && !(SPECIAL_COLUMNS as readonly string[]).includes(target)) {
        const near = closest(target, [...ids, ...SPECIAL_COLUMNS]);
        out.push({
          path: ['columns', col],
          message: `"${target}" is not a question id`,
          fix: near
            ? didYouMean(near)
            : 'write a question id (`service-audit bank` lists them), group, role, comment or ignore',
        });
      }
    for (const [key, v] of Object.entries(d.values ?? {}))
      if (typeof v === 'object' && !ids.includes(key))
        out.push({
          path: ['values', key],
          key: true,
          message: `"${key}" is not a question id`,
          fix: 'a nested list of values belongs under a question id; write label: value pairs for every question directly under values',
        });
    return out;
  };
  const { data, problems } = validateYaml(file, source, mapSchema(), [rule]);
  if (!data) return { problems };
  const values: Record<string, string> = {};
  const questionValues: Record<string, Record<string, string>> = {};
  for (const [k, v] of Object.entries(data.values ?? {}))
    if (typeof v === 'string') values[k] = v;
    else questionValues[k] = v;
  return { map: { columns: data.columns ?? {}, values, questionValues }, problems };
}

/** One CSV row as a respondent, or why it was left out. */
export interface CsvRow {
  /** FILE:ROW. */
  source: string;
  answers?: Answers;
  /** The row's general comments (free-text columns), shown only under the notes rule. */
  comments?: string[];
  problems: Problem[];
}

type Column =
  | { kind: 'question'; question: Question }
  | { kind: 'group' }
  | { kind: 'role' }
  | { kind: 'comment' }
  | { kind: 'ignore' };

const NA = /^(n\/?a|not applicable)$/i;
const PERCENT = /^[-+]?(\d+(\.\d*)?|\.\d+)\s*%?$/;
const YES_NO_WORDS: Record<string, string> = { true: 'yes', false: 'no', y: 'yes', n: 'no' };

/**
 * Turns a CSV export into respondents. The header row names the questions (by id, by their exact
 * text, or through the map); an unknown column stops the import (`fatal`, exit 2) since every
 * row would be misread. A row with a value no option matches is left out with its problems.
 */
export function csvRespondents(
  file: string,
  source: string,
  bank: Bank,
  map?: CsvMap,
): { rows: CsvRow[]; fatal: Problem[] } {
  const { records, problems } = parseCsv(file, source);
  if (problems.length > 0) return { rows: [], fatal: problems };
  const [header, ...body] = records;
  if (!header)
    return {
      rows: [],
      fatal: [
        {
          file,
          line: 1,
          col: 1,
          message: 'the CSV file is empty',
          fix: 'export the responses with a header row naming the questions',
        },
      ],
    };
  const all = questionsOf(bank).map((x) => x.question);
  const byId = new Map(all.map((q) => [q.id, q]));
  const byText = new Map(all.map((q) => [q.text.trim(), q]));
  // A form shows a statement without the bank's lead-in ("Rate this about yourself: …"): it matches too.
  for (const q of all) {
    const bare = withoutLeadIn(q.text);
    if (bare !== q.text.trim() && !byText.has(bare)) byText.set(bare, q);
  }
  const fatal: Problem[] = [];
  const used = new Map<string, number>();
  let unmatched = 0;
  const columns: Column[] = header.cells.map((raw, c) => {
    const name = raw.trim();
    const target = map?.columns[name] ?? map?.columns[raw];
    const special = (target ?? name.toLowerCase()) as (typeof SPECIAL_COLUMNS)[number];
    const q = target !== undefined ? byId.get(target) : (byId.get(name) ?? byText.get(name));
    const col: Column | undefined = q
      ? { kind: 'question', question: q }
      : (SPECIAL_COLUMNS as readonly string[]).includes(special) && (target !== undefined || special !== 'ignore')
        ? ({ kind: special } as Column)
        : undefined;
    if (!col && target === undefined && FORM_METADATA.has(name.toLowerCase())) return { kind: 'ignore' };
    // A free-text question of the form ("Anything else?"): each cell a general comment.
    if (!col && target === undefined && commentHeader(name)) return { kind: 'comment' };
    if (!col) {
      // Past the first few, only counted: a 100,000-column header is one more line, not 100,000.
      if (++unmatched > SHOWN_PER_KIND) return { kind: 'ignore' };
      const near =
        name.length > QUOTE_MAX * 4 ? undefined : (closest(name, [...byId.keys()]) ?? closestByText(name, byText));
      fatal.push({
        file,
        line: header.line,
        col: c + 1,
        message: `column ${quoted(name)} matches no question`,
        fix: near
          ? `${didYouMean(near)} Or map it in a --map file (columns: { ${quoted(name)}: question-id })`
          : 'name the question by its id or exact text, or map it in a --map file (columns: { "COLUMN": question-id or ignore })',
      });
      return { kind: 'ignore' };
    }
    // A question, group or role answered by two columns: which one holds the answer is a guess.
    const key = col.kind === 'question' ? col.question.id : col.kind;
    if (col.kind !== 'ignore' && col.kind !== 'comment') {
      const first = used.get(key);
      if (first !== undefined)
        fatal.push({
          file,
          line: header.line,
          col: c + 1,
          message: `column ${quoted(name)} answers ${key} again (first in column ${first})`,
          fix: 'keep one column per question, group or role, or map one of them to ignore',
        });
      else used.set(key, c + 1);
    }
    return col;
  });
  if (unmatched > SHOWN_PER_KIND)
    fatal.push({
      file,
      line: header.line,
      col: 1,
      message: `and ${count(unmatched - SHOWN_PER_KIND)} more like this: columns that match no question`,
      fix: 'check that the file is an export of this bank’s form, or map its columns in a --map file',
    });
  if (fatal.length > 0) return { rows: [], fatal };

  const cellValue = (q: Question, cell: string): { answer?: Answer; error?: { message: string; fix: string } } => {
    const text = cell.trim();
    if (text === '') return {};
    if (NA.test(text)) return { answer: { na: 'marked not applicable in the CSV' } };
    if (q.type === 'number') {
      // The answers file's own reading, so a number the CSV brings in reads back the same.
      const { answer, error } = normaliseAnswer(q, text);
      return error
        ? { error: { message: error.message, fix: `write ${allowedValues(q)}, e.g. 12, or N/A if it is not measured` } }
        : { answer: answer! };
    }
    if (q.type === 'percent') {
      if (!PERCENT.test(text))
        return {
          error: {
            message: `${q.id} is a percent question; ${quoted(text)} is not a number`,
            fix: 'write a number from 0 to 100, e.g. 45',
          },
        };
      const v = Number(text.replace('%', '').trim());
      if (v < 0 || v > 100)
        return { error: { message: `${q.id}: ${v} is outside 0-100`, fix: 'write a number from 0 to 100' } };
      return { answer: { value: v } };
    }
    const options = q.options!;
    const lower = text.toLowerCase();
    const mapped = map?.questionValues[q.id]?.[text] ?? map?.values[text];
    const value =
      options.find((o) => o.value === text)?.value ??
      options.find((o) => o.label.trim().toLowerCase() === lower)?.value ??
      (q.type === 'yesno' ? YES_NO_WORDS[lower] : undefined) ??
      (mapped !== undefined && options.some((o) => o.value === mapped) ? mapped : undefined);
    if (value !== undefined) return { answer: { value } };
    const near =
      text.length <= QUOTE_MAX
        ? closest(
            text,
            options.map((o) => o.value),
          )
        : undefined;
    return {
      error: {
        message: `${quoted(text)} is not an answer to ${q.id}`,
        fix: `${near ? `${didYouMean(near)} ` : ''}use one of ${options.map((o) => o.value).join(', ')} (or their labels), or map it in a --map file (values: { ${text.length <= QUOTE_MAX ? quoted(text) : '"CELL TEXT"'}: value })`,
      },
    };
  };

  const ref = bankRef(bank);
  const rows = body.map((rec): CsvRow => {
    const source = `${file}:${rec.line}`;
    const problems: Problem[] = [];
    const answers: Answers = { bank: ref, answers: {} };
    const comments: string[] = [];
    if (rec.cells.length > columns.length)
      problems.push({
        file,
        line: rec.line,
        col: columns.length + 1,
        message: `this row has ${rec.cells.length} cells but the header has ${columns.length} columns`,
        fix: 'quote cells that hold the delimiter, or remove the extra cells',
      });
    // Fewer cells is as unsure as more: a lost delimiter shifts every answer after it.
    if (rec.cells.length < columns.length)
      problems.push({
        file,
        line: rec.line,
        col: 1,
        message: `this row has ${rec.cells.length} ${rec.cells.length === 1 ? 'cell' : 'cells'} but the header has ${columns.length} columns`,
        fix: 'give every row a cell for every column (an empty cell is fine: a,,c)',
      });
    columns.forEach((col, c) => {
      const cell = rec.cells[c] ?? '';
      const at = { file, line: rec.line, col: c + 1 };
      if (col.kind === 'ignore') return;
      if (col.kind === 'comment') {
        if (cell.trim() !== '') comments.push(cell.trim());
        return;
      }
      if (col.kind === 'group') {
        const g = cell.trim();
        if (g.length > 100)
          problems.push({
            ...at,
            message: 'the group is longer than 100 characters',
            fix: 'use a short name for the team, site or shift',
          });
        else if (g !== '') answers.group = g;
        return;
      }
      if (col.kind === 'role') {
        const r = cell.trim().toLowerCase();
        if (r === 'lead') answers.role = 'lead';
        else if (r !== '' && r !== 'team')
          problems.push({
            ...at,
            message: `role ${quoted(cell.trim())} is not lead`,
            fix: "write lead for the lead's own row, or leave it empty",
          });
        return;
      }
      const { answer, error } = cellValue(col.question, cell);
      if (error) problems.push({ ...at, ...error });
      else if (answer) answers.answers[col.question.id] = answer;
    });
    if (problems.length > 0) return { source, problems };
    return comments.length > 0 ? { source, answers, comments, problems } : { source, answers, problems };
  });
  return { rows, fatal: [] };
}
