import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { yamlComment, yamlString } from '../../src/text/escape.js';

describe('YAML escaping', () => {
  test.each([
    ['agree', 'agree'],
    ['c.one', 'c.one'],
    ['lens-of_the.customer', 'lens-of_the.customer'],
    ['0', '"0"'],
    ['00', '"00"'],
    ['010', '"010"'],
    ['1e3', '"1e3"'],
    ['0x1f', '"0x1f"'],
    ['null', '"null"'],
    ['True', '"True"'],
    ['yes', '"yes"'],
    ['off', '"off"'],
    ['~', '"~"'],
    ['', '""'],
  ])('yamlString(%j) is %s and reads back as the same text', (s, out) => {
    expect(yamlString(s)).toBe(out);
    expect(parse(`k: ${yamlString(s)}`)).toEqual({ k: s });
    expect(parse(`${yamlString(s)}: 1`)).toEqual({ [s]: 1 });
  });

  test.each([
    ['Title\n# injected: key', 'Title # injected: key'],
    ['a\r\nb\u2028c\u0085d', 'a b c d'],
    ['\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['lone \ud800 and \uffff', 'lone \\ud800 and \\uffff'],
  ])('yamlComment(%j) stays one comment line', (s, out) => {
    expect(yamlComment(s)).toBe(out);
    expect(parse(`# ${yamlComment(s)}\nk: 1`)).toEqual({ k: 1 });
  });
});
