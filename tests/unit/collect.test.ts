import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { CSP, FORM_CSS, renderForm } from '../../src/collect/form.js';
import { formItems, readSubmission, responseFile } from '../../src/collect/submission.js';
import { MINI_BANK } from '../helpers.js';

// The mini bank with its percent question and one scale question asked of the team.
const TEAM_BANK = MINI_BANK.replace(
  '            type: scale\n            scale: agree\n            weight: 3',
  '            type: scale\n            scale: agree\n            weight: 3\n            audience: team',
).replace('            type: percent\n', '            type: percent\n            audience: team\n');
const bank = parseBank('team.yaml', TEAM_BANK).bank!;
const items = formItems(bank, { audience: 'team' });
const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p;
};

describe('the form asks the chosen audience', () => {
  test('team questions only by default; lead and all on request', () => {
    expect(items.map((x) => x.question.id)).toEqual(['c.one', 't.share']);
    expect(formItems(bank, { audience: 'lead' }).map((x) => x.question.id)).toEqual(['c.two', 'd.one']);
    expect(formItems(bank, { audience: 'all', areas: ['eng'] }).map((x) => x.question.id)).toEqual(['t.share']);
  });
});

// [name, fields, answers expected (undefined = invalid), errors expected]
const CASES: [
  string,
  Record<string, string | string[]>,
  Record<string, unknown> | undefined,
  Record<string, string>,
][] = [
  [
    'an option and a percent',
    { 'q:c.one': 'partly', 'q:t.share': '45' },
    { 'c.one': { value: 'partly' }, 't.share': { value: 45 } },
    {},
  ],
  ['a percent with a sign and a comma', { 'q:t.share': '45,5 %' }, { 't.share': { value: 45.5 } }, {}],
  [
    'not applicable with a reason, newlines folded',
    { 'q:c.one': 'n/a', 'na:c.one': ' new\nhere ' },
    { 'c.one': { na: 'new here' } },
    {},
  ],
  [
    'the percent N/A box wins over a typed number',
    { 'q:t.share': ['30', 'n/a'], 'na:t.share': 'no idea' },
    { 't.share': { na: 'no idea' } },
    {},
  ],
  [
    'a note kept with its lines, control characters dropped',
    { 'q:c.one': 'yes', 'note:c.one': 'a\r\nb\u001b[2J\u202e' },
    { 'c.one': { value: 'yes', note: 'a\nb[2J' } },
    {},
  ],
  ['unanswered questions are left out', { 'q:c.one': 'no', 'q:t.share': '' }, { 'c.one': { value: 'no' } }, {}],
  [
    'a question the form did not show is ignored',
    { 'q:c.one': 'no', 'q:c.two': 'yes', 'q:__proto__': 'x' },
    { 'c.one': { value: 'no' } },
    {},
  ],
  [
    'N/A without a reason',
    { 'q:c.one': 'n/a' },
    undefined,
    { 'c.one': 'Say briefly why it does not apply to you, or choose an answer.' },
  ],
  ['a value that is not an option', { 'q:c.one': 'maybe' }, undefined, { 'c.one': 'Choose one of the answers.' }],
  ['a percent over 100', { 'q:t.share': '101' }, undefined, { 't.share': 'Write a number from 0 to 100.' }],
  ['a percent in words', { 'q:t.share': 'lots' }, undefined, { 't.share': 'Write a number from 0 to 100.' }],
  [
    'a comment without an answer',
    { 'note:c.one': 'hmm' },
    undefined,
    { 'c.one': 'You wrote a comment but chose no answer: choose one, or clear the comment.' },
  ],
];

describe('a submitted form is read against the questions it showed', () => {
  test.each(CASES)('%s', (_name, fields, answers, errors) => {
    const sub = readSubmission(items, form(fields));
    expect(sub.answers === undefined ? undefined : { ...sub.answers }).toEqual(answers);
    expect({ ...sub.errors }).toEqual(errors);
  });

  test('nothing answered is a problem of the whole form', () => {
    const sub = readSubmission(items, form({ nonce: 'x' }));
    expect(sub.answers).toBeUndefined();
    expect(sub.formError).toBe('Answer at least one question before you send.');
  });

  test('every value typed is kept for the form to show again', () => {
    const sub = readSubmission(items, form({ 'q:c.one': 'n/a', 'q:t.share': 'lots', 'note:t.share': 'see <b>me</b>' }));
    expect({ ...sub.state.values }).toEqual({ 'c.one': 'n/a', 't.share': 'lots' });
    expect({ ...sub.state.notes }).toEqual({ 't.share': 'see <b>me</b>' });
  });
});

