import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lint } from 'markdownlint/promise';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  html,
  markdownCode,
  markdownHeading,
  markdownInline,
  mermaidLabel,
  terminalLine,
  terminalText,
  workflowData,
  workflowProperty,
  xml,
  yamlComment,
  yamlQuoted,
  yamlString,
} from '../../src/text/escape.js';
import { MARKDOWNLINT_CONFIG } from '../helpers.js';

/** Text an attacker would write into a bank, an answers file or an argument. */
const HOSTILE = [
  '',
  'plain words',
  'Acme\u001b]0;pwned\u0007\u001b[2J',
  '\u009b31m C1 CSI',
  'two\nlines\r\nand\rthree',
  'line\u2028separator\u2029paragraph',
  'bidi \u202Eevil\u202C and \u2066isolate\u2069',
  '\uFEFFbom',
  'nul\u0000 bell\u0007 del\u007f',
  '# heading',
  'a\n# injected heading\n<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[link](javascript:alert(1)) ![img](x)',
  'see https://example.com/a_b and www.example.com and a@b.com',
  '<https://example.com>',
  '| a | b |',
  '- item\n+ item\n* item\n1. item\n2) item',
  '> quote',
  '***',
  '---',
  '===',
  '    indented code',
  '```fence',
  '~~~fence',
  '**bold** _em_ ~~strike~~',
  '`code` ``double``',
  'back\\slash\\',
  '&amp; &lt; &#60;',
  '$math$ :emoji: [^1] - [ ] task',
  '::error file=x,line=1::injected',
  '%0A::error::percent',
  'tab\there',
  'quote " and \' apostrophe',
  'lone \uD800 surrogate and \uDC00',
  'emoji 👍 and ünïcödé',
  'x'.repeat(300),
];

const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

