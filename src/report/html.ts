import { actionWords, expiredWords } from '../plan/words.js';
import { html } from '../text/escape.js';
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
} from './html-kit.js';
import type { ReportElement, ReportModel, ReportWeakness } from './schema.js';
import {
  arithmeticLines,
  favourableLine,
  foldedLine,
  foldedReasons,
  overallWords,
  predictionLine,
  teamSentences,
  unscored,
  whyWords,
} from './digest.js';

const elementAnchor = (id: string) => `element-${id}`;
const signed = (n: number) => (n >= 0 ? `+${n.toFixed(1)}` : n.toFixed(1));

function header(m: ReportModel, bands: readonly HtmlBand[]): string {
  const who = m.answers.organization ?? m.bank.title;
  const facts: [string, string][] = [
    ['Date', m.answers.date ?? 'undated'],
    ...(m.answers.respondent ? ([['Respondent', m.answers.respondent]] as [string, string][]) : []),
    ['Question bank', `${m.bank.title} (${m.bank.id}@${m.bank.version})`],
    [
      'Answered',
      `${m.completeness.answered} of ${m.completeness.questions}${m.completeness.notApplicable ? `, ${m.completeness.notApplicable} not applicable` : ''}${m.completeness.notAsked ? `, ${m.completeness.notAsked} not asked` : ''}${m.completeness.notMeasured ? `, ${m.completeness.notMeasured} not measured` : ''}`,
    ],
  ];
  const c = m.completeness;
  const missing =
    c.unanswered > 0
      ? `<p class="warning">${c.unanswered} questions are unanswered: ${Math.round((100 * c.unanswered) / c.questions)}% of the audit is missing, so these scores may change.</p>`
      : '';
  return `<header>
<h1>${html(who)}</h1>
<p class="subtitle">${html(m.answers.organization ? m.bank.title : 'Service audit report')}</p>
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${html(k)}</dt><dd>${html(v)}</dd></div>`).join('')}</dl>
${
  m.overall.score === null && m.overall.missing.length > 0
    ? `<div class="overall"><span>Overall score</span> <span class="big">not scored</span> <span class="warning">${html(overallWords(m, (id) => id ?? '').replace(/^not scored: /, ''))}</span></div>`
    : `<div class="overall"><span>Overall score</span> <span class="big">${score1(m.overall.score)}</span> <span>out of 100</span> ${bandTag(bands, m.overall.band)}</div>`
}
${missing}${summary(m, bands)}
</header>`;
}

/** The page a manager reads first: the weakest element and the top three actions. */
function summary(m: ReportModel, bands: readonly HtmlBand[]): string {
  const w = m.summary.weakest;
  const weakest = w
    ? `<p class="weakest">Weakest element: <a href="#${html(elementAnchor(w.id))}"><strong>${html(w.title)}</strong></a> ${score1(w.score)} ${bandTag(bands, w.band)}</p>`
    : '';
  const actions =
    m.summary.actions.length === 0
      ? ''
      : `<h2 id="do-first-h">Do first</h2><ol class="do-first" aria-labelledby="do-first-h">${m.summary.actions.map((p) => `<li>${html(p.text)} <span class="muted">(${html(whyWords(p))})</span></li>`).join('')}</ol>`;
  return `${weakest}${actions}`;
}

/** Elements with no score, named once (not drawn as empty rows); with --explain, how the scores combine. */
function unscoredAndArithmetic(m: ReportModel): string {
  const none = unscored(m);
  const parts: string[] = [];
  if (none.missing.length > 0)
    parts.push(
      `<p class="warning">Missing (essential, no applicable answer): ${html(none.missing.map((e) => e.title).join(', '))}</p>`,
    );
  if (none.other.length > 0)
    parts.push(`<p class="muted">Not scored: ${html(none.other.map((e) => e.title).join(', '))}</p>`);
  const lines = arithmeticLines(m);
  if (lines.length > 0)
    parts.push(
      `<details class="arithmetic"><summary>How the scores combine</summary><ul>${lines.map((l) => `<li><code>${html(l)}</code></li>`).join('')}</ul></details>`,
    );
  return parts.join('\n');
}

function chart(m: ReportModel, bands: readonly HtmlBand[]): string {
  const groups = m.areas.map((a) => ({
    title:
      a.score === null && a.missing.length > 0
        ? `${a.title}: incomplete (${a.missing.join(', ')} missing)`
        : `${a.title}: ${score1(a.score)}`,
    rows: m.elements
      .filter((e) => e.area === a.id && e.score !== null)
      .map((e) => ({ label: e.title, href: `#${elementAnchor(e.id)}`, score: e.score, band: e.band })),
  }));
  return `<section id="scores" aria-labelledby="scores-h">
<h2 id="scores-h">Scores by element</h2>
<figure class="chart-figure">${barChart(bands, 'Each element scored from 0 to 100, grouped by area (area score after its name).', groups)}
${bandLegend(bands)}</figure>
${unscoredAndArithmetic(m)}
</section>`;
}

