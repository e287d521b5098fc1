import { actionWords, expiredWords } from '../plan/words.js';
import {
  markdownCode,
  markdownCode as code,
  markdownHeading,
  markdownInline,
  markdownInline as cell,
  mermaidLabel,
} from '../text/escape.js';
import { plural } from '../text/plural.js';
import { wrap } from '../text/wrap.js';
import type { RenderOptions } from '../renderer.js';
import type { ReportElement, ReportModel } from './schema.js';
import { citation as plainCitation, referenceText } from '../bank/sources.js';

/** A Sources entry, every part escaped. */
const citation = (s: ReportModel['sources'][number]) =>
  plainCitation({
    ...s,
    title: `*${markdownInline(s.title)}*`,
    ...(s.author && { author: markdownInline(s.author) }),
    ...(s.publisher && { publisher: markdownInline(s.publisher) }),
    ...(s.date && { date: markdownInline(s.date) }),
    ...(s.note && { note: markdownInline(s.note) }),
    ...(s.url && { url: markdownCode(s.url) }),
  });
import { sentence } from '../text/sentence.js';
import { weakestFirst } from './terminal.js';
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

/** A list item wrapped to the page, its continuation lines indented under it. */
const item = (text: string, head = '- ') =>
  wrap(text, WIDTH - head.length)
    .map((l, i) => (i === 0 ? `${head}${l}` : `${' '.repeat(head.length)}${l}`))
    .join('\n');

const WIDTH = 80;
const para = (text: string) => wrap(text, WIDTH).join('\n');
const fmt = (score: number | null) => (score === null ? 'n/a' : score.toFixed(1));

/** The first step, owner and check of a piece of advice, as sentences after its text (empty when the bank gives none). */
function adviceDetail(a: { firstStep?: string | undefined; owner?: string | undefined; check?: string | undefined }) {
  const parts: [string, string | undefined][] = [
    ['First step', a.firstStep],
    ['Owner', a.owner],
    ['Check', a.check],
  ];
  // Each part a sentence of its own: "Owner: IT." reads as one, not run into "Check:".
  return parts.map(([k, v]) => (v === undefined ? '' : ` ${k}: ${cell(/[.!?]$/.test(v) ? v : `${v}.`)}`)).join('');
}

/** Numbers answered "we don't measure this": one item each, with the advice to start measuring. */
function startMeasuring(unmeasured: ReportModel['unmeasured']): string {
  return unmeasured
    .map((u) => {
      const what = [u.unit, u.target].filter(Boolean).join(', ');
      return wrap(
        `${cell(u.text)} (${code(u.questionId)}${what ? `; ${cell(what)}` : ''}; answered: ${cell(u.reason)}): ${cell(u.recommendation)}${adviceDetail(u)}`,
        WIDTH - 2,
      )
        .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
        .join('\n');
    })
    .join('\n');
}

/** With --explain: each question behind an element's score, and the arithmetic that gives it. */
function explainTable(explain: NonNullable<ReportElement['explain']>, score: number | null): string {
  const rows = ['| Question | Answer | Weight | Credit | Weight × credit |', '| --- | --- | ---: | ---: | ---: |'];
  for (const x of explain) {
    const answered = x.status === 'answered' && x.credit !== null;
    const answer =
      x.status === 'na'
        ? 'not applicable, left out'
        : x.status === 'unanswered'
          ? 'unanswered, left out'
          : cell(String(x.answer));
    rows.push(
      `| ${code(x.questionId)} | ${answer} | ${x.weight} | ${answered ? x.credit!.toFixed(2) : '—'} | ${answered ? +(x.weight * x.credit!).toFixed(4) : '—'} |`,
    );
  }
  const used = explain.filter((x) => x.status === 'answered' && x.credit !== null);
  const sw = used.reduce((t, x) => t + x.weight, 0);
  const swc = used.reduce((t, x) => t + x.weight * x.credit!, 0);
  const formula =
    used.length === 0
      ? 'No answered question: no score.'
      : `Score = 100 × ${+swc.toFixed(4)} / ${+sw.toFixed(4)} = ${fmt(score)}.`;
  return `${rows.join('\n')}\n\n${formula}`;
}

export interface MarkdownOptions extends RenderOptions {
  /** The level of the report's title (1, or 2 when the report is a section of another document). */
  level?: number;
}

/**
 * Renders the report as GitHub-flavoured markdown that passes markdownlint. Every text from a
 * file goes through the markdown escapers of src/text/escape.ts. Pure.
 */
