import { markdownCode, markdownInline, terminalLine } from '../text/escape.js';
import { hang, wrap } from '../text/wrap.js';
import type { RenderOptions } from '../renderer.js';
import { bandPaint, plain, type Style } from '../text/style.js';
import type { TeamGroup, TeamReport, TeamResults, TeamWeakness } from './model.js';
import { whyWords } from '../report/digest.js';

// The team report's renderers: one per format, each a pure function of the model. Every text
// that came from a file (group names, notes, file names, the bank's own wording) goes through
// the escaper of its destination.

const one = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const signed = (x: number | null) =>
  x === null ? 'n/a' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)}`;

/** The pool in one sentence: how many respondents, leads and inputs, and how many were left out. */
export function poolLine(m: TeamReport): string {
  const p = m.pool;
  const leads = p.leads > 0 ? `, ${plural(p.leads, 'lead')} beside them` : '';
  const left = p.leftOut.length > 0 ? `; ${p.leftOut.length} left out (listed at the end)` : '';
  return `${plural(p.respondents, 'team respondent')}${leads}; ${p.used} of ${plural(p.inputs, 'answers file or row', 'answers files or rows')} used${left}.`;
}

const HIDDEN_WHY = {
  'below-floor': (floor: number) => `hidden: fewer than ${floor} respondents`,
  complementary: () => 'hidden too, so that a smaller group cannot be worked out by subtraction',
} as const;

const groupWhy = (g: TeamGroup, floor: number) =>
  g.hidden ? HIDDEN_WHY[g.hidden](floor) : `${plural(g.respondents!, 'respondent')}`;

/** Why a team Fix-first item is there, in the words the single report uses (critical / importance / element). */
export const teamWhy = (p: TeamWeakness) => whyWords({ why: p.why, importance: p.importance, credit: p.meanCredit });

const weakestFirst = <T extends { score: number | null }>(xs: readonly T[]) =>
  [...xs].sort((a, b) => (a.score ?? Infinity) - (b.score ?? Infinity));

/** The team report for a person at a terminal. Pure. */
export function renderTeamTerminal(m: TeamReport, o: RenderOptions = {}): string {
  const s = o.style ?? plain;
  const width = Math.min(o.width ?? 80, 100);
  const t = terminalLine;
  const bandIds = m.bands.map((b) => b.id);
  const label = (id: string | null) => (id === null ? 'not scored' : t(m.bands.find((b) => b.id === id)?.label ?? id));
  const paint = (id: string | null) => bandPaint(s, bandIds, id);
  const fit = (x: string, n: number) => (x.length > n ? `${x.slice(0, n - 1)}…` : x.padEnd(n));
  const out: string[] = [];
  out.push(s.bold(`Team report: ${t(m.bank.title)}`) + s.dim(` (${t(m.bank.id)}@${m.bank.version})`));
  out.push(...hang(poolLine(m), width, ''));
  if (m.suppressed !== null || m.results === null) {
    out.push('', ...hang(`Nothing else is shown: ${m.suppressed}.`, width, '').map((l) => s.yellow(l)));
    leftOutTerminal(m, out, s);
    return `${out.join('\n').trimEnd()}\n`;
  }
  const r = m.results;
  out.push(`Overall ${s.bold(one(r.overall.score))} / 100  ${paint(r.overall.band)(label(r.overall.band))}`, '');
  out.push(s.bold('Areas'));
  for (const a of r.areas.filter((x) => x.score !== null))
    out.push(`  ${fit(t(a.title), 34)} ${one(a.score).padStart(5)}  ${paint(a.band)(label(a.band))}`);
  out.push('', s.bold('Elements, weakest first') + s.dim('  (mean; middle half of the team)'));
  for (const e of weakestFirst(r.elements.filter((x) => x.score !== null))) {
    const flag = e.disagreement ? s.yellow(`  disagreement (spread ${one(e.spread)})`) : '';
    out.push(
      `  ${fit(t(e.title), 34)} ${one(e.score).padStart(5)}  ${paint(e.band)(label(e.band))}` +
        s.dim(`  ${one(e.q1)}-${one(e.q3)}`) +
        flag,
    );
  }
  const unscored = r.elements.filter((x) => x.score === null).length;
  if (unscored > 0)
    out.push(s.dim(`  ${plural(unscored, 'element')} without team answers (asked of the lead, not the team)`));
  if (r.engagement.length > 0) {
    out.push('', s.bold('Engagement vs the poll') + s.dim('  (share who hold the statement fully, 95% interval)'));
    for (const x of r.engagement) {
      const share =
        x.share === null ? 'nobody answered' : `${one(x.share)}% of ${x.answered} (${one(x.low)}-${one(x.high)})`;
      const verdict = x.verdict === null ? '' : `: ${x.verdict === 'in line' ? 'in line with' : x.verdict} the poll`;
      const paintVerdict = x.verdict === 'above' ? s.green : x.verdict === 'below' ? s.red : (l: string) => l;
      out.push(
        ...hang(`${t(x.statement)} — ${share}, poll ${x.poll}%${verdict}`, width, '  ').map((l) => paintVerdict(l)),
      );
    }
  }
  if (m.priorities.length > 0) {
    out.push('', s.bold('Fix first'));
    m.priorities.forEach((p, i) => {
      const head = `  ${i + 1}. `;
      out.push(
        ...hang(
          `${t(p.text)} (mean credit ${p.meanCredit.toFixed(2)}, n ${p.answered}; ${teamWhy(p)}; +${p.pointsToGain.toFixed(1)} points, ${t(p.questionId)})`,
          width,
          head,
        ),
      );
      out.push(...hang(t(p.recommendation), width, `${' '.repeat(head.length)}→ `).map((l) => s.cyan(l)));
    });
  }
  out.push('', s.bold('Answers'));
  for (const q of r.questions) {
    out.push(...hang(`${t(q.text)} (${t(q.id)})`, width, '  '));
    const dist = q.distribution
      ? q.distribution.map((d) => `${t(d.label)} ${d.count}`).join(' · ')
      : q.type === 'number'
        ? `${q.answered} answered`
        : `mean ${one(q.meanPercent ?? null)}%`;
    const na = q.notApplicable > 0 ? ` · not applicable ${q.notApplicable}` : '';
    out.push(
      ...hang(
        `${dist}${na}; mean credit ${q.meanCredit === null ? 'n/a' : q.meanCredit.toFixed(2)}`,
        width,
        '    ',
      ).map((l) => s.dim(l)),
    );
  }
  if (m.groups.length > 0) {
    out.push('', s.bold('Groups') + s.dim(`  (shown from ${m.pool.minGroup} respondents)`));
    for (const g of m.groups) {
      out.push(
        `  ${s.bold(t(g.name))}: ${g.hidden ? s.dim(groupWhy(g, m.pool.minGroup)) : groupWhy(g, m.pool.minGroup)}`,
      );
      if (g.results) out.push(...groupSummary(g.results).flatMap((line) => hang(t(line), width, '    ')));
    }
  }
  for (const g of m.perceptionGap) {
    out.push('', s.bold(`Perception gap: ${g.label} beside the team`));
    for (const x of g.predictions)
      out.push(
        ...hang(
          `${t(x.text)}: the lead predicted ${x.predicted}% favourable, the team ${x.team === null ? 'is not measured' : `${one(x.team)}%`} (${signed(x.gap)})`,
          width,
          '  ',
        ),
      );
    for (const x of g.guesses)
      out.push(
        ...hang(
          `${t(x.statement)}: the lead guessed ${x.guess === null ? 'nothing' : `${x.guess}%`}, the team said ${x.team === null ? 'nothing' : `${one(x.team)}%`} (${signed(x.gap)})`,
          width,
          '  ',
        ),
      );
    for (const x of g.answers)
      out.push(
        ...hang(
          `${t(x.questionId)}: the lead answered ${t(x.lead)} (credit ${x.leadCredit.toFixed(2)}), the team's mean credit ${x.team === null ? 'n/a' : x.team.toFixed(2)}`,
          width,
          '  ',
        ),
      );
  }
  out.push('');
  const noteCount = m.notes.items.length + m.notes.comments.length;
  if (m.notes.shown && noteCount === 0) out.push(s.dim('Notes from the team: none.'));
  else if (m.notes.shown) {
    out.push(s.bold(`Notes from the team (${noteCount})`) + s.dim('  (in no particular order)'));
    for (const n of m.notes.items) out.push(...hang(`${t(n.note)} (${t(n.questionId)})`, width, '  - ', '    '));
    for (const c of m.notes.comments) out.push(...hang(`${t(c)} (general comment)`, width, '  - ', '    '));
  } else out.push(...hang(`Notes: not shown; ${m.notes.reason}.`, width, '').map((l) => s.dim(l)));
  leftOutTerminal(m, out, s);
  return `${out.join('\n').trimEnd()}\n`;
}

