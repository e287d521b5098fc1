// The team report as one self-contained HTML page, from the same pieces as the audit report
// (src/report/html-kit.ts): the same stylesheet, CSP, band bars and paired bars. Pure.
import {
  bandDefs,
  bandLegend,
  bandTag,
  barChart,
  htmlPage,
  pairedBars,
  POLL_DEFS,
  score1,
  type HtmlBand,
} from '../report/html-kit.js';
import { html } from '../text/escape.js';
import type { TeamGroup, TeamReport, TeamResults } from './model.js';
import { poolLine, teamWhy } from './render.js';

const signed = (x: number | null) =>
  x === null ? 'n/a' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)}`;
const pct = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(1)}%`);

/** Why a group is not shown, in words (its size is never printed). */
const HIDDEN_WHY: Record<NonNullable<TeamGroup['hidden']>, (floor: number) => string> = {
  'below-floor': (floor) => `hidden: fewer than ${floor} respondents`,
  complementary: () => 'hidden too, so that a smaller group cannot be worked out by subtraction',
};

function section(id: string, title: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h">\n<h2 id="${id}-h">${html(title)}</h2>\n${body}\n</section>`;
}

function engagement(r: TeamResults): string {
  if (r.engagement.length === 0) return '';
  const rows = r.engagement.map((x) => {
    const interval: [number, number] | undefined = x.low !== null && x.high !== null ? [x.low, x.high] : undefined;
    return `<tr><th scope="row">${html(x.statement)}</th><td class="num">${pct(x.share)}<br><span class="small muted">${interval ? `${interval[0].toFixed(1)} to ${interval[1].toFixed(1)}` : 'n/a'}</span></td><td class="num">${x.poll}%</td><td>${html(x.verdict ?? 'n/a')}<br><span class="small muted">${x.holders} of ${x.answered}</span></td><td class="bar-col">${pairedBars(x.share, x.poll, interval)}</td></tr>`;
  });
  return section(
    'engagement',
    'Engagement beside the poll',
    `${POLL_DEFS}<table class="engagement"><caption>The share of the team who hold each statement fully, with its 95% interval (Wilson), beside the poll. Above or below only when the interval leaves the poll's figure out.</caption>
<thead><tr><th scope="col">Statement</th><th scope="col" class="num">Team (interval)</th><th scope="col" class="num">Poll</th><th scope="col">Verdict</th><th scope="col" class="bar-col">Bars<span class="visually-hidden">: the team above with its interval, the poll's below</span></th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
<ul class="legend"><li><svg class="swatch" width="14" height="14" aria-hidden="true" focusable="false"><rect width="14" height="14" class="ours"/></svg> Team (upper bar; the line across it is the interval)</li><li><svg class="swatch" width="14" height="14" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="13" height="13" fill="url(#poll)" class="bar-edge"/></svg> Poll (lower bar, hatched)</li></ul>`,
  );
}