/** The pulse behind a combined report: n, participation, % favourable per statement, the lead's predictions. */
function teamPulse(m: ReportModel): string {
  const team = m.team;
  if (!team) return '';
  const items = team.suppressed
    ? []
    : [
        ...team.statements.map((x) => `<li>${html(x.text)}: ${html(favourableLine(x))}</li>`),
        ...team.predictions.map((p) => `<li>${html(predictionLine(p))}</li>`),
      ];
  return `<section id="team" aria-labelledby="team-h">
<h2 id="team-h">The team's pulse</h2>
${teamSentences(team)
  .map((l) => `<p>${html(l)}</p>`)
  .join('')}${items.length ? `<ul>${items.join('')}</ul>` : ''}
</section>`;
}

function engagement(m: ReportModel): string {
  const bench = m.elements.filter((e) => e.benchmark);
  if (bench.length === 0 || m.team) return '';
  const rows = bench.map((e) => {
    const b = e.benchmark!;
    const yours = b.yours === null ? 'not answered' : `${b.yours}%`;
    const delta = b.delta === null ? 'n/a' : signed(b.delta);
    return `<tr><th scope="row">${html(b.statement)}<span class="small muted"> (${html(e.title)})</span></th><td class="num">${html(yours)}</td><td class="num">${b.value}%</td><td class="num">${html(delta)}</td><td class="bar-col">${pairedBars(b.yours, b.value)}</td></tr>`;
  });
  const who = m.answers.organization ?? 'Your organization';
  return `<section id="engagement" aria-labelledby="engagement-h">
<h2 id="engagement-h">Engagement beside the poll</h2>
${POLL_DEFS}
<table class="engagement"><caption>The share of staff who hold each statement: ${html(who)}'s figure beside the poll's.</caption>
<thead><tr><th scope="col">Statement</th><th scope="col" class="num">${html(who)}</th><th scope="col" class="num">Poll</th><th scope="col" class="num">Difference (points)</th><th scope="col" class="bar-col">Bars<span class="visually-hidden">: yours above, the poll's below</span></th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
<ul class="legend"><li><svg class="swatch" width="14" height="14" aria-hidden="true" focusable="false"><rect width="14" height="14" class="ours"/></svg> ${html(who)} (upper bar)</li><li><svg class="swatch" width="14" height="14" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="13" height="13" fill="url(#poll)" class="bar-edge"/></svg> Poll (lower bar, hatched)</li></ul>
</section>`;
}

/** The first step, owner and check of a piece of advice, each a line under it (none when the bank gives none). */
function adviceDetail(a: { firstStep?: string | undefined; owner?: string | undefined; check?: string | undefined }) {
  const parts: [string, string | undefined][] = [
    ['First step', a.firstStep],
    ['Owner', a.owner],
    ['Check', a.check],
  ];
  return parts
    .map(([k, v]) =>
      v === undefined
        ? ''
        : `<span class="rec advice-${k === 'First step' ? 'step' : k.toLowerCase()}">${html(k)}: ${html(v)}</span>`,
    )
    .join('');
}

const weakItem = (w: ReportWeakness) =>
  `<li><strong>${html(w.text)}</strong> <span class="muted">Answer: ${html(w.answerLabel)}; +${w.pointsToGain.toFixed(1)} points if fixed.</span><span class="rec">→ ${html(w.recommendation)}</span>${adviceDetail(w)}${w.note ? `<span class="rec muted">Note: ${html(w.note)}</span>` : ''}</li>`;

function fixFirst(m: ReportModel): string {
  const body =
    m.priorities.length === 0
      ? '<p>Nothing to fix: every answered question earned full credit.</p>'
      : `<ol class="actions">${m.priorities
          .map(
            (p) =>
              `<li><strong>${html(p.recommendation)}</strong><br><span class="muted">${html(p.text)} Answer: ${html(p.answerLabel)}; <span class="why">${html(whyWords(p))}</span>; +${p.pointsToGain.toFixed(1)} points overall (<code>${html(p.questionId)}</code>).</span>${adviceDetail(p)}${p.action ? `<span class="rec">${html(actionWords(p.action))}</span>` : ''}</li>`,
          )
          .join('')}</ol>${m.plan ? `<p>Plan: ${html(m.plan.summary)}.</p>` : ''}${
          m.expired && m.expired.length > 0
            ? `<h3>Past their review date</h3><ul>${m.expired.map((e) => `<li>${html(expiredWords(e))}</li>`).join('')}</ul>`
            : ''
        }`;
  return `<section id="fix-first" aria-labelledby="fix-first-h">
<h2 id="fix-first-h">Fix first</h2>
${body}
</section>`;
}