function groupSummary(r: TeamResults): string[] {
  const lines = [
    `overall ${one(r.overall.score)}; ${r.elements
      .filter((e) => e.score !== null)
      .map((e) => `${e.title} ${one(e.score)}`)
      .join(', ')}`,
  ];
  const shares = r.engagement
    .filter((x) => x.share !== null)
    .map((x) => `${x.statement} ${one(x.share)}% (${x.verdict})`);
  if (shares.length > 0) lines.push(shares.join('; '));
  return lines;
}

function leftOutTerminal(m: TeamReport, out: string[], s: Style): void {
  if (m.pool.leftOut.length === 0) return;
  out.push('', s.yellow(`Left out (${m.pool.leftOut.length}):`));
  // One problem per line, unwrapped: FILE:LINE:COL stays clickable and greppable.
  for (const x of m.pool.leftOut) for (const p of x.problems) out.push(`  ${terminalLine(p)}`);
}

/** The team report as GitHub-flavoured markdown that passes markdownlint. Pure. */
export function renderTeamMarkdown(m: TeamReport): string {
  const md = markdownInline;
  const para = (text: string) => wrap(text, 80).join('\n');
  const label = (id: string | null) => (id === null ? 'not scored' : md(m.bands.find((b) => b.id === id)?.label ?? id));
  const blocks: string[] = [
    `# Team report: ${md(m.bank.title)}`,
    `Bank: ${markdownCode(`${m.bank.id}@${m.bank.version}`)}`,
    para(poolLine(m)),
  ];
  const leftOut = () => {
    if (m.pool.leftOut.length === 0) return;
    blocks.push('## Left out');
    blocks.push(
      m.pool.leftOut
        .flatMap((x) =>
          x.problems.map((p) =>
            wrap(md(p), 78)
              .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
              .join('\n'),
          ),
        )
        .join('\n'),
    );
  };
  if (m.suppressed !== null || m.results === null) {
    blocks.push(para(`Nothing else is shown: ${md(m.suppressed ?? '')}.`));
    leftOut();
    return `${blocks.join('\n\n')}\n`;
  }
  const r = m.results;
  blocks.push(`**Overall: ${one(r.overall.score)} / 100 (${label(r.overall.band)}).**`);
  blocks.push('## Elements');
  const rows = [
    '| Element | Mean | Band | Middle half of the team | Respondents |',
    '| --- | ---: | --- | --- | ---: |',
  ];
  for (const e of weakestFirst(r.elements))
    rows.push(
      `| ${md(e.title)} | ${one(e.score)} | ${label(e.band)} | ${e.q1 === null ? 'n/a' : `${one(e.q1)} to ${one(e.q3)}`}${e.disagreement ? `, **disagreement** (spread ${one(e.spread)})` : ''} | ${e.respondents} |`,
    );
  for (const a of r.areas)
    rows.push(`| **${md(a.title)}** (area) | ${one(a.score)} | ${label(a.band)} | n/a | ${r.respondents} |`);
  blocks.push(rows.join('\n'));
  if (r.engagement.length > 0) {
    blocks.push('## Engagement vs the poll');
    blocks.push(
      para(
        'The share of respondents who hold each statement fully, with its 95% interval (Wilson), beside the poll. Above or below only when the interval leaves the poll out.',
      ),
    );
    const t = [
      '| Statement | Share | 95% interval | Answered | Poll | Verdict |',
      '| --- | ---: | --- | ---: | ---: | --- |',
    ];
    for (const x of r.engagement)
      t.push(
        `| ${md(x.statement)} | ${x.share === null ? 'n/a' : `${one(x.share)}%`} | ${x.low === null ? 'n/a' : `${one(x.low)} to ${one(x.high)}`} | ${x.answered} | ${x.poll}% | ${x.verdict ?? 'n/a'} |`,
      );
    blocks.push(t.join('\n'));
  }
  blocks.push('## Fix first');
  if (m.priorities.length === 0)
    blocks.push('Nothing to fix: every answered question earned full credit from everyone.');
  else
    blocks.push(
      m.priorities
        .map((p) =>
          wrap(
            `${md(p.text)} (${markdownCode(p.questionId)}, mean credit ${p.meanCredit.toFixed(2)}, n ${p.answered}; ${teamWhy(p)}; +${p.pointsToGain.toFixed(1)} points): ${md(p.recommendation)}`,
            74,
          )
            .map((l, i) => (i === 0 ? `- [ ] ${l}` : `      ${l}`))
            .join('\n'),
        )
        .join('\n'),
    );
  blocks.push('## Answers');
  const q = ['| Question | Answers | Not applicable | Mean credit |', '| --- | --- | ---: | ---: |'];
  for (const x of r.questions) {
    const dist = x.distribution
      ? x.distribution.map((d) => `${md(d.label)} ${d.count}`).join(', ')
      : x.type === 'number'
        ? `${x.answered} answered`
        : `mean ${one(x.meanPercent ?? null)}%`;
    q.push(
      `| ${md(x.text)} (${markdownCode(x.id)}) | ${dist} | ${x.notApplicable} | ${x.meanCredit === null ? 'n/a' : x.meanCredit.toFixed(2)} |`,
    );
  }
  blocks.push(q.join('\n'));
  if (m.groups.length > 0) {
    blocks.push('## Groups');
    blocks.push(
      para(
        `Groups are shown from ${m.pool.minGroup} respondents. A group is also hidden when it is the only thing between the whole team and a hidden group.`,
      ),
    );
    const g = ['| Group | Respondents | Overall | Elements |', '| --- | --- | ---: | --- |'];
    for (const x of m.groups) {
      const els = x.results
        ? x.results.elements
            .filter((e) => e.score !== null)
            .map((e) => `${md(e.title)} ${one(e.score)}`)
            .join(', ')
        : md(groupWhy(x, m.pool.minGroup));
      g.push(
        `| ${md(x.name)} | ${x.respondents ?? 'hidden'} | ${x.results ? one(x.results.overall.score) : 'hidden'} | ${els} |`,
      );
    }
    blocks.push(g.join('\n'));
  }
  for (const gap of m.perceptionGap) {
    blocks.push(`## Perception gap: ${gap.label}`);
    if (gap.predictions.length > 0) {
      const t = ['| Statement | Lead predicted | % favourable | Gap |', '| --- | ---: | ---: | ---: |'];
      for (const x of gap.predictions)
        t.push(
          `| ${md(x.text)} | ${x.predicted}% | ${x.team === null ? 'not measured' : `${one(x.team)}%`} | ${signed(x.gap)} |`,
        );
      blocks.push(t.join('\n'));
    }
    if (gap.guesses.length > 0) {
      const gs = ['| Statement | Lead guessed | Team said | Gap |', '| --- | ---: | ---: | ---: |'];
      for (const x of gap.guesses)
        gs.push(
          `| ${md(x.statement)} | ${x.guess === null ? 'n/a' : `${x.guess}%`} | ${x.team === null ? 'n/a' : `${one(x.team)}%`} | ${signed(x.gap)} |`,
        );
      blocks.push(gs.join('\n'));
    }
  }
  blocks.push('## Notes from the team');
  if (m.notes.shown)
    blocks.push(
      m.notes.items.length + m.notes.comments.length === 0
        ? 'No notes.'
        : [
            ...m.notes.items.map((n) => `${md(n.note)} (${markdownCode(n.questionId)})`),
            ...m.notes.comments.map((c) => `${md(c)} (general comment)`),
          ]
            .map((line) =>
              wrap(line, 78)
                .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
                .join('\n'),
            )
            .join('\n'),
    );
  else blocks.push(para(`Not shown: ${md(m.notes.reason ?? '')}.`));
  leftOut();
  blocks.push(para(`Generated by service-audit ${md(m.tool.version)}.`));
  return `${blocks.join('\n\n')}\n`;
}

/** The team report as stable, pretty JSON: the same set of respondents, the same bytes. */
export function renderTeamJson(m: TeamReport): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
