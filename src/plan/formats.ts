import type { Formats, RenderOptions } from '../renderer.js';
import { csvField, markdownCode, markdownInline as md, terminalLine as t } from '../text/escape.js';
import { wrap } from '../text/wrap.js';
import type { PlanModel, PlannedAction } from './model.js';

/** How an action's status is shown on a terminal. */
const MARK: Record<PlannedAction['status'], string> = { planned: '○', doing: '◐', done: '●', dropped: '×' };

/** When and by whom, in words: "Team lead, due 2027-03-31 (overdue)". */
function whoWhen(a: PlannedAction): string {
  const due = a.due ? `due ${a.due}${a.overdue ? ' (overdue)' : ''}` : 'no due date';
  return `${a.owner ?? 'no owner'}, ${due}`;
}

/** The plan for a terminal; text from the file passes terminalLine. Pure. */
export function renderPlanTerminal(m: PlanModel, o: RenderOptions = {}): string {
  const s = o.style;
  const width = Math.max(40, Math.min(o.width ?? 80, 100));
  const lines = [
    t(`Action plan${m.organization ? `: ${m.organization}` : ''} (${m.file}) — ${m.progress.summary}`),
    '',
  ];
  if (m.actions.length === 0) lines.push('No actions yet. Plan from an audit: service-audit plan --answers FILE');
  for (const a of m.actions) {
    const head = `${MARK[a.status]} ${a.title}`;
    const shown = wrap(t(head), width - 2).join('\n  ');
    lines.push(a.status === 'done' || a.status === 'dropped' ? (s ? s.dim(shown) : shown) : shown);
    const meta = wrap(t(`[${a.id}] ${a.status}${a.changed ? ` since ${a.changed}` : ''} · ${whoWhen(a)}`), width - 2)
      .map((l) => `  ${l}`)
      .join('\n');
    lines.push(a.overdue && s ? s.red(meta) : meta);
    if (a.firstStep) lines.push(...wrap(t(`First step: ${a.firstStep}`), width - 4).map((l) => `    ${l}`));
    if (a.check) lines.push(...wrap(t(`Worked when: ${a.check}`), width - 4).map((l) => `    ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The plan as a GitHub task list (GitHub, GitLab and most trackers turn `- [ ]` items into
 * checkboxes): done actions ticked, dropped ones struck through. Pure.
 */
export function renderPlanMarkdown(m: PlanModel, _o: RenderOptions = {}): string {
  const lines = [
    `# Action plan${m.organization ? `: ${md(m.organization)}` : ''}`,
    '',
    md(`${m.progress.summary}.`),
    '',
  ];
  for (const a of m.actions) {
    const box = a.status === 'done' ? '[x]' : '[ ]';
    const title = a.status === 'dropped' ? `~~${md(a.title)}~~` : `**${md(a.title)}**`;
    const item = `${title} — ${md(whoWhen(a))}, ${a.status}${a.changed ? ` since ${a.changed}` : ''} (${markdownCode(a.id)})`;
    lines.push(...wrap(item, 74).map((l, i) => (i === 0 ? `- ${box} ${l}` : `      ${l}`)));
    if (a.firstStep) lines.push(...wrap(`First step: ${md(a.firstStep)}`, 72).map((l) => `      ${l}`));
    if (a.check) lines.push(...wrap(`Worked when: ${md(a.check)}`, 72).map((l) => `      ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The plan model as JSON: the versioned contract. */
export function renderPlanJson(m: PlanModel, _o: RenderOptions = {}): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** The columns of the CSV, one row per action. */
const CSV_COLUMNS = [
  'id',
  'title',
  'questions',
  'owner',
  'due',
  'status',
  'changed',
  'overdue',
  'firstStep',
  'check',
  'gain',
  'notes',
] as const;

/** The plan as CSV (RFC 4180, CRLF), one row per action; every field passes the CSV escaper. Pure. */
export function renderPlanCsv(m: PlanModel, _o: RenderOptions = {}): string {
  const cell = (a: PlannedAction, c: (typeof CSV_COLUMNS)[number]): string => {
    if (c === 'questions') return csvField(a.questions.join(' '));
    if (c === 'overdue') return a.overdue ? 'yes' : 'no';
    if (c === 'gain') return a.gain === undefined ? '' : String(a.gain);
    const v = a[c];
    return v === undefined ? '' : csvField(String(v));
  };
  const rows = [CSV_COLUMNS.join(','), ...m.actions.map((a) => CSV_COLUMNS.map((c) => cell(a, c)).join(','))];
  return `${rows.join('\r\n')}\r\n`;
}

/** The plan's formats: one renderer each, all of the same model. */
export const PLAN_FORMATS = {
  terminal: renderPlanTerminal,
  markdown: renderPlanMarkdown,
  json: renderPlanJson,
  csv: renderPlanCsv,
} as const satisfies Formats<PlanModel>;

export type PlanFormat = keyof typeof PLAN_FORMATS;
