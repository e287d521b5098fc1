// The history's renderers: one per format, each a pure function of the history model.
import { bandDefs, htmlPage, lineChart, score1 } from '../report/html-kit.js';
import type { RenderOptions } from '../renderer.js';
import { plain } from '../text/style.js';
import { html, markdownInline, terminalLine } from '../text/escape.js';
import { hang, wrap } from '../text/wrap.js';
import { loopHtml, loopMarkdown, loopTerminal } from './loop-render.js';
import type { HistoryModel, HistoryPoint, HistoryRow, Trend } from './model.js';

/** The short trend marks, and the words beside them where there is room. */
const TREND: Record<Trend, { mark: string; word: string }> = {
  up: { mark: '↑', word: 'up' },
  down: { mark: '↓', word: 'down' },
  flat: { mark: '→', word: 'steady' },
};
const NOT_COMPARED = { mark: '·', word: 'not compared' };

const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(1)}`;
/** "↑ +5.2", "→ ±0.0", or "·" when there is nothing to compare. */
export const trendText = (r: HistoryRow): string =>
  r.trend === null || r.change === null ? NOT_COMPARED.mark : `${TREND[r.trend].mark} ${signed(r.change)}`;
/** A score, "†" when the questions changed since the row's previous score, "—" where there is none. */
const pointText = (p: HistoryPoint): string => (p === null ? '—' : `${score1(p.score)}${p.comparable ? '' : '†'}`);
const anyChanged = (m: HistoryModel) =>
  [m.overall, ...m.areas, ...m.elements].some((r) => r.points.some((p) => p && !p.comparable));
const FOOTNOTE = '† The questions changed since the audit before: this score is not compared with it.';

const rowsOf = (m: HistoryModel) => [
  { label: m.overall.title, row: m.overall, depth: 0 },
  ...m.areas.flatMap((a) => [
    { label: a.title, row: a, depth: 0 },
    ...m.elements.filter((e) => e.area === a.id).map((e) => ({ label: e.title, row: e, depth: 1 })),
  ]),
  ...m.elements.filter((e) => !m.areas.some((a) => a.id === e.area)).map((e) => ({ label: e.title, row: e, depth: 1 })),
];

const heading = (m: HistoryModel) => `Service audit history${m.organization ? `: ${m.organization}` : ''}`;

/** The history at a terminal: the audits listed, then a table of the latest few, with trends. */
export function renderHistoryTerminal(m: HistoryModel, o: RenderOptions = {}): string {
  const s = o.style ?? plain;
  const width = Math.min(o.width ?? 80, 120);
  const t = terminalLine;
  const out: string[] = [s.bold(t(heading(m))), ''];
  const LABEL = 30;
  const COL = 7;
  const shown = Math.max(1, Math.min(m.audits.length, Math.floor((width - LABEL - 4 - 9) / COL)));
  const first = m.audits.length - shown;
  m.audits.forEach((a, i) => {
    out.push(
      ...hang(
        `${a.date}  ${a.bank}  ${a.answered}/${a.questions} answered  ${a.file}`.replace(/\s+$/, ''),
        width,
        `  #${i + 1} `,
      ).map(t),
    );
  });
  out.push('');
  if (first > 0)
    out.push(
      s.dim(`Showing the last ${shown} of ${m.audits.length} audits; --format markdown or html shows them all.`),
    );
  const fit = (x: string, n: number) => (x.length > n ? `${x.slice(0, n - 1)}…` : x.padEnd(n));
  out.push(
    s.dim(
      `  ${''.padEnd(LABEL)} ${m.audits
        .slice(first)
        .map((_, i) => `#${first + i + 1}`.padStart(COL - 1))
        .join(' ')}  Trend`,
    ),
  );
  for (const { label, row, depth } of rowsOf(m)) {
    const name = fit(`${'  '.repeat(depth)}${t(label)}`, LABEL);
    const cells = row.points
      .slice(first)
      .map((p) => pointText(p).padStart(COL - 1))
      .join(' ');
    const line = `  ${name} ${cells}  ${trendText(row)}`;
    out.push(depth === 0 ? s.bold(line) : line);
  }
  out.push('');
  if (anyChanged(m)) out.push(...hang(FOOTNOTE, width, '').map((l) => s.dim(l)));
  for (const c of m.comparability) out.push(...hang(t(c), width, '').map((l) => s.yellow(l)));
  out.push(
    ...hang(
      `${TREND.up.mark} ${TREND.up.word}, ${TREND.down.mark} ${TREND.down.word}, ${TREND.flat.mark} ${TREND.flat.word} (under 1 point either way): the latest score against the one before it.`,
      width,
      '',
    ).map((l) => s.dim(l)),
  );
  out.push(...loopTerminal(m, s, width));
  return `${out.join('\n').trimEnd()}\n`;
}

/** The history as GitHub-flavoured markdown: the audits, then one table with every audit. */
export function renderHistoryMarkdown(m: HistoryModel): string {
  const c = markdownInline;
  const blocks: string[] = [`# ${c(heading(m))}`];
  const audits = ['| # | Date | Bank | Answered | File |', '| ---: | --- | --- | ---: | --- |'];
  m.audits.forEach((a, i) => {
    audits.push(`| ${i + 1} | ${a.date} | ${c(a.bank)} | ${a.answered} of ${a.questions} | ${c(a.file)} |`);
  });
  blocks.push('## Audits', audits.join('\n'));
  blocks.push('## Scores');
  const table = [
    `| | ${m.audits.map((a, i) => `#${i + 1} ${a.date}`).join(' | ')} | Trend |`,
    `| --- | ${m.audits.map(() => '---:').join(' | ')} | --- |`,
  ];
  for (const { label, row, depth } of rowsOf(m)) {
    const name = depth === 0 ? `**${c(label)}**` : c(label);
    table.push(`| ${name} | ${row.points.map(pointText).join(' | ')} | ${trendText(row)} |`);
  }
  blocks.push(table.join('\n'));
  const notes = [
    `${TREND.up.mark} ${TREND.up.word}, ${TREND.down.mark} ${TREND.down.word}, ${TREND.flat.mark} ${TREND.flat.word} (under 1 point either way): the latest score against the one before it; ${NOT_COMPARED.mark} ${NOT_COMPARED.word}.`,
  ];
  if (anyChanged(m)) notes.push(FOOTNOTE);
  notes.push(...m.comparability.map(c));
  blocks.push(...notes.map((n) => wrap(n, 80).join('\n')));
  blocks.push(...loopMarkdown(m));
  blocks.push(`Generated by service-audit ${c(m.tool.version)}.`);
  return `${blocks.join('\n\n')}\n`;
}

