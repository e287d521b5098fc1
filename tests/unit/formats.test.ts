import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { TEAM_FORMATS } from '../../src/team/formats.js';

const formatChoices = (command: string) =>
  COMMANDS.find((c) => c.name === command)?.options.find((o) => o.flags.startsWith('--format'))?.choices;

describe('format registries', () => {
  it('report offers exactly the formats both of its models render (single and team)', () => {
    const choices = [...(formatChoices('report') ?? [])].sort();
    expect(choices).toEqual(Object.keys(REPORT_FORMATS).sort());
    expect(choices).toEqual(Object.keys(TEAM_FORMATS).sort());
  });

  it('the team renderers no longer import one another in a cycle', () => {
    const imports = (file: string) =>
      [
        ...readFileSync(new URL(`../../src/team/${file}`, import.meta.url), 'utf8').matchAll(
          /from '\.\/([\w-]+)\.js'/g,
        ),
      ].map((m) => m[1]);
    expect(imports('html.ts')).toContain('render');
    expect(imports('render.ts')).not.toContain('html');
  });
});