/** Renders the team report as one self-contained HTML page (inline CSS and SVG, no script). Pure. */
export function renderTeamHtml(m: TeamReport): string {
  const bands: HtmlBand[] = m.bands;
  const title = `Team report: ${m.bank.title}`;
  const parts: string[] = [bandDefs(bands)];
  const r = m.results;
  const overall =
    r && m.suppressed === null
      ? `<div class="overall"><span>Team score</span> <span class="big">${score1(r.overall.score)}</span> <span>out of 100</span> ${bandTag(bands, r.overall.band)}</div>`
      : `<p class="warning">Nothing else is shown: ${html(m.suppressed ?? '')}.</p>`;
  parts.push(
    `<header>\n<h1>${html(title)}</h1>\n<p class="subtitle">${html(`${m.bank.id}@${m.bank.version}`)} · ${html(poolLine(m))}</p>\n${overall}\n</header>`,
    '<main>',
  );
  if (r && m.suppressed === null) {
    const groups = r.areas.map((a) => ({
      title: `${a.title}: ${score1(a.score)}`,
      rows: r.elements
        .filter((e) => e.area === a.id)
        .map((e) => ({
          label: e.disagreement
            ? `${e.title} (the team disagrees: middle half ${score1(e.q1)} to ${score1(e.q3)})`
            : e.title,
          score: e.score,
          band: e.band,
        })),
    }));
    parts.push(
      section(
        'scores',
        'Scores by element',
        `<figure class="chart-figure">${barChart(bands, "Each element's mean score over the team, 0 to 100, grouped by area (area score after its name).", groups)}\n${bandLegend(bands)}</figure>`,
      ),
    );
    parts.push(engagement(r));
    // Per question, as the terminal and markdown reports show it: how many gave each answer.
    if (r.questions.length > 0) {
      const rows = r.questions.map(
        (q) =>
          `<tr><th scope="row">${html(q.text)} <span class="muted">(<code>${html(q.id)}</code>)</span></th><td class="num">${q.answered}</td><td class="num">${q.notApplicable}</td><td>${q.distribution ? q.distribution.map((d) => `${html(d.label)} ${d.count}`).join(' · ') : q.meanPercent != null ? `mean ${score1(q.meanPercent)}%` : '—'}</td><td class="num">${q.meanCredit === null ? '—' : q.meanCredit.toFixed(2)}</td></tr>`,
      );
      parts.push(
        section(
          'questions',
          'Answers per question',
          `<div class="scroll" role="region" aria-labelledby="questions-caption" tabindex="0"><table><caption id="questions-caption">Each question answered by at least ${m.pool.minGroup} people${r.leftOutByFloor > 0 ? `; ${r.leftOutByFloor} answered by fewer ${r.leftOutByFloor === 1 ? 'is' : 'are'} left out of every figure` : ''}.</caption><thead><tr><th scope="col">Question</th><th scope="col" class="num">Answered</th><th scope="col" class="num">Not applicable</th><th scope="col">Answers</th><th scope="col" class="num">Mean credit</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
        ),
      );
    }
    parts.push(
      section(
        'fix-first',
        'Fix first',
        m.priorities.length === 0
          ? '<p>Nothing to fix: every answered question earned full credit from everyone.</p>'
          : `<ol class="actions">${m.priorities.map((p) => `<li><strong>${html(p.recommendation)}</strong><br><span class="muted">${html(p.text)} Mean credit ${p.meanCredit.toFixed(2)}, n ${p.answered}; <span class="why">${html(teamWhy(p))}</span>; +${p.pointsToGain.toFixed(1)} points overall (<code>${html(p.questionId)}</code>).</span></li>`).join('')}</ol>`,
      ),
    );
    if (m.groups.length > 0) {
      const rows = m.groups.map(
        (g) =>
          `<tr><th scope="row">${html(g.name)}</th><td>${g.hidden ? html(HIDDEN_WHY[g.hidden](m.pool.minGroup)) : `${g.respondents} respondents`}</td><td class="num">${g.results ? score1(g.results.overall.score) : 'hidden'}</td></tr>`,
      );
      parts.push(
        section(
          'groups',
          'Groups',
          `<table><caption>Groups are shown from ${m.pool.minGroup} respondents.</caption><thead><tr><th scope="col">Group</th><th scope="col">Respondents</th><th scope="col" class="num">Overall</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
        ),
      );
    }
    for (const [i, gap] of m.perceptionGap.entries()) {
      const rows = [
        ...gap.predictions.map(
          (x) =>
            `<tr><th scope="row">${html(x.text)}</th><td class="num">${x.predicted}%</td><td class="num">${x.team === null ? 'not measured' : `${score1(x.team)}%`}</td><td class="num">${signed(x.gap)}</td></tr>`,
        ),
        ...gap.guesses.map(
          (x) =>
            `<tr><th scope="row">${html(x.statement)} (top answer)</th><td class="num">${x.guess === null ? 'n/a' : `${x.guess}%`}</td><td class="num">${x.team === null ? 'n/a' : `${score1(x.team)}%`}</td><td class="num">${signed(x.gap)}</td></tr>`,
        ),
      ];
      parts.push(
        section(
          `gap-${i + 1}`,
          `Perception gap: ${gap.label}`,
          `<div class="scroll" role="region" aria-labelledby="gap-caption" tabindex="0"><table><caption id="gap-caption">The lead's predictions beside what the team said, statement by statement.</caption><thead><tr><th scope="col">Statement</th><th scope="col" class="num">Lead predicted</th><th scope="col" class="num">Team</th><th scope="col" class="num">Gap</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
        ),
      );
    }
    parts.push(
      section(
        'notes',
        'Notes from the team',
        m.notes.shown
          ? m.notes.items.length + m.notes.comments.length === 0
            ? '<p>No notes.</p>'
            : `<ul>${m.notes.items.map((n) => `<li>${html(n.note)} <span class="muted">(<code>${html(n.questionId)}</code>)</span></li>`).join('')}${m.notes.comments.map((c) => `<li>${html(c)} <span class="muted">(general comment)</span></li>`).join('')}</ul>`
          : `<p>Not shown: ${html(m.notes.reason ?? '')}.</p>`,
      ),
    );
  }
  if (m.pool.leftOut.length > 0)
    parts.push(
      section(
        'left-out',
        'Left out',
        `<ul>${m.pool.leftOut.flatMap((x) => x.problems.map((p) => `<li><code>${html(p)}</code></li>`)).join('')}</ul>`,
      ),
    );
  parts.push('</main>', `<footer>Made by service-audit ${html(m.tool.version)}.</footer>`);
  return htmlPage(title, parts.filter(Boolean).join('\n'));
}