/** The history model as stable, pretty JSON. */
export function renderHistoryJson(m: HistoryModel): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** "Dashed lines at 50, 70 and 85 mark where Developing, Strong and Excellent start." */
function bandLines(m: HistoryModel): string {
  const bands = m.bands.filter((b) => b.min > 0 && b.min < 100);
  if (bands.length === 0) return '';
  const list = (xs: string[]) => (xs.length === 1 ? xs[0]! : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
  return `Dashed lines at ${list(bands.map((b) => String(b.min)))} mark where ${list(bands.map((b) => b.label))} start.`;
}

/** The history as one self-contained HTML page: a line chart of overall and area scores, and a table of every element. */
export function renderHistoryHtml(m: HistoryModel): string {
  const dates = m.audits.map((a) => a.date);
  const series = [m.overall, ...m.areas].map((r) => ({
    name: r.title,
    values: r.points.map((p) => p?.score ?? null),
    breakBefore: r.points.map((p) => p !== null && !p.comparable),
    ...(r === m.overall && { main: true }),
  }));
  const head = `<tr><th scope="col">Score</th>${m.audits.map((a, i) => `<th scope="col" class="num">#${i + 1}<br>${html(a.date)}</th>`).join('')}<th scope="col">Trend</th></tr>`;
  const body = rowsOf(m)
    .map(({ label, row, depth }) => {
      const trend =
        row.trend === null || row.change === null
          ? `<span class="muted">${NOT_COMPARED.mark} ${NOT_COMPARED.word}</span>`
          : `${TREND[row.trend].mark} <span class="word">${TREND[row.trend].word} </span>${signed(row.change)}`;
      const cells = row.points.map((p) => `<td class="num">${html(pointText(p))}</td>`).join('');
      return `<tr${depth === 0 ? ' class="group"' : ''}><th scope="row">${html(label)}</th>${cells}<td class="band">${trend}</td></tr>`;
    })
    .join('');
  const audits = m.audits
    .map(
      (a, i) =>
        `<tr><td class="num">${i + 1}</td><td>${html(a.date)}</td><td>${html(a.bank)}</td><td class="num">${a.answered} of ${a.questions}</td><td><code>${html(a.file)}</code></td></tr>`,
    )
    .join('');
  const notes = [...(anyChanged(m) ? [FOOTNOTE] : []), ...m.comparability].map((n) => `<p>${html(n)}</p>`).join('');
  const main = `${bandDefs(m.bands)}
<header><h1>${html(heading(m))}</h1><p class="subtitle">${m.audits.length} audits from ${html(dates[0] ?? '')} to ${html(dates[dates.length - 1] ?? '')}</p></header>
<main>
<section id="trend" aria-labelledby="trend-h"><h2 id="trend-h">Scores over time</h2>
${lineChart(m.bands, `Overall and area scores at each audit (0 to 100). ${bandLines(m)}`, dates, series)}
</section>
<section id="table" aria-labelledby="table-h"><h2 id="table-h">Every score</h2>
<div class="scroll" role="region" aria-labelledby="history-caption" tabindex="0"><table class="history"><caption id="history-caption">Scores at each audit, with the direction of the latest change.</caption><thead>${head}</thead><tbody>${body}</tbody></table></div>
${notes}
<p class="muted small">${TREND.up.mark} ${TREND.up.word}, ${TREND.down.mark} ${TREND.down.word}, ${TREND.flat.mark} ${TREND.flat.word} (under 1 point either way): the latest score against the one before it.</p>
</section>
<section id="audits" aria-labelledby="audits-h"><h2 id="audits-h">Audits</h2>
<table><thead><tr><th scope="col" class="num">#</th><th scope="col">Date</th><th scope="col">Bank</th><th scope="col" class="num">Answered</th><th scope="col">File</th></tr></thead><tbody>${audits}</tbody></table>
</section>
${loopHtml(m)}
</main>
<footer>Made by service-audit ${html(m.tool.version)}.</footer>`;
  return htmlPage(heading(m), main);
}
