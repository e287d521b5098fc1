import { questionsOf } from '../bank/queries.js';
import type { Bank, Question } from '../bank/schema.js';
import { terminalLine } from '../text/escape.js';

// A ready questionnaire for a form tool (Google Forms, Microsoft Forms, Typeform): the team
// statements in the bank's order, each with its options in order, as plain text to paste, and the
// --map that reads the tool's CSV export back. Pure.

/** The header a form tool exports for a question: its title, which is the statement as written. */
const titleOf = (q: Question) => terminalLine(q.text.trim().replace(/\s+/g, ' '));

/** The header of the optional free-text question; the CSV import reads it as a general comment. */
export const FORM_COMMENT_TITLE = 'Anything else?';

const kind = (q: Question): string =>
  q.type === 'percent'
    ? 'short answer, a number from 0 to 100'
    : q.type === 'number'
      ? `short answer, a number${q.unit ? ` (${terminalLine(q.unit)})` : ''}`
      : 'multiple choice, one answer';

/** The questionnaire text: numbered questions, their type and options, then how to export. */
export function formQuestionnaire(bank: Bank): string {
  const team = questionsOf(bank).filter((x) => x.question.audience === 'team');
  const out = [
    `Questionnaire for a form tool: ${terminalLine(bank.title)} (${terminalLine(bank.id)}@${bank.version})`,
    '',
    'Make one question per numbered item, in this order. Copy each title exactly: the CSV export names',
    'its columns by the titles, and the import matches them. Copy the options in the order given.',
    'Make no question required, and do not collect names or email addresses.',
    '',
  ];
  team.forEach(({ question: q }, i) => {
    out.push(`${i + 1}. ${titleOf(q)}`, `   Type: ${kind(q)}`);
    for (const o of q.options ?? []) out.push(`   - ${terminalLine(o.label.trim())}`);
    out.push('');
  });
  out.push(
    `${team.length + 1}. ${FORM_COMMENT_TITLE}`,
    '   Type: paragraph (optional; shown in the team report only from 10 respondents)',
    '',
    'Export the responses as CSV and pool them with:',
    '  service-audit report responses.csv --map form-map.yaml',
    '',
  );
  return `${out.join('\n')}`;
}

/** A YAML double-quoted scalar: JSON's string syntax is valid YAML. */
const yamlString = (s: string) => JSON.stringify(s);

/** The --map for the questionnaire's export: each title to its question id, the free-text column to comment. */
export function formMap(bank: Bank): string {
  const team = questionsOf(bank).filter((x) => x.question.audience === 'team');
  const lines = [
    `# --map for the CSV export of the questionnaire of ${bank.id}@${bank.version} (service-audit form)`,
    'columns:',
    ...team.map(({ question: q }) => `  ${yamlString(titleOf(q))}: ${q.id}`),
    `  ${yamlString(FORM_COMMENT_TITLE)}: comment`,
  ];
  return `${lines.join('\n')}\n`;
}