describe('terminalLine', () => {
  test.each([
    ['plain', 'plain'],
    ['a\u001b[2Jb', 'a\\x1b[2Jb'],
    ['\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['a\tb', 'a\\tb'],
    ['a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['\u009b', '\\x9b'],
    ['\u202Eabc', '\\u202eabc'],
    ['\u007f', '\\x7f'],
    ['é 👍 —', 'é 👍 —'],
  ])('%j → %j', (input, out) => expect(terminalLine(input)).toBe(out));

  test.each(HOSTILE)('%j: one line, no control character', (s) => {
    const out = terminalLine(s);
    expect(out).not.toMatch(CONTROLS);
    expect(out.split('\n')).toHaveLength(1);
  });
});

describe('terminalText', () => {
  test('keeps newlines and tabs, shows every other control', () => {
    expect(terminalText('a\nb\tc\u001b[2J\r\u2028')).toBe('a\nb\tc\\x1b[2J\\r\\u2028');
  });
  test.each(HOSTILE)('%j: no control character but newline and tab', (s) => {
    expect(terminalText(s).replace(/[\n\t]/g, '')).not.toMatch(CONTROLS);
  });
});

// Raw HTML allowed, as GitHub's own renderer shows it (after its sanitizer): an escape must not rely on a filter.
const renderMd = (md: string) =>
  micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
/** The text a browser shows for rendered HTML (the renderer's entities decoded). */
const shown = (h: string) =>
  h
    .replace(/<\/?p>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
/** What markdownInline promises to show: the text on one line, whitespace folded, controls visible. */
const folded = (s: string) => terminalLine(s.replace(/[ \t\r\n\u2028\u2029]+/g, ' ').trim());

async function lintMd(md: string): Promise<string[]> {
  const r = await lint({ strings: { md }, config: MARKDOWNLINT_CONFIG });
  return r.md!.map((x) => `${x.lineNumber}: ${x.ruleNames.join('/')} ${x.errorDetail ?? ''}`);
}

describe('markdownInline', () => {
  test.each([
    ['a|b', 'a\\|b'],
    ['<img>', '\\<img\\>'],
    ['# h', '\\# h'],
    ['a\n# h', 'a \\# h'],
    ['- x', '\\- x'],
    ['1. x', '1\\. x'],
    ['www.example.com', 'www\\.example.com'],
    ['a@b.com', 'a\\@b.com'],
    ['https://x.org', 'https\\://x.org'],
    ['  spaced   out  ', 'spaced out'],
    ['\u001b[2J', '\\\\x1b\\[2J'],
  ])('%j → %j', (input, out) => expect(markdownInline(input)).toBe(out));

  test.each(HOSTILE)('%j renders as exactly its text: no element, no link, no HTML', (s) => {
    const out = renderMd(markdownInline(s));
    expect(out.replace(/^<p>|<\/p>\n?$/g, '')).not.toMatch(/<[a-z]/i);
    expect(shown(out)).toBe(folded(s));
  });

  test.each(HOSTILE)(
    '%j wrapped at every space, as a list item, a heading and a table cell: lint-clean, text intact',
    async (s) => {
      const e = markdownInline(s);
      // A wrap may start any line with any word: each word at the start of its own line.
      const wrapped = (e || 'x').split(' ').join('\n  ');
      const md = `# Title\n\n## ${markdownHeading(s) || 'x'}\n\n- ${wrapped}\n\n| Head |\n| --- |\n| ${e || 'x'} |\n\nText: ${e || 'x'}\n`;
      expect(await lintMd(md)).toEqual([]);
      const out = renderMd(md);
      expect(out.match(/<h\d/g)).toHaveLength(2);
      expect(out).not.toMatch(/<(?!\/?(h1|h2|ul|li|table|thead|tbody|tr|th|td|p)\b)[a-z]/i);
      if (s.trim())
        expect(shown(renderMd(`- ${wrapped}`).replace(/<\/?(ul|li)>/g, '')).replace(/\s+/g, ' ')).toBe(folded(s));
    },
  );

  test('the escaping of < and > is what keeps HTML out', () => {
    expect(renderMd(markdownInline('<b>x</b>'))).not.toContain('<b>');
    expect(renderMd('<b>x</b>')).toContain('<b>');
  });
});

describe('markdownHeading', () => {
  test.each([
    ['The Customer.', 'The Customer'],
    ['Why?', 'Why?'],
    ['a: b;!', 'a: b'],
    ['# h\n<b>', '\\# h \\<b\\>'],
    [`${'word '.repeat(30)}end`, `${'word '.repeat(15)}…`],
    ['x'.repeat(100), 'x'.repeat(100)],
  ])('%j → %j', (input, out) => expect(markdownHeading(input)).toBe(out));

  test.each(HOSTILE)('%j is one lint-clean heading', async (s) => {
    const md = `# Title\n\n## ${markdownHeading(s) || 'x'}\n`;
    expect(await lintMd(md)).toEqual([]);
    expect(renderMd(md).match(/<h\d/g)).toHaveLength(2);
  });
});

describe('markdownCode', () => {
  test.each([
    ['id.one', '`id.one`'],
    ['a`b', '``a`b``'],
    ['`', '`` ` ``'],
    ['a``b`', '``` a``b` ```'],
    ['', '` `'],
    [' x ', '`x`'],
    ['a\nb', '`a b`'],
    ['\u001b[2J', '`\\x1b[2J`'],
  ])('%j → %j', (input, out) => expect(markdownCode(input)).toBe(out));

  test.each(HOSTILE.filter((s) => s.trim()))('%j renders as one code span holding the text', async (s) => {
    const out = renderMd(`Id ${markdownCode(s)} here.`).trim();
    expect(out.match(/<code>/g)).toHaveLength(1);
    expect(shown(out.replace(/<\/?code>/g, ''))).toBe(`Id ${folded(s)} here.`);
    // At the end of the line: markdownlint allows a long line whose only overflow is one word.
    expect(await lintMd(`# T\n\nId ${markdownCode(s)}\n`)).toEqual([]);
  });
});

describe('mermaidLabel', () => {
  test.each(HOSTILE)('%j: one line, no quote, no markup, no control', (s) => {
    const out = mermaidLabel(s);
    expect(out).not.toMatch(/["`<>#;{}[\]\\\n\r]/);
    expect(out).not.toMatch(CONTROLS);
    expect(out).toBe(out.trim());
  });
  test('keeps the words', () => expect(mermaidLabel('The "Best"\nCustomer <b>')).toBe('The Best Customer b'));
});

describe('html', () => {
  test('escapes the five characters', () =>
    expect(html(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'));
  test.each(HOSTILE)('%j: no tag and no quote can be formed', (s) => expect(html(s)).not.toMatch(/[<>"']/));
});

describe('xml', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  test.each(HOSTILE)('%j is valid XML text and attribute, reading back as the text minus what XML cannot hold', (s) => {
    const doc = `<r a="${xml(s)}">${xml(s)}</r>`;
    expect(XMLValidator.validate(doc)).toBe(true);
    const holdable = s
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
      .replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) =>
        /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(all.slice(i - 1, i + 1) + all.slice(i, i + 2)) ? c : '',
      );
    const back = parser.parse(`<r><t>${xml(s)}</t></r>`).r.t ?? '';
    expect(String(back).trim()).toBe(holdable.trim().replace(/\r\n?/g, '\n'));
  });
});

describe('GitHub workflow commands', () => {
  test('data: %, CR and LF', () => expect(workflowData('50%\r\n::error::x')).toBe('50%25%0D%0A::error::x'));
  test('property: also : and ,', () => expect(workflowProperty('a:b,c\n')).toBe('a%3Ab%2Cc%0A'));
  test.each(HOSTILE)('%j stays inside one command line', (s) => {
    const line = `::error file=${workflowProperty(s)},title=${workflowProperty(s)}::${workflowData(s)}`;
    expect(line.split(/\r\n|\r|\n/)).toHaveLength(1);
    // The properties cannot end early or add a property.
    expect(line.slice(0, line.indexOf('::', 2)).split(',')).toHaveLength(2);
  });
});

describe('YAML', () => {
  test.each(HOSTILE.filter((s) => !/[\uD800-\uDFFF]/.test(s)))(
    '%j: yamlQuoted and yamlString read back as the same string',
    (s) => {
      expect(parseYaml(`k: ${yamlQuoted(s)}\n`)).toEqual({ k: s });
      expect(parseYaml(`${yamlString(s)}: ${yamlString(s)}\n`)).toEqual({ [s]: s });
    },
  );
  test.each(['yes', 'no', 'on', 'off', 'null', 'true', '1', '010', '0x1', '1e3', '~', '.inf', 'y', 'N'])(
    '%j is quoted',
    (s) => expect(yamlString(s)).toBe(JSON.stringify(s)),
  );
  test.each(['agree', 'strongly-disagree', 'q_1'])('%j stays plain', (s) => expect(yamlString(s)).toBe(s));
  test.each(HOSTILE)('%j as a comment leaves the document as it was', (s) => {
    expect(parseYaml(`# ${yamlComment(s)}\nk: v\n`)).toEqual({ k: 'v' });
  });
});
