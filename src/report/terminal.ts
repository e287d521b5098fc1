import { terminalLine as t } from '../text/escape.js';
import { actionWords, expiredWords } from '../plan/words.js';
import { hang } from '../text/wrap.js';
import type { ReportElement, ReportModel } from './schema.js';
import type { RenderOptions } from '../renderer.js';
import { arithmeticLines, foldedLine, foldedReasons, favourableLine, unscored, whyWords } from './digest.js';
import { bandPaint, plain, type Style } from '../text/style.js';

const fmt = (score: number | null) => (score === null ? '  n/a' : score.toFixed(1).padStart(5));
const BAR = 16;

function bar(score: number | null): string {
  if (score === null) return '·'.repeat(BAR);
  const full = Math.round((score / 100) * BAR);
  return '█'.repeat(full) + '░'.repeat(BAR - full);
}

const fit = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));

/** Weakest first; elements with no answers last. Ties keep bank order. */
export function weakestFirst(elements: readonly ReportElement[]): ReportElement[] {
  return [...elements].sort((a, b) => (a.score ?? Infinity) - (b.score ?? Infinity));
}

/** The first step, owner and check of a piece of advice, each on a line of its own under it. */
export function adviceDetail(
  a: { firstStep?: string | undefined; owner?: string | undefined; check?: string | undefined },
  width: number,
  indent: string,
): string[] {
  const parts: [string, string | undefined][] = [
    ['First step', a.firstStep],
    ['Owner', a.owner],
    ['Check', a.check],
  ];
  return parts.flatMap(([k, v]) => (v === undefined ? [] : hang(t(`${k}: ${v}`), width, indent)));
}

/** Numbers answered "we don't measure this", numbered, each with the advice to start measuring. */
function startMeasuring(unmeasured: ReportModel['unmeasured'], s: Style, width: number): string[] {
  const out = [s.bold('Start measuring (answered "we don\'t measure this")')];
  unmeasured.forEach((u, i) => {
    const head = `  ${i + 1}. `;
    const what = [u.unit, u.target].filter(Boolean).join(', ');
    out.push(...hang(t(`${u.text} (${u.questionId}${what ? `; ${what}` : ''})`), width, head));
    out.push(...hang(t(u.recommendation), width, `${' '.repeat(head.length)}→ `).map((l) => s.cyan(l)));
    out.push(...adviceDetail(u, width, ' '.repeat(head.length + 2)));
  });
  return out;
}

