import { readFileSync } from 'node:fs';
import { makeTheme } from '@inquirer/core';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { doneLine, PLAIN_THEME, type PromptView, renderPrompt, typedField } from '../../src/audit/prompt.js';

// Issue 17 item 1 (for the prompt): the answer prompt was one closure of 198 lines (255 by now),
// which no test could hold in parts. Its frames and keys are functions of their own; none over 120 lines.

/** Every function in a file with its length in lines. */
function functionLengths(file: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = (node as ts.FunctionDeclaration).name?.getText() ?? `function at line ${start + 1}`;
      out.push({ name, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const view = (over: Partial<PromptView> = {}): PromptView => ({
  config: {
    path: 'DNA › The Customer',
    position: 'question 1 of 4',
    message: 'Question one?',
    help: 'Why.',
    options: [
      { value: 'no', label: 'No' },
      { value: 'yes', label: 'Yes' },
    ],
  },
  theme: makeTheme(PLAIN_THEME),
  prefix: '?',
  width: 80,
  dim: (t) => t,
  cyan: (t) => t,
  typedAs: typedField(undefined),
  options: [
    { value: 'no', label: 'No' },
    { value: 'yes', label: 'Yes' },
  ],
  mode: 'choose',
  active: 1,
  showHelp: false,
  error: undefined,
  typed: '',
  field: '',
  note: '',
  reason: '',
  answerText: '',
  ended: undefined,
  ...over,
});

describe('the answer prompt in parts (issue 17 item 1)', () => {
  test('no function in src/audit/prompt.ts is over 120 lines', () => {
    expect(functionLengths('src/audit/prompt.ts').filter((f) => f.lines > 120)).toEqual([]);
  });

  test('a frame is a pure function of the view: the choices with the cursor on the active one', () => {
    const frame = renderPrompt(view(), 'idle') as string;
    expect(frame).toContain('  1. No\n❯ 2. Yes\n  x. Not applicable');
  });

  test('the note field is the last line above the keys', () => {
    const [top, bottom] = renderPrompt(view({ mode: 'note', field: 'draft' }), 'idle') as [string, string];
    expect(top.split('\n').at(-1)).toBe('  Note: draft');
    expect(bottom).toContain('Enter keep the note');
  });

  test('the line a finished question leaves fits its width', () => {
    const long = view({ config: { ...view().config, message: 'A'.repeat(200) }, answerText: 'Yes', ended: 'answered' });
    expect(doneLine(long).length).toBeLessThanOrEqual(80);
    expect(doneLine(view({ ended: 'back' }))).toBe('↩ back to the previous question (from question 1 of 4)');
  });
});