export function renderMarkdown(m: ReportModel, o: MarkdownOptions = {}): string {
  const level = o.level ?? 1;
  const h = (depth: number, text: string) =>
    `${'#'.repeat(level + depth - 1)} ${markdownHeading(text, WIDTH - level - depth)}`;
  const label = (id: string | null) =>
    cell(id === null ? 'not scored' : (m.bands.find((b) => b.id === id)?.label ?? id));
  const areaTitle = (id: string) => m.areas.find((a) => a.id === id)?.title ?? id;
  const blocks: string[] = [];
  const heading = m.answers.organization ? `${m.bank.title}: ${m.answers.organization}` : m.bank.title;
  blocks.push(h(1, heading));

  // One item a line, each wrapped: a long name must not break the line length.
  const meta = [`Date: ${cell(m.answers.date ?? 'undated')}`];
  if (m.answers.respondent) meta.push(`Respondent: ${cell(m.answers.respondent)}`);
  meta.push(`Bank: ${cell(`${m.bank.id}@${m.bank.version}`)}`);
  blocks.push(meta.map((l) => wrap(l, WIDTH).join('\n')).join('  \n'));

  // The page a manager reads first: overall, the weakest element, the top three actions.
  const c = m.completeness;
  const missing =
    c.unanswered > 0
      ? ` ${c.unanswered} unanswered: ${Math.round((100 * c.unanswered) / c.questions)}% of the audit is missing.`
      : '';
  const counts = [
    c.notApplicable ? `${c.notApplicable} not applicable` : '',
    c.notAsked ? `${c.notAsked} not asked` : '',
    c.notMeasured ? `${c.notMeasured} not measured` : '',
  ].filter(Boolean);
  blocks.push(
    para(
      `**Overall: ${overallWords(m, label, code)}.** Answered ${c.answered} of ${plural(c.questions, 'question')}${counts.length ? `, ${counts.join(', ')}` : ''}.${missing}`,
    ),
  );
  const w = m.summary.weakest;
  if (w) blocks.push(para(`Weakest element: **${cell(w.title)}** ${fmt(w.score)} (${label(w.band)}).`));
  if (m.summary.actions.length > 0) {
    blocks.push(h(2, 'Do first'));
    blocks.push(m.summary.actions.map((p, i) => item(`${cell(p.text)} (${whyWords(p)})`, `${i + 1}. `)).join('\n'));
  }

  blocks.push(h(2, 'Scores'));
  const rows = ['| Area | Element | Score | Band |', '| --- | --- | ---: | --- |'];
  for (const e of m.elements.filter((x) => x.score !== null))
    rows.push(`| ${cell(areaTitle(e.area))} | ${cell(e.title)} | ${fmt(e.score)} | ${label(e.band)} |`);
  for (const a of m.areas)
    rows.push(
      a.score === null && a.missing.length > 0
        ? `| **${cell(a.title)}** | all elements | n/a | incomplete: ${cell(a.missing.join(', '))} missing |`
        : `| **${cell(a.title)}** | all elements | ${fmt(a.score)} | ${label(a.band)} |`,
    );
  blocks.push(rows.join('\n'));
  // Elements with no score are named once, not drawn as empty rows.
  const none = unscored(m);
  if (none.missing.length > 0)
    blocks.push(
      para(`Missing (essential, no applicable answer): ${cell(none.missing.map((e) => e.title).join(', '))}.`),
    );
  if (none.other.length > 0) blocks.push(para(`Not scored: ${cell(none.other.map((e) => e.title).join(', '))}.`));
  const arithmetic = arithmeticLines(m, code, cell);
  if (arithmetic.length > 0) {
    blocks.push(h(2, 'How the scores combine'));
    blocks.push(arithmetic.map((l) => item(l)).join('\n'));
  }

  // Horizontal bars: mermaid puts one category label per line on the left, where long element
  // titles cannot overlap (the vertical chart's x axis crushed fourteen of them together on GitHub).
  const charted = m.elements.filter((e) => e.score !== null);
  if (charted.length > 0) {
    blocks.push(
      [
        '```mermaid',
        'xychart-beta horizontal',
        '  title "Element scores (0-100)"',
        `  x-axis [${charted.map((e) => `"${mermaidLabel(e.title)}"`).join(', ')}]`,
        '  y-axis "Score" 0 --> 100',
        `  bar [${charted.map((e) => fmt(e.score)).join(', ')}]`,
        '```',
      ].join('\n'),
    );
  }

  if (m.unmeasured.length > 0) blocks.push(h(2, 'Start measuring'), startMeasuring(m.unmeasured));

  blocks.push(h(2, 'Elements'));
  for (const e of weakestFirst(m.elements.filter((x) => x.score !== null))) {
    // Area and element cut apart, so that a long area title cannot make two headings the same (MD024).
    const room = WIDTH - level - 3;
    const areaPart = markdownHeading(areaTitle(e.area), Math.floor(room / 3));
    blocks.push(
      `${'#'.repeat(level + 2)} ${areaPart}: ${markdownHeading(`${e.title}${e.concept ? ` (${e.concept})` : ''}`, room - areaPart.length - 2)}`,
    );
    const counts = `Score ${fmt(e.score)} (${label(e.band)}); ${e.answered} answered, ${e.notApplicable} not applicable, ${e.unanswered} unanswered.`;
    blocks.push(para(counts));
    if (e.explain) blocks.push(explainTable(e.explain, e.score));
    if (e.weaknesses.length === 0) blocks.push(e.answered > 0 ? 'No weak answers.' : 'No answers yet.');
    else
      blocks.push(
        e.weaknesses
          .map((w) => {
            const lines = wrap(
              `**${cell(w.text)}** Answer: ${cell(w.answerLabel)} (credit ${w.credit.toFixed(2)}, +${w.pointsToGain.toFixed(1)} points). ${cell(w.recommendation)}${adviceDetail(w)}`,
              WIDTH - 2,
            ).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`));
            return lines.join('\n');
          })
          .join('\n'),
      );
    if (e.sources.length > 0) blocks.push(para(sentence(referenceText(e.sources, markdownInline))));
    if (e.notes.length > 0)
      blocks.push(
        e.notes
          .map((n) =>
            wrap(`Note on ${code(n.questionId)}: ${cell(n.note)}`, WIDTH - 2)
              .map((l) => `> ${l}`)
              .join('\n'),
          )
          .join('\n>\n'),
      );
  }

  const bench = m.elements.filter((e) => e.benchmark);
  if (m.team) {
    const team = m.team;
    blocks.push(h(2, "The team's pulse"));
    const lines = teamSentences(team, cell);
    if (!team.suppressed) {
      lines.push(...team.statements.map((x) => `${cell(x.text)}: ${favourableLine(x)}`));
      lines.push(...team.predictions.map((p) => predictionLine(p, cell)));
    }
    blocks.push(lines.map((l) => item(l)).join('\n'));
  }

  if (bench.length > 0 && !m.team) {
    blocks.push(h(2, 'Engagement vs benchmarks'));
    const t = ['| Statement | Yours | Poll | Difference (points) |', '| --- | ---: | ---: | ---: |'];
    for (const e of bench) {
      const b = e.benchmark!;
      t.push(
        `| ${cell(b.statement)} | ${b.yours === null ? 'not answered' : `${b.yours}%`} | ${b.value}% | ${b.delta === null ? 'n/a' : (b.delta >= 0 ? '+' : '') + b.delta.toFixed(1)} |`,
      );
    }
    blocks.push(t.join('\n'));
    blocks.push(para(sentence(`Source: ${cell(bench[0]!.benchmark!.source)}`)));
  }

  if (m.unanswered.length > 0) {
    blocks.push(h(2, 'Unanswered'));
    blocks.push(m.unanswered.map((id) => `- ${code(id)}`).join('\n'));
  }
  // Left out of the scores: one line per reason.
  const folded = foldedReasons(m);
  if (folded.length > 0) {
    blocks.push(h(2, 'Left out of the scores'));
    blocks.push(folded.map((f) => item(cell(foldedLine(f)))).join('\n'));
  }
  if (m.upgrade) {
    blocks.push(h(2, 'Upgraded answers'));
    const n = m.upgrade.newQuestions.length;
    blocks.push(
      para(
        `These answers were given against ${markdownInline(m.upgrade.from)} and were mapped to ${markdownInline(`${m.bank.id}@${m.bank.version}`)}. ${n === 0 ? 'Every question of this version has an answer carried over.' : `${n} question${n === 1 ? ' is' : 's are'} new in this version and not answered yet:`}`,
      ),
    );
    if (n > 0) blocks.push(m.upgrade.newQuestions.map((id) => `- ${markdownCode(id)}`).join('\n'));
  }
  if (m.sources.length > 0) {
    blocks.push(h(2, 'Sources'));
    blocks.push(
      m.sources
        .map((s) =>
          wrap(citation(s), WIDTH - 2)
            .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
            .join('\n'),
        )
        .join('\n'),
    );
  }
  // Fix first comes last, so that the report ends on what to do.
  blocks.push(h(2, 'Fix first'));
  if (m.priorities.length === 0) blocks.push('Nothing to fix: every answered question earned full credit.');
  else
    blocks.push(
      m.priorities
        .map((p) =>
          item(
            `${cell(p.text)} (${code(p.questionId)}; ${cell(p.answerLabel)}; ${whyWords(p)}; +${p.pointsToGain.toFixed(1)} points): ${cell(p.recommendation)}${adviceDetail(p)}${p.action ? ` ${cell(`${actionWords(p.action)}.`)}` : ''}`,
            // A task list: an action done in the plan is ticked.
            `- [${p.action?.status === 'done' ? 'x' : ' '}] `,
          ),
        )
        .join('\n'),
    );
  if (m.plan) blocks.push(para(`Plan: ${cell(m.plan.summary)}.`));
  if (m.expired && m.expired.length > 0) {
    blocks.push(h(2, 'Past their review date'));
    blocks.push(
      m.expired
        .map((e) =>
          wrap(cell(expiredWords(e)), WIDTH - 2)
            .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
            .join('\n'),
        )
        .join('\n'),
    );
    blocks.push(para('Ask them again with `service-audit --recheck`.'));
  }
  blocks.push(para(`Generated by service-audit ${cell(m.tool.version)}.`));
  return `${blocks.join('\n\n')}\n`;
}