/** Renders the report for a person at a terminal (80 columns by default). Every text from a file passes terminalLine. Pure. */
export function renderTerminal(m: ReportModel, o: RenderOptions = {}): string {
  const s = o.style ?? plain;
  const width = Math.min(o.width ?? 80, 100);
  const bandIds = m.bands.map((b) => b.id);
  const label = (id: string | null) => t(id === null ? 'not scored' : (m.bands.find((b) => b.id === id)?.label ?? id));
  const paint = (id: string | null) => bandPaint(s, bandIds, id);
  const out: string[] = [];
  const who = t([m.answers.organization, m.answers.date ?? 'undated'].filter(Boolean).join(', '));

  out.push(s.bold(t(m.bank.title)) + s.dim(` — ${who}`));
  // The page a manager reads first: overall, the weakest element, the top three actions.
  out.push(
    m.overall.score === null && m.overall.missing.length > 0
      ? `Overall ${s.bold('not scored')}: essential ${m.overall.missing.length === 1 ? 'element' : 'elements'} ${t(m.overall.missing.join(', '))} missing (no applicable answer)`
      : `Overall ${s.bold(fmt(m.overall.score).trim())} / 100  ${paint(m.overall.band)(label(m.overall.band))}`,
  );
  if (m.summary.weakest)
    out.push(
      `Weakest element: ${t(m.summary.weakest.title)} ${fmt(m.summary.weakest.score).trim()}  ${paint(m.summary.weakest.band)(label(m.summary.weakest.band))}`,
    );
  const c = m.completeness;
  const missing =
    c.unanswered > 0
      ? s.yellow(
          `, ${c.unanswered} unanswered (${Math.round((100 * c.unanswered) / c.questions)}% of the audit missing)`,
        )
      : '';
  out.push(
    s.dim(`Answered ${c.answered} of ${c.questions}`) +
      s.dim(c.notApplicable ? `, ${c.notApplicable} not applicable` : '') +
      s.dim(c.notAsked ? `, ${c.notAsked} not asked` : '') +
      s.dim(c.notMeasured ? `, ${c.notMeasured} not measured` : '') +
      missing,
  );
  if (m.plan)
    out.push(`Plan: ${t(m.plan.summary)}${m.plan.noOwner ? s.yellow(`, ${m.plan.noOwner} without an owner`) : ''}`);
  if (m.summary.actions.length > 0) {
    out.push(s.bold('Do first'));
    m.summary.actions.forEach((p, i) => {
      out.push(...hang(t(`${p.text} (${whyWords(p)})`), width, `  ${i + 1}. `));
    });
  }
  out.push('');

  out.push(s.bold('Areas'));
  for (const a of m.areas)
    out.push(
      a.score === null && a.missing.length > 0
        ? `  ${fit(t(a.title), 30)}   n/a  ${s.yellow(`incomplete: ${t(a.missing.join(', '))} missing`)}`
        : `  ${fit(t(a.title), 30)} ${fmt(a.score)}  ${paint(a.band)(label(a.band))}`,
    );
  for (const l of arithmeticLines(m)) out.push(...hang(t(l), width, '      ').map((x) => s.dim(x)));
  out.push('');

  out.push(s.bold('Elements, weakest first'));
  for (const e of weakestFirst(m.elements.filter((x) => x.score !== null))) {
    const p = paint(e.band);
    out.push(`  ${fit(t(e.title), 36)} ${p(bar(e.score))} ${fmt(e.score)}  ${p(label(e.band))}`);
    for (const x of e.explain ?? []) {
      const detail =
        x.status === 'answered'
          ? `weight ${x.weight} × credit ${x.credit!.toFixed(2)}  (${t(String(x.answer))})`
          : x.status === 'na'
            ? 'not applicable, left out'
            : x.status === 'not-measured'
              ? 'not measured, left out'
              : 'unanswered, left out';
      out.push(s.dim(`      ${fit(t(x.questionId), 30)} ${detail}`));
    }
    if (e.explain) {
      const used = e.explain.filter((x) => x.status === 'answered');
      const sw = used.reduce((t, x) => t + x.weight, 0);
      const swc = used.reduce((t, x) => t + x.weight * x.credit!, 0);
      out.push(s.dim(`      score = 100 × ${+swc.toFixed(4)} / ${+sw.toFixed(4)} = ${fmt(e.score).trim()}`));
    }
  }
  const none = unscored(m);
  if (none.missing.length > 0)
    out.push(
      ...hang(
        t(`Missing (essential, no applicable answer): ${none.missing.map((e) => e.title).join(', ')}`),
        width,
        '  ',
      ).map((l) => s.yellow(l)),
    );
  if (none.other.length > 0)
    out.push(...hang(t(`Not scored: ${none.other.map((e) => e.title).join(', ')}`), width, '  ').map((l) => s.dim(l)));
  out.push('');

  if (m.unmeasured.length > 0) out.push(...startMeasuring(m.unmeasured, s, width), '');

  const bench = m.elements.filter((e) => e.benchmark);
  if (bench.length > 0 && !m.team) {
    out.push(s.bold('Engagement vs the poll'));
    for (const e of bench) {
      const b = e.benchmark!;
      const yours = b.yours === null ? s.dim('not answered') : `yours ${b.yours}%`;
      const delta = b.delta === null ? '' : b.delta >= 0 ? s.green(` (+${b.delta})`) : s.red(` (${b.delta})`);
      const target = b.target === undefined ? '' : s.dim(`, full credit at ${b.target}%`);
      out.push(`  ${fit(t(e.title), 38)} ${yours} vs ${b.value}%${delta}${target}`);
    }
    out.push(...hang(`Source: ${t(bench[0]!.benchmark!.source)}`, width, '  ').map((l) => s.dim(l)));
    out.push('');
  }

  if (m.team) out.push(...teamLines(m.team, width, s), '');

  if (m.unanswered.length > 0) {
    out.push(s.yellow(`Not answered (${m.unanswered.length}):`));
    out.push(...hang(t(m.unanswered.join(', ')), width, '  '));
  }
  const folded = foldedReasons(m);
  if (folded.length > 0) {
    out.push(s.dim('Left out of the scores:'));
    for (const f of folded) out.push(...hang(t(foldedLine(f)), width, '  ').map((l) => s.dim(l)));
  }
  if (m.unanswered.length > 0 || folded.length > 0) out.push('');

  // Fix first comes last, so that the audit's last screen ends on what to do.
  if (m.priorities.length > 0) {
    out.push(s.bold('Fix first'));
    m.priorities.forEach((p, i) => {
      const head = `  ${i + 1}. `;
      out.push(
        ...hang(
          t(`${p.text} (${p.answerLabel}; ${whyWords(p)}; +${p.pointsToGain.toFixed(1)} points, ${p.questionId})`),
          width,
          head,
        ),
      );
      out.push(...hang(t(p.recommendation), width, `${' '.repeat(head.length)}→ `).map((l) => s.cyan(l)));
      out.push(...adviceDetail(p, width, ' '.repeat(head.length + 2)));
      if (p.action)
        out.push(
          ...hang(t(actionWords(p.action)), width, ' '.repeat(head.length + 2)).map((l) =>
            p.action!.overdue ? s.red(l) : l,
          ),
        );
      else if (m.plan)
        out.push(...hang('No action in the plan yet.', width, ' '.repeat(head.length + 2)).map((l) => s.dim(l)));
    });
  }
  if (m.expired && m.expired.length > 0) {
    out.push('', s.bold(`Past their review date (${m.expired.length}): ask them again with service-audit --recheck`));
    for (const e of m.expired) out.push(...hang(t(expiredWords(e)), width, '  '));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The pulse behind a combined report: n, participation, % favourable per statement, predictions. */
function teamLines(team: NonNullable<ReportModel['team']>, width: number, s: Style): string[] {
  const out = [s.bold("The team's pulse")];
  const part = team.participation === null ? '' : ` of ${team.teamSize} (${team.participation}% took part)`;
  out.push(`  ${team.respondents} team respondents${part}`);
  if (team.suppressed) {
    out.push(...hang(t(`Not shown: ${team.suppressed}`), width, '  ').map((l) => s.dim(l)));
    return out;
  }
  if (team.leftOutByFloor > 0)
    out.push(
      s.dim(
        `  ${team.leftOutByFloor} ${team.leftOutByFloor === 1 ? 'item' : 'items'} answered by fewer than ${team.minGroup} people left out of every figure`,
      ),
    );
  for (const x of team.statements) out.push(...hang(t(`${x.text}: ${favourableLine(x)}`), width, '  '));
  for (const p of team.predictions)
    out.push(
      ...hang(
        t(
          `The lead predicted ${p.predicted}% favourable for "${p.text}"; the team: ${p.team === null ? 'not measured' : `${p.team}%`}`,
        ),
        width,
        '  ',
      ),
    );
  return out;
}
