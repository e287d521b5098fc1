import { schemaLines, type SchemaLink } from '../answers/write.js';
import { yamlComment, yamlQuoted, yamlString } from '../text/escape.js';
import type { Action, Plan } from './schema.js';

/** A well-formed date stays plain (YAML 1.2 reads it as text); anything else is quoted. */
const day = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? d : yamlQuoted(d));

/** One action as a YAML list item, its fields in the order a person reads them. */
function actionLines(a: Action): string[] {
  const lines = [
    `  - id: ${yamlString(a.id)}`,
    `    title: ${yamlQuoted(a.title)}`,
    `    questions: [${a.questions.map(yamlString).join(', ')}]`,
    a.owner !== undefined ? `    owner: ${yamlQuoted(a.owner)}` : '    owner: ""',
    a.due !== undefined ? `    due: ${day(a.due)}` : '    # due: YYYY-MM-DD',
    `    status: ${a.status}`,
  ];
  if (a.changed !== undefined) lines.push(`    changed: ${day(a.changed)}`);
  if (a.firstStep !== undefined) lines.push(`    firstStep: ${yamlQuoted(a.firstStep)}`);
  if (a.check !== undefined) lines.push(`    check: ${yamlQuoted(a.check)}`);
  if (a.gain !== undefined) lines.push(`    gain: ${a.gain}`);
  if (a.notes !== undefined) lines.push(`    notes: ${yamlQuoted(a.notes)}`);
  return lines;
}

/**
 * Writes a plan file: a header that says how to edit it, then each action. Every text from the
 * user or the bank goes through the YAML escaper of its place, so the file reads back as exactly
 * the plan written. Pure.
 */
export function renderPlanFile(plan: Plan, schema: string | SchemaLink, title = plan.bank): string {
  const link = typeof schema === 'string' ? { path: schema } : schema;
  const lines = [
    ...('path' in link ? schemaLines(link, 'plan') : []),
    `# The action plan from "${yamlComment(title)}" (${yamlComment(plan.bank)}), written by service-audit.`,
    '# status: planned | doing | done | dropped; set `changed:` to the day it changed.',
    '# Edit it by hand or with `service-audit plan`; a change made meanwhile is merged, never overwritten.',
    ...('command' in link ? schemaLines(link, 'plan') : []),
    `bank: ${yamlString(plan.bank)}`,
  ];
  if (plan.organization !== undefined) lines.push(`organization: ${yamlQuoted(plan.organization)}`);
  if (plan.actions.length === 0) lines.push('actions: []');
  else {
    lines.push('actions:');
    for (const [i, a] of plan.actions.entries()) {
      if (i > 0) lines.push('');
      lines.push(...actionLines(a));
    }
  }
  return `${lines.join('\n')}\n`;
}