describe('a response is stored as an answers file that reads back exactly', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '"quoted" and \'single\'',
    'émoji 🎉 ok',
    '010',
    'yes',
    'null',
    '# not a comment',
    'a: b',
    '- item',
    '{ na: x }',
    '\\back\\slash',
  ];
  test.each(hostile)('a reason and a note of %j', (text) => {
    const answers = { 'c.one': { na: text, note: text }, 't.share': { value: 7.5, note: `${text}\n${text}` } };
    const file = responseFile(bank, items, { id: '0123456789abcdef', date: '2026-11-24', group: text, answers });
    const back = parseAnswers('r.yaml', file, bank);
    expect(back.problems).toEqual([]);
    expect(back.parsed!.answers).toEqual({ bank: 'mini@1', date: '2026-11-24', group: text, answers });
  });

  test('holds the bank, the day, the group and the answers: nothing else', () => {
    const file = responseFile(bank, items, {
      id: '0123456789abcdef',
      date: '2026-11-24',
      group: 'Night shift',
      answers: { 'c.one': { value: 'yes' } },
    });
    const keys = file
      .split('\n')
      .filter((l) => /^[a-z]+:/.test(l))
      .map((l) => l.split(':')[0]);
    expect(keys).toEqual(['bank', 'date', 'group', 'answers']);
    expect(file).not.toMatch(/\d{2}:\d{2}/);
  });
});

describe('the form page', () => {
  const evil = parseBank(
    'evil.yaml',
    TEAM_BANK.replace('Question one?', '"<script>alert(1)</script> & \\"quotes\\" 🎉"').replace(
      'title: Mini bank',
      'title: "Mini <img src=x onerror=alert(1)>"',
    ),
  ).bank!;
  const evilItems = formItems(evil, { audience: 'team' });

  test('escapes the bank text, kept values and errors, and has no script or outside address', () => {
    const sub = readSubmission(
      evilItems,
      form({
        'q:c.one': 'n/a',
        'na:c.one': '"><script>x</script>',
        'note:t.share': '</textarea><script>y</script>',
        'q:t.share': '"onfocus=alert(1) x="',
      }),
    );
    const page = renderForm({
      bank: evil,
      items: evilItems,
      action: '/tok',
      nonce: 'n"x',
      group: '<b>Night</b>',
      state: sub.state,
      errors: sub.errors,
    });
    expect(page).not.toMatch(/<script|<img|<b>|<\/textarea><script/i);
    expect(page).toContain('value="&quot;onfocus=alert(1) x=&quot;"');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; 🎉');
    expect(page).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(page).toContain('name="nonce" value="n&quot;x"');
    expect(page).not.toMatch(/\b(?:src|href)="(?!#|data:)/);
  });

  test('an invalid form comes back with each problem beside its question and every value kept', () => {
    const sub = readSubmission(items, form({ 'q:c.one': 'n/a', 'q:t.share': '150', 'note:t.share': 'too high?' }));
    const page = renderForm({ bank, items, action: '/tok', nonce: 'n', state: sub.state, errors: sub.errors });
    expect(page).toContain('<fieldset id="q1" class="invalid" aria-describedby="q1-error">');
    expect(page).toContain(
      '<p class="error" id="q1-error">Say briefly why it does not apply to you, or choose an answer.</p>',
    );
    expect(page).toContain('value="n/a" id="q1-na" checked>');
    expect(page).toContain('name="q:t.share" id="q2-v" value="150" aria-invalid="true"');
    expect(page).toContain('>too high?</textarea>');
    expect(page).toContain('<a href="#q2">Question 2: Write a number from 0 to 100.</a>');
  });

  test('the Content-Security-Policy allows the page style by its hash, and nothing from elsewhere', () => {
    expect(CSP).toContain(`'sha256-${createHash('sha256').update(FORM_CSS).digest('base64')}'`);
    expect(CSP).toMatch(/^default-src 'none';/);
    expect(CSP).not.toMatch(/https?:|\*/);
  });

  test('says plainly what is kept', () => {
    const page = renderForm({ bank, items, action: '/t', nonce: 'n', group: 'Night shift' });
    expect(page).toContain(
      "Only your answers, today's date and the group “Night shift”. No name, no device or network address, no time of day.",
    );
  });
});
