import { allQuestionsOf, bankRef } from '../bank/load.js';
import type { Bank } from '../bank/schema.js';
import { wrap } from '../text/wrap.js';
import type { Answer, Answers } from './schema.js';
import { allowedValues } from './parse.js';

const str = (s: string) => JSON.stringify(s);

function answerText(a: Answer | undefined): string {
  if (!a) return '';
  if (a.na !== undefined) return ` { na: ${str(a.na)}${a.note ? `, note: ${str(a.note)}` : ''} }`;
  const v = typeof a.value === 'number' ? String(a.value) : a.value!;
  return a.note ? ` { value: ${v}, note: ${str(a.note)} }` : ` ${v}`;
}

/**
 * Writes an answers file: every question of the bank as a key, with its text and allowed
 * values as comments above it, so the file documents itself. Unanswered keys stay empty.
 * The same text serves `init` (no answers) and the interactive audit (answers so far). Pure.
 */
export function renderAnswersFile(bank: Bank, answers: Omit<Answers, 'bank'>, schemaPath: string): string {
  const lines = [
    `# yaml-language-server: $schema=${schemaPath}`,
    `# Answers to "${bank.title}" (${bankRef(bank)}), written by service-audit.`,
    '# Give each question one of the values listed above it, or',
    '#   { value: <value>, note: "..." }   to add a note,',
    '#   { na: "why it does not apply" }   when it does not apply.',
    '# Leave a question empty to answer it later. Check the file: service-audit validate FILE',
    `bank: ${bankRef(bank)}`,
  ];
  lines.push(answers.organization !== undefined ? `organization: ${str(answers.organization)}` : '# organization: Your organization');
  lines.push(answers.respondent !== undefined ? `respondent: ${str(answers.respondent)}` : '# respondent: Your name');
  // Only when set: most files are one person's audit, and a template need not mention pooling.
  if (answers.group !== undefined) lines.push(`group: ${str(answers.group)}`);
  if (answers.role !== undefined) lines.push(`role: ${answers.role}`);
  lines.push(answers.date !== undefined ? `date: ${answers.date}` : '# date: YYYY-MM-DD');
  lines.push('answers:');
  let element = '';
  for (const { area, element: e, question: q } of allQuestionsOf(bank)) {
    if (e.id !== element) {
      element = e.id;
      lines.push('', `  # ── ${area.title} / ${e.title}${e.concept ? ` (${e.concept})` : ''}`);
    }
    for (const l of wrap(q.text, 86)) lines.push(`  # ${l}`);
    lines.push(`  #   ${q.type === 'percent' ? 'percent: a number from 0 to 100' : `values: ${allowedValues(q).replaceAll(', ', ' | ')}`}`);
    lines.push(`  ${q.id}:${answerText(answers.answers[q.id])}`);
  }
  return `${lines.join('\n')}\n`;
}
