// The plan and the pulses in each history format: sections the history renderers append. Pure.
import { html, markdownInline as md, terminalLine as t } from '../text/escape.js';
import type { Style } from '../text/style.js';
import { wrap } from '../text/wrap.js';
import type { HistoryAction, HistoryPlan, HistoryPulse, PulsePoint, PulseRow } from './loop.js';

/** The loop parts of a history model. */
export interface Loop {
  plan?: HistoryPlan | null;
  pulse?: { pulses: HistoryPulse[]; rows: PulseRow[] } | null;
}

const VERDICT = { moved: 'acted on → moved', 'not yet': 'acted on → not yet' } as const;

/** What happened to an action, in words: "done 2026-04-20 · acted on → moved (0.25 → 1)". */
export function actionLine(a: HistoryAction): string {
  const credit = a.before !== null || a.after !== null ? ` (credit ${a.before ?? '—'} → ${a.after ?? '—'})` : '';
  const when = a.changed ? ` ${a.changed}` : '';
  const verdict = a.verdict ? ` · ${VERDICT[a.verdict]}${credit}` : '';
  return `${a.status}${when}${verdict}`;
}

/** "42.0% (30.1–55.2)", or "—". */
export function shareText(p: PulsePoint | null): string {
  if (!p || p.share === null) return '—';
  return `${p.share.toFixed(1)}% (${p.low?.toFixed(1) ?? '?'}–${p.high?.toFixed(1) ?? '?'})`;
}

/** The plan and pulse sections for a terminal. */
export function loopTerminal(m: Loop, s: Style, width: number): string[] {
  const out: string[] = [];
  if (m.plan) {
    out.push('', s.bold(t(`Plan: ${m.plan.summary} (${m.plan.file})`)));
    for (const a of m.plan.actions)
      out.push(
        ...wrap(t(`${a.title} — ${actionLine(a)}`), width - 4).map((l, i) => (i === 0 ? `  • ${l}` : `    ${l}`)),
      );
  }
  if (m.pulse && m.pulse.pulses.length > 0) {
    out.push('', s.bold('Staff pulse: the share holding each statement fully, with its 95% interval'));
    out.push(`  ${m.pulse.pulses.map((p) => `${p.quarter} (n=${p.respondents})`).join(' · ')}`);
    for (const r of m.pulse.rows) {
      out.push(...wrap(t(r.statement), width - 4).map((l) => `  ${l}`));
      out.push(`    ${r.points.map(shareText).join(' → ')}`);
    }
  }
  return out;
}

/** The plan and pulse sections as markdown blocks. */
export function loopMarkdown(m: Loop): string[] {
  const blocks: string[] = [];
  if (m.plan) {
    blocks.push(`## Plan: ${md(m.plan.summary)}`);
    blocks.push(
      m.plan.actions
        .map((a) =>
          wrap(`**${md(a.title)}**: ${md(actionLine(a))}`, 76)
            .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
            .join('\n'),
        )
        .join('\n'),
    );
  }
  if (m.pulse && m.pulse.pulses.length > 0) {
    blocks.push('## Staff pulse');
    const table = [
      `| Statement | ${m.pulse.pulses.map((p) => `${p.quarter} (n=${p.respondents})`).join(' | ')} |`,
      `| --- | ${m.pulse.pulses.map(() => '---:').join(' | ')} |`,
      ...m.pulse.rows.map((r) => `| ${md(r.statement)} | ${r.points.map(shareText).join(' | ')} |`),
    ];
    blocks.push(table.join('\n'));
    blocks.push('The share of respondents holding each statement fully, with its 95% interval.');
  }
  return blocks;
}

/** The plan and pulse sections as HTML. */
export function loopHtml(m: Loop): string {
  const parts: string[] = [];
  if (m.plan) {
    const items = m.plan.actions
      .map((a) => `<li><strong>${html(a.title)}</strong>: ${html(actionLine(a))}</li>`)
      .join('');
    parts.push(
      `<section id="plan" aria-labelledby="plan-h"><h2 id="plan-h">Plan: ${html(m.plan.summary)}</h2><ul>${items}</ul></section>`,
    );
  }
  if (m.pulse && m.pulse.pulses.length > 0) {
    const head = `<tr><th scope="col">Statement</th>${m.pulse.pulses.map((p) => `<th scope="col" class="num">${html(p.quarter)}<br>n=${p.respondents}</th>`).join('')}</tr>`;
    const body = m.pulse.rows
      .map(
        (r) =>
          `<tr><th scope="row">${html(r.statement)}</th>${r.points.map((p) => `<td class="num">${html(shareText(p))}</td>`).join('')}</tr>`,
      )
      .join('');
    parts.push(
      `<section id="pulse" aria-labelledby="pulse-h"><h2 id="pulse-h">Staff pulse</h2><div class="scroll" role="region" aria-labelledby="pulse-caption" tabindex="0"><table><caption id="pulse-caption">The share holding each statement fully, with its 95% interval, pulse by pulse.</caption><thead>${head}</thead><tbody>${body}</tbody></table></div></section>`,
    );
  }
  return parts.join('\n');
}
