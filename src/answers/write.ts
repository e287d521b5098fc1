import { targetText } from '../bank/number.js';
import { allQuestionsOf, bankRef } from '../bank/queries.js';
import type { Bank } from '../bank/schema.js';
import { yamlComment, yamlQuoted, yamlString } from '../text/escape.js';
import { wrap } from '../text/wrap.js';
import { answerOf, type Answer, type Answers } from './schema.js';
import { allowedValues } from './parse.js';

// Every text from the bank or the user goes through the escaper of its place: yamlComment in a
// comment, yamlString for a key or an option value, yamlQuoted for free text. So the file reads
// back as exactly the answers written, whatever the bank's ids, values and titles are.

/** The value of one answer, with a leading space, or '' for an unanswered question. */
function answerText(a: Answer | undefined): string {
  if (!a) return '';
  const note = [
    a.note ? `, note: ${yamlQuoted(a.note)}` : '',
    a.evidence ? `, evidence: ${yamlQuoted(a.evidence)}` : '',
    a.date ? `, date: ${plainDay(a.date)}` : '',
  ].join('');
  if (a.na !== undefined) return ` { na: ${yamlQuoted(a.na)}${note} }`;
  const v = typeof a.value === 'number' ? String(a.value) : yamlString(a.value!);
  return note ? ` { value: ${v}${note} }` : ` ${v}`;
}

/** A well-formed date stays plain (YAML 1.2 reads it as text); anything else is quoted. */
const plainDay = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? d : yamlQuoted(d));

/** One question's part of the file up to its key: the element heading if it starts one, the text, the values. */
interface Block {
  id: string;
  /** Everything up to and including `  key:`. */
  head: string;
}

/** The parts that do not change between saves, made once per bank (the audit saves after every answer). */
const blocksOf = new WeakMap<Bank, Block[]>();

function blocks(bank: Bank): Block[] {
  const cached = blocksOf.get(bank);
  if (cached) return cached;
  const out: Block[] = [];
  let element = '';
  for (const { area, element: e, question: q } of allQuestionsOf(bank)) {
    const lines: string[] = [];
    if (e.id !== element) {
      element = e.id;
      lines.push('', `  # ── ${yamlComment(`${area.title} / ${e.title}${e.concept ? ` (${e.concept})` : ''}`)}`);
    }
    for (const l of wrap(yamlComment(q.text), 86)) lines.push(`  # ${l}`);
    lines.push(
      `  #   ${q.type === 'percent' ? 'percent: a number from 0 to 100' : q.type === 'number' ? `number: ${yamlComment(`${allowedValues(q)}${targetText(q) ? `; ${targetText(q)}` : ''}`)}` : `values: ${yamlComment(allowedValues(q).replaceAll(', ', ' | '))}`}`,
    );
    lines.push(`  ${yamlString(q.id)}:`);
    out.push({ id: q.id, head: lines.join('\n') });
  }
  blocksOf.set(bank, out);
  return out;
}

/**
 * How an answers file points at its JSON Schema: a path for the editor's modeline, or, when no
 * path would hold on another machine, the command that writes the schema.
 */
export type SchemaLink = { path: string } | { command: string };

/** The header lines that link a file service-audit writes (an answers file, a plan) to its schema. */
export function schemaLines(schema: string | SchemaLink, kind = 'answers'): string[] {
  const link = typeof schema === 'string' ? { path: schema } : schema;
  if ('path' in link) return [`# yaml-language-server: $schema=${yamlComment(link.path)}`];
  // Not the modeline itself, even as an example: editors read it wherever it stands.
  return [
    '# Editors can check this file and complete its values with a JSON Schema: run',
    `#   ${yamlComment(link.command)} > ${kind}.schema.json`,
    '# and put the modeline for it on the first line (see "Files" in the README); it is kept.',
  ];
}

/** An optional top-level text field: quoted when given, else a commented-out example. */
const field = (key: string, value: string | undefined, example: string) =>
  value !== undefined ? `${key}: ${yamlQuoted(value)}` : `# ${key}: ${example}`;

/**
 * Writes an answers file: every question of the bank as a key, with its text and allowed
 * values as comments above it, so the file documents itself. Unanswered keys stay empty.
 * The same text serves `init` (no answers) and the interactive audit (answers so far). Pure.
 */
export function renderAnswersFile(bank: Bank, answers: Omit<Answers, 'bank'>, schema: string | SchemaLink): string {
  const lines = [
    ...(typeof schema === 'string' || 'path' in schema ? schemaLines(schema) : []),
    `# Answers to "${yamlComment(bank.title)}" (${bankRef(bank)}), written by service-audit.`,
    '# Give each question one of the values listed above it, or',
    '#   { value: <value>, note: "..." }   to add a note,',
    '#   { na: "why it does not apply" }   when it does not apply.',
    '# Leave a question empty to answer it later. Check the file: service-audit validate FILE',
    ...(typeof schema !== 'string' && 'command' in schema ? schemaLines(schema) : []),
    `bank: ${bankRef(bank)}`,
    field('organization', answers.organization, 'Your organization'),
    field('respondent', answers.respondent, 'Your name'),
  ];
  if (answers.group !== undefined) lines.push(`group: ${yamlQuoted(answers.group)}`);
  if (answers.role !== undefined) lines.push(`role: ${yamlString(answers.role)}`);
  lines.push(answers.date !== undefined ? `date: ${plainDay(answers.date)}` : '# date: YYYY-MM-DD');
  lines.push('answers:');
  for (const b of blocks(bank)) lines.push(b.head + answerText(answerOf(answers, b.id)));
  return `${lines.join('\n')}\n`;
}
