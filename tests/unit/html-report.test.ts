import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { CSS, csp, lineChart, scoreBar } from '../../src/report/html-kit.js';
import { renderHtml } from '../../src/report/html.js';
import { buildReport } from '../../src/report/model.js';
import { scoreAudit } from '../../src/score/score.js';
import { html } from '../../src/text/escape.js';
import { MINI_BANK } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank!;

/** Everything a person types into an answers file, made hostile. */
const HOSTILE = {
  organization: `<script>alert("org")</script> "Acme" & 'Sons' 😀`,
  respondent: 'Dana \u001b[31mRed\u001b[0m \u202eevil\u202c',
  note: '</style><img src=x onerror=alert(1)><style>',
  reason: `<a href="http://192.0.2.1/">we have no delivery</a>`,
};
const ANSWERS = `bank: mini@1
organization: ${JSON.stringify(HOSTILE.organization)}
respondent: ${JSON.stringify(HOSTILE.respondent)}
date: 2026-11-22
answers:
  c.one: { value: partly, note: ${JSON.stringify(HOSTILE.note)} }
  c.two: yes
  d.one: { na: ${JSON.stringify(HOSTILE.reason)} }
  t.share: 45
`;
const parsed = parseAnswers('answers.yaml', ANSWERS, bank);
const answers = parsed.parsed!.answers;
const model = buildReport(scoreAudit(bank, answers), {
  toolVersion: '1.2.3',
  bank,
  bankSha256: 'a'.repeat(64),
  answers,
  answersFile: '<answers>.yaml',
  answersSha256: 'b'.repeat(64),
});
const page = renderHtml(model);

describe('html escaper', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"double" 'single' & amp`, '&quot;double&quot; &#39;single&#39; &amp; amp'],
    ['emoji 😀 and accents é', 'emoji 😀 and accents é'],
    ['esc \u001b[31m, nul \u0000, del \u007f, c1 \u009b', 'esc \\x1b[31m, nul \\x00, del \\x7f, c1 \\x9b'],
    ['bidi \u202eevil\u202c', 'bidi \\u202eevil\\u202c'],
    ['line\nbreak\ttab\r', 'line\nbreak\ttab\\r'],
  ])('%j → %j', (input, out) => expect(html(input)).toBe(out));
});

describe('the HTML report', () => {
  test('is one page with no script, no external address, and a CSP that allows only its own stylesheet', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script|<img|<link|<iframe|<[^>]*\son\w+=|url\((?!#)|@import/i);
    expect(page).not.toMatch(/(src|href)="(?!#)/);
    const hash = createHash('sha256').update(CSS).digest('base64');
    expect(csp(CSS)).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${csp(CSS)}">`);
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page).toContain(`<style>${CSS}</style>`);
  });

  test('escapes every value a person typed', () => {
    expect(page).toContain(
      '<h1>&lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt; &quot;Acme&quot; &amp; &#39;Sons&#39; 😀</h1>',
    );
    expect(page).toContain('Dana \\x1b[31mRed\\x1b[0m \\u202eevil\\u202c');
    expect(page).toContain('&lt;/style&gt;&lt;img src=x onerror=alert(1)&gt;&lt;style&gt;');
    expect(page).toContain('&lt;a href=&quot;http://192.0.2.1/&quot;&gt;we have no delivery&lt;/a&gt;');
    expect(page).toContain('from &lt;answers&gt;.yaml');
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  test('has the sections in order: header (summary), chart, engagement, elements, left out, sources, fix first last', () => {
    const ids = [...page.matchAll(/<section (?:class="element" )?id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'scores',
      'engagement',
      'elements',
      // Only scored elements get a section; the others are named once under the chart.
      ...model.elements.filter((e) => e.score !== null).map((e) => `element-${e.id}`),
      'left-out',
      'sources',
      'fix-first',
    ]);
    expect(model.elements).toHaveLength(3);
    const none = model.elements.filter((e) => e.score === null);
    if (none.length > 0) expect(page).toContain(`Not scored: ${none.map((e) => e.title).join(', ')}`);
    // The one-screen summary in the header: the weakest element and the top three actions with their why-words.
    const header = page.slice(page.indexOf('<header>'), page.indexOf('</header>'));
    expect(header).toContain(`Weakest element: <a href="#element-${model.summary.weakest!.id}">`);
    expect(header).toContain('<h2 id="do-first-h">Do first</h2>');
    expect([...header.matchAll(/<li>/g)]).toHaveLength(Math.min(3, model.priorities.length));
    expect(page).toMatch(/Overall score<\/span> <span class="big">\d+\.\d<\/span>/);
    expect(page).toContain('<ol class="actions">');
  });

  test('--explain adds how the scores combine as a details section, from the model arithmetic', () => {
    expect(page).not.toContain('<details class="arithmetic">');
    const explained = buildReport(scoreAudit(bank, answers), {
      toolVersion: '1.2.3',
      bank,
      bankSha256: 'a'.repeat(64),
      answers,
      answersFile: 'a.yaml',
      answersSha256: 'b'.repeat(64),
      explain: true,
    });
    const o = explained.arithmetic!.overall;
    const withDetails = renderHtml(explained);
    expect(withDetails).toContain('<details class="arithmetic"><summary>How the scores combine</summary>');
    expect(withDetails).toContain(`<li><code>overall (by ${o.by}) = (`);
    expect(withDetails).toContain(`→ ${o.score}</code></li>`);
  });

  test('renders the sources the model carries (bank format v2)', () => {
    const withSources = {
      ...model,
      sources: [{ id: 'dna', title: 'The DNA of <Service>', author: 'A. Writer', date: '2013' }],
    };
    expect(renderHtml(withSources)).toContain('<li><cite>The DNA of &lt;Service&gt;</cite>, A. Writer, 2013</li>');
  });

  test('bars: width is the score in percent, thresholds at each band, band pattern as fill', () => {
    const bands = [
      { id: 'low', label: 'Low', min: 0 },
      { id: 'mid', label: 'Mid', min: 50 },
      { id: 'high', label: 'High', min: 80 },
    ];
    const bar = scoreBar(bands, 62.5, 'mid');
    expect(bar).toContain('width="62.5%" height="70%" fill="url(#band-1)"');
    expect([...bar.matchAll(/<line x1="(\d+)%"/g)].map((m) => m[1])).toEqual(['50', '80']);
    expect(scoreBar(bands, null, null)).toContain('class="empty"');
  });

  test('line chart: a gap breaks the line; each line has its own dash, named in the legend', () => {
    const svg = lineChart(
      [{ id: 'low', label: 'Low', min: 0 }],
      'Scores <over> time',
      ['a', 'b', 'c'],
      [
        { name: 'Overall', values: [10, null, 30], main: true },
        { name: 'Area <2>', values: [20, 40, 60] },
      ],
    );
    expect(svg.match(/<path d="M[^"]*"/g)![0]).toMatch(/^<path d="M36 \S+ M504 \S+"$/);
    expect(svg).toContain('stroke-dasharray="6 3"');
    expect(svg).toContain('aria-label="Scores &lt;over&gt; time"');
    expect(svg).toContain('</svg> Area &lt;2&gt;</li>');
  });
});
