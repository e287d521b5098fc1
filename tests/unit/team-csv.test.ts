import { describe, expect, test } from 'vitest';
import { answersValidator } from '../../src/answers/validator.js';
import { parseAnswers } from '../../src/answers/parse.js';
import { csvRespondents, parseCsv, parseCsvMap } from '../../src/team/csv.js';
import { answersYaml, teamBank } from '../team-helpers.js';

const bank = teamBank();

describe('the CSV parser (RFC 4180)', () => {
  test('quoted fields, doubled quotes, CRLF, line breaks inside quotes, a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n1,,3\r\n';
    const { records, problems } = parseCsv('f.csv', text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 4, cells: ['1', '', '3'] },
    ]);
  });

  test('semicolons and tabs, as some spreadsheets export them', () => {
    expect(parseCsv('f.csv', 'a;b\n1;2\n').records[1]!.cells).toEqual(['1', '2']);
    expect(parseCsv('f.csv', 'a\tb\n1\t2').records[1]!.cells).toEqual(['1', '2']);
  });

  test('an unclosed quote and text after a closing quote are placed', () => {
    expect(parseCsv('f.csv', 'a,b\n1,"open\n').problems[0]).toMatchObject({
      line: 2,
      col: 3,
      message: 'this quoted field is never closed',
    });
    expect(parseCsv('f.csv', 'a\n"x"y\n').problems[0]).toMatchObject({
      line: 2,
      col: 4,
      message: 'text after a closing quote',
    });
  });
});

describe('CSV import', () => {
  test('columns by id or exact text; cells by value or label; percents as numbers; N/A', () => {
    const csv = [
      'group,u.self,I trust the organization.,t.tools,u.share',
      'day,Strongly agree,agree,Yes,45%',
      'night,strongly-agree,N/A,no,12.5',
      ',,,true,',
    ].join('\n');
    const { rows, fatal } = csvRespondents('pulse.csv', csv, bank);
    expect(fatal).toEqual([]);
    expect(rows.map((r) => r.answers)).toEqual([
      {
        bank: 'pulse@1',
        group: 'day',
        answers: {
          'u.self': { value: 'strongly-agree' },
          't.self': { value: 'agree' },
          't.tools': { value: 'yes' },
          'u.share': { value: 45 },
        },
      },
      {
        bank: 'pulse@1',
        group: 'night',
        answers: {
          'u.self': { value: 'strongly-agree' },
          't.self': { na: 'marked not applicable in the CSV' },
          't.tools': { value: 'no' },
          'u.share': { value: 12.5 },
        },
      },
      { bank: 'pulse@1', answers: { 't.tools': { value: 'yes' } } },
    ]);
    expect(rows[0]!.source).toBe('pulse.csv:2');
  });

  test('an unknown column stops the import with FILE:ROW:COL', () => {
    const { fatal } = csvRespondents('pulse.csv', 'u.self,Shoe size\nagree,42\n', bank);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({
      file: 'pulse.csv',
      line: 1,
      col: 2,
      message: 'column "Shoe size" matches no question',
    });
  });

  test('a row with an unknown value is a bad response, placed at its row and column; the others stay', () => {
    const { rows } = csvRespondents('pulse.csv', 'u.self,t.self\nagree,agree\nagree,maybe\n', bank);
    expect(rows[0]!.answers).toBeDefined();
    expect(rows[1]!.answers).toBeUndefined();
    expect(rows[1]!.problems[0]).toMatchObject({ line: 3, col: 2, message: '"maybe" is not an answer to t.self' });
  });

  test('a row spanning two lines is reported at the line it starts on', () => {
    const { rows } = csvRespondents('pulse.csv', 'u.self,t.self\n"agree","nope\nreally"\n', bank);
    expect(rows[0]!.problems[0]).toMatchObject({ line: 2, col: 2 });
  });

  test('--map: columns to question ids (or ignore), labels to values, per question or for all', () => {
    const mapYaml = [
      'columns:',
      '  "How do you rate trust?": t.self',
      '  Timestamp: ignore',
      '  Team: group',
      'values:',
      '  Totally: strongly-agree',
      '  t.self:',
      '    "Not really": disagree',
    ].join('\n');
    const { map, problems } = parseCsvMap('map.yaml', mapYaml, bank);
    expect(problems).toEqual([]);
    const csv = 'Timestamp,Team,How do you rate trust?,u.self\n2026-11-01,day,Not really,Totally\n';
    const { rows, fatal } = csvRespondents('f.csv', csv, bank, map);
    expect(fatal).toEqual([]);
    expect(rows[0]!.answers).toEqual({
      bank: 'pulse@1',
      group: 'day',
      answers: { 't.self': { value: 'disagree' }, 'u.self': { value: 'strongly-agree' } },
    });
    // The timestamp is never stored: the column is ignored.
    expect(JSON.stringify(rows)).not.toContain('2026-11-01');
  });

  test('a map naming an unknown question is placed in the map file', () => {
    const { problems } = parseCsvMap('map.yaml', 'columns:\n  Trust: t.selff\n', bank);
    expect(problems[0]).toMatchObject({
      file: 'map.yaml',
      line: 2,
      message: '"t.selff" is not a question id',
      fix: 'did you mean "t.self"?',
    });
  });
});

describe('the fast validator for pools', () => {
  const validate = answersValidator(bank);

  test('a good file: the same answers as the full parser', () => {
    const text = answersYaml({ 'u.self': 'agree', 'u.share': 40 }, { group: 'day', respondent: 'Ann' });
    expect(validate('a.yaml', text).answers).toEqual(parseAnswers('a.yaml', text, bank).parsed!.answers);
  });

  test('the hand-checked common shape and the schema agree, file by file', () => {
    const texts = [
      'bank: pulse@1\ngroup: "  night  "\nanswers:\n  u.self: agree\n',
      `bank: pulse@1\ngroup: "${'x'.repeat(101)}"\nanswers: {}\n`,
      'bank: pulse@1\nrole: lead\ndate: 2026-11-22\nanswers:\n  u.share: { value: 40, note: "a guess" }\n  t.self: { na: "new here" }\n',
      'bank: pulse@1\nanswers:\n  t.self: { na: null }\n',
      'bank: pulse@1\nanswers:\n  t.self: { value: agree, na: x }\n',
      'bank: pulse@1\nanswers:\n  t.tools: true\n',
      'bank: pulse@1\nrole: boss\nanswers: {}\n',
      'bank: pulse@1\nextra: 1\nanswers: {}\n',
      'bank: pulse@1\nanswers:\n',
    ];
    for (const text of texts) {
      const full = parseAnswers('a.yaml', text, bank);
      expect(validate('a.yaml', text)).toEqual(
        full.parsed ? { answers: full.parsed.answers, problems: [] } : { problems: full.problems },
      );
    }
  });

  test("a bad file: the full parser's positioned problems", () => {
    for (const text of [
      answersYaml({ 'u.self': 'agreee' }),
      answersYaml({ 'u.self': 'agree' }, {}, 'pulse@2'),
      'bank: pulse@1\nanswers:\n  u.self: agree\n  u.self: neutral\n',
      'bank: [\n',
      answersYaml({ 'x.unknown': 'agree' }),
    ])
      expect(validate('a.yaml', text)).toEqual({ problems: parseAnswers('a.yaml', text, bank).problems });
  });
});
