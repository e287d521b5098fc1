import type { Answer, Answers } from '../answers/schema.js';
import { questionsOf } from '../bank/load.js';
import type { Bank } from '../bank/schema.js';
import type { ReportModel } from '../report/schema.js';
import { wrap } from '../text/wrap.js';
import { round1 } from '../score/score.js';
import { markdownCode, markdownInline as md, terminalLine as t } from '../text/escape.js';

export interface ScoreChange {
  id: string;
  title: string;
  old: number | null;
  new: number | null;
  delta: number | null;
}

export interface AnswerChange {
  questionId: string;
  text: string;
  old: string | null;
  new: string | null;
}

/** The comparison of two audits: a versioned JSON contract like the report. */
export interface Comparison {
  schemaVersion: 1;
  old: { file: string; date: string | null };
  new: { file: string; date: string | null };
  overall: ScoreChange;
  areas: ScoreChange[];
  elements: ScoreChange[];
  improvements: ScoreChange[];
  regressions: ScoreChange[];
  changedAnswers: AnswerChange[];
}

const change = (id: string, title: string, a: number | null, b: number | null): ScoreChange => ({ id, title, old: a, new: b, delta: a === null || b === null ? null : round1(b - a) });

const show = (a: Answer | undefined): string | null => (a === undefined ? null : a.na !== undefined ? `n/a (${a.na})` : String(a.value));

/** Compares two scored audits of the same bank. Pure. */
export function compareAudits(bank: Bank, older: { report: ReportModel; answers: Answers }, newer: { report: ReportModel; answers: Answers }): Comparison {
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const oldAreas = byId(older.report.areas);
  const oldElements = byId(older.report.elements);
  const elements = newer.report.elements.map((e) => change(e.id, e.title, oldElements.get(e.id)?.score ?? null, e.score));
  const changedAnswers = questionsOf(bank).flatMap(({ question: q }) => {
    const a = show(older.answers.answers[q.id]);
    const b = show(newer.answers.answers[q.id]);
    return a === b ? [] : [{ questionId: q.id, text: q.text, old: a, new: b }];
  });
  return {
    schemaVersion: 1,
    old: { file: older.report.answers.file, date: older.report.answers.date },
    new: { file: newer.report.answers.file, date: newer.report.answers.date },
    overall: change('overall', 'Overall', older.report.overall.score, newer.report.overall.score),
    areas: newer.report.areas.map((a) => change(a.id, a.title, oldAreas.get(a.id)?.score ?? null, a.score)),
    elements,
    improvements: elements.filter((e) => (e.delta ?? 0) > 0).sort((x, y) => y.delta! - x.delta!),
    regressions: elements.filter((e) => (e.delta ?? 0) < 0).sort((x, y) => x.delta! - y.delta!),
    changedAnswers,
  };
}

const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
const signed = (x: number | null) => (x === null ? 'n/a' : `${x > 0 ? '+' : ''}${x.toFixed(1)}`);

/** The comparison for a terminal; text from files passes terminalLine. Pure. */
export function renderComparisonTerminal(c: Comparison): string {
  const out = [t(`Comparing ${c.old.file} (${c.old.date ?? 'undated'}) → ${c.new.file} (${c.new.date ?? 'undated'})`), ''];
  const row = (x: ScoreChange, indent: string) => `${indent}${t(x.title).padEnd(40 - indent.length)} ${num(x.old).padStart(6)} → ${num(x.new).padStart(6)}  ${signed(x.delta).padStart(6)}`;
  out.push(row(c.overall, ''));
  for (const a of c.areas) out.push(row(a, '  '));
  out.push('');
  for (const [title, list] of [['Improvements', c.improvements], ['Regressions', c.regressions]] as const) {
    out.push(`${title} (${list.length})`);
    for (const e of list) out.push(row(e, '  '));
    out.push('');
  }
  out.push(`Changed answers (${c.changedAnswers.length})`);
  for (const a of c.changedAnswers) out.push(t(`  ${a.questionId}: ${a.old ?? '(unanswered)'} → ${a.new ?? '(unanswered)'}`));
  return `${out.join('\n')}\n`;
}

/** A markdown list item wrapped to 80 columns. */
const item = (text: string) => wrap(text, 78).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)).join('\n');

/** The comparison as markdown; text from files passes the markdown escapers. Pure. */
export function renderComparisonMarkdown(c: Comparison): string {
  const table = (rows: ScoreChange[]) => ['| Scope | Before | After | Change |', '| --- | ---: | ---: | ---: |', ...rows.map((r) => `| ${md(r.title)} | ${num(r.old)} | ${num(r.new)} | ${signed(r.delta)} |`)].join('\n');
  const blocks = [
    '# Service audit comparison',
    // File names as text, not code: a name may hold spaces, and the line must wrap (a code span split by a wrap could start a line with markup).
    wrap(`From ${md(c.old.file)} (${md(c.old.date ?? 'undated')}) to ${md(c.new.file)} (${md(c.new.date ?? 'undated')}).`, 80).join('\n'),
    '## Scores',
    table([c.overall, ...c.areas, ...c.elements]),
    '## Regressions',
    c.regressions.length ? c.regressions.map((r) => item(`${md(r.title)}: ${signed(r.delta)}`)).join('\n') : 'None.',
    '## Improvements',
    c.improvements.length ? c.improvements.map((r) => item(`${md(r.title)}: ${signed(r.delta)}`)).join('\n') : 'None.',
    '## Changed answers',
    c.changedAnswers.length ? c.changedAnswers.map((a) => item(`${markdownCode(a.questionId)}: ${md(a.old ?? 'unanswered')} → ${md(a.new ?? 'unanswered')}`)).join('\n') : 'None.',
  ];
  return `${blocks.join('\n\n')}\n`;
}

export const COMPARE_FORMATS = {
  terminal: renderComparisonTerminal,
  markdown: renderComparisonMarkdown,
  json: (c: Comparison) => `${JSON.stringify(c, null, 2)}\n`,
} as const;