function startMeasuring(m: ReportModel): string {
  if (m.unmeasured.length === 0) return '';
  const items = m.unmeasured.map((u) => {
    const what = [u.unit, u.target].filter(Boolean).join(', ');
    return `<li><strong>${html(u.recommendation)}</strong><br><span class="muted">${html(u.text)}${what ? ` (${html(what)})` : ''} Answered: ${html(u.reason)} (<code>${html(u.questionId)}</code>).</span>${adviceDetail(u)}</li>`;
  });
  return `<section id="start-measuring" aria-labelledby="start-measuring-h">
<h2 id="start-measuring-h">Start measuring</h2>
<ol class="actions">${items.join('')}</ol>
</section>`;
}

function elementSection(e: ReportElement, areaTitle: string, bands: readonly HtmlBand[]): string {
  const counts = `${e.answered} answered, ${e.notApplicable} not applicable, ${e.unanswered} unanswered`;
  const weak =
    e.weaknesses.length === 0
      ? `<p>${e.answered > 0 ? 'No weak answers.' : 'No answers yet.'}</p>`
      : `<h4>Weak answers</h4><ul>${e.weaknesses.map(weakItem).join('')}</ul>`;
  // Notes on questions that are not weak (a weak answer shows its own note).
  const weakIds = new Set(e.weaknesses.map((w) => w.questionId));
  const notes = e.notes.filter((n) => !weakIds.has(n.questionId));
  const noteList = notes.length
    ? `<blockquote>${notes.map((n) => `<p>Note on <code>${html(n.questionId)}</code>: ${html(n.note)}</p>`).join('')}</blockquote>`
    : '';
  return `<section class="element" id="${html(elementAnchor(e.id))}" aria-labelledby="${html(elementAnchor(e.id))}-h">
<h3 id="${html(elementAnchor(e.id))}-h">${html(e.title)}${e.concept ? ` <span class="muted">(${html(e.concept)})</span>` : ''}</h3>
<p>${html(areaTitle)} · Score <strong>${score1(e.score)}</strong> ${bandTag(bands, e.band)} · <span class="muted">${counts}</span></p>
${weak}${noteList}
</section>`;
}

function leftOut(m: ReportModel): string {
  const parts: string[] = [];
  if (m.unanswered.length > 0)
    parts.push(
      `<h3>Not answered (${m.unanswered.length})</h3><ul class="ids">${m.unanswered.map((id) => `<li><code>${html(id)}</code></li>`).join('')}</ul>`,
    );
  const folded = foldedReasons(m);
  if (folded.length > 0)
    parts.push(
      `<h3>Not applicable, not asked, not measured</h3><ul>${folded.map((f) => `<li>${html(foldedLine(f))}</li>`).join('')}</ul>`,
    );
  if (parts.length === 0) return '';
  return `<section id="left-out" aria-labelledby="left-out-h">
<h2 id="left-out-h">Left out of the scores</h2>
${parts.join('\n')}
</section>`;
}

function sources(m: ReportModel): string {
  const cited = (m.sources ?? []).map((s) => {
    const by = [s.author, s.publisher, s.date].filter(Boolean).join(', ');
    const link = s.url ? ` <a href="${html(s.url)}">${html(s.url)}</a>` : '';
    return `<li><cite>${html(s.title)}</cite>${by ? `, ${html(by)}` : ''}${s.note ? `. ${html(s.note)}` : ''}${link}</li>`;
  });
  const polls = [...new Set(m.elements.flatMap((e) => (e.benchmark ? [e.benchmark.source] : [])))].map(
    (s) => `<li>Engagement figures: ${html(s)}</li>`,
  );
  if (cited.length + polls.length === 0) return '';
  return `<section id="sources" aria-labelledby="sources-h">
<h2 id="sources-h">Sources</h2>
<ul>${[...cited, ...polls].join('')}</ul>
</section>`;
}

/** Renders the report as one self-contained HTML page (inline CSS and SVG, no script). Pure. */
export function renderHtml(m: ReportModel): string {
  const bands: HtmlBand[] = m.bands;
  const areaTitle = (id: string) => m.areas.find((a) => a.id === id)?.title ?? id;
  const elements = m.areas.flatMap((a) => m.elements.filter((e) => e.area === a.id && e.score !== null));
  const title = `${m.answers.organization ? `${m.answers.organization}: ` : ''}${m.bank.title}${m.answers.date ? `, ${m.answers.date}` : ''}`;
  const body = [
    bandDefs(bands),
    header(m, bands),
    '<main>',
    chart(m, bands),
    engagement(m),
    teamPulse(m),
    startMeasuring(m),
    `<section id="elements" aria-labelledby="elements-h">\n<h2 id="elements-h">Elements</h2>\n${elements.map((e) => elementSection(e, areaTitle(e.area), bands)).join('\n')}\n</section>`,
    leftOut(m),
    sources(m),
    // Fix first comes last, so that the page ends on what to do.
    fixFirst(m),
    '</main>',
    `<footer>Made by service-audit ${html(m.tool.version)} from ${html(m.answers.file)} (answers sha256 ${m.answers.sha256.slice(0, 12)}…, bank ${html(m.bank.id)}@${m.bank.version}).</footer>`,
  ];
  return htmlPage(title, body.filter(Boolean).join('\n'));
}
