import type { Formats, RenderOptions } from '../renderer.js';
import { markdownCode, markdownInline as md, terminalLine as t } from '../text/escape.js';
import { wrap } from '../text/wrap.js';
import type { Comparison, ScoreChange } from './compare.js';

const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
const signed = (x: number | null) => (x === null ? 'n/a' : `${x > 0 ? '+' : ''}${x.toFixed(1)}`);

/** The comparison for a terminal; text from files passes terminalLine. Pure. */
export function renderComparisonTerminal(c: Comparison, _o: RenderOptions = {}): string {
  const out = [
    t(`Comparing ${c.old.file} (${c.old.date ?? 'undated'}) → ${c.new.file} (${c.new.date ?? 'undated'})`),
    '',
  ];
  const row = (x: ScoreChange, indent: string) =>
    `${indent}${t(x.title).padEnd(40 - indent.length)} ${num(x.old).padStart(6)} → ${num(x.new).padStart(6)}  ${signed(x.delta).padStart(6)}`;
  out.push(row(c.overall, ''));
  for (const a of c.areas) out.push(row(a, '  '));
  out.push('');
  for (const [title, list] of [
    ['Improvements', c.improvements],
    ['Regressions', c.regressions],
  ] as const) {
    out.push(`${title} (${list.length})`);
    for (const e of list) out.push(row(e, '  '));
    out.push('');
  }
  out.push(`Changed answers (${c.changedAnswers.length})`);
  for (const a of c.changedAnswers)
    out.push(t(`  ${a.questionId}: ${a.old ?? '(unanswered)'} → ${a.new ?? '(unanswered)'}`));
  return `${out.join('\n')}\n`;
}

/** A markdown list item wrapped to 80 columns. */
const item = (text: string) =>
  wrap(text, 78)
    .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
    .join('\n');

/** The comparison as markdown; text from files passes the markdown escapers. Pure. */
export function renderComparisonMarkdown(c: Comparison, _o: RenderOptions = {}): string {
  const table = (rows: ScoreChange[]) =>
    [
      '| Scope | Before | After | Change |',
      '| --- | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${md(r.title)} | ${num(r.old)} | ${num(r.new)} | ${signed(r.delta)} |`),
    ].join('\n');
  const blocks = [
    '# Service audit comparison',
    // File names as text, not code: a name may hold spaces, and the line must wrap (a code span split by a wrap could start a line with markup).
    wrap(
      `From ${md(c.old.file)} (${md(c.old.date ?? 'undated')}) to ${md(c.new.file)} (${md(c.new.date ?? 'undated')}).`,
      80,
    ).join('\n'),
    '## Scores',
    table([c.overall, ...c.areas, ...c.elements]),
    '## Regressions',
    c.regressions.length ? c.regressions.map((r) => item(`${md(r.title)}: ${signed(r.delta)}`)).join('\n') : 'None.',
    '## Improvements',
    c.improvements.length ? c.improvements.map((r) => item(`${md(r.title)}: ${signed(r.delta)}`)).join('\n') : 'None.',
    '## Changed answers',
    c.changedAnswers.length
      ? c.changedAnswers
          .map((a) =>
            item(`${markdownCode(a.questionId)}: ${md(a.old ?? 'unanswered')} → ${md(a.new ?? 'unanswered')}`),
          )
          .join('\n')
      : 'None.',
  ];
  return `${blocks.join('\n\n')}\n`;
}

/** The comparison as stable, pretty JSON. */
export function renderComparisonJson(c: Comparison, _o: RenderOptions = {}): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}

/** The comparison's formats: one renderer each, all of the same comparison. */
export const COMPARE_FORMATS = {
  terminal: renderComparisonTerminal,
  markdown: renderComparisonMarkdown,
  json: renderComparisonJson,
} as const satisfies Formats<Comparison>;

export type CompareFormat = keyof typeof COMPARE_FORMATS;
