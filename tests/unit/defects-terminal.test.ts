import { describe, expect, test } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { styleFor } from '../../src/cli/output.js';
import { createPool } from '../../src/team/pool.js';
import { renderTeamTerminal } from '../../src/team/render.js';
import { person, teamBank } from '../team-helpers.js';

// Issue 22 item 1: the team report's engagement lines passed `.map(paint)`, so the index and the
// array reached chalk's variadic colour functions and were printed inside the line.

const io = (env: Record<string, string>, isTTY: boolean) =>
  ({ env, stdout: { write() {}, isTTY }, stderr: { write() {} } }) as unknown as Io;

function belowThePoll() {
  const p = createPool(teamBank());
  // Nobody strongly agrees: 0% against a poll of 37% (below); trust 8 of 20 against 20% (above).
  for (let i = 0; i < 20; i++) p.add(person({ 'u.self': 'agree', 't.self': i < 8 ? 'strongly-agree' : 'agree' }));
  return p.finish({ toolVersion: '1', bankSha256: 'b'.repeat(64), inputs: 20, leftOut: [] });
}

describe('the team report headline lines (issue 22 item 1)', () => {
  for (const [what, style] of [
    ['colour off', styleFor(io({}, false), { color: false })],
    ['colour on', styleFor(io({ FORCE_COLOR: '1' }, true), { color: true })],
  ] as const)
    test(`a statement above or below the poll reads as one clean line (${what})`, () => {
      const text = renderTeamTerminal(belowThePoll(), { style, width: 200 }).replace(/\u001b\[[0-9;]*m/g, '');
      const lines = text.split('\n');
      expect(lines).toContain('  I understand the goals and why. — 0.0% of 20 (0.0-16.1), poll 37%: below the poll');
      expect(lines.find((l) => l.startsWith('  I trust the organization. —'))).toMatch(/: above the poll$/);
    });

  test('the style functions take one text and ignore anything else passed to them', () => {
    const s = styleFor(io({}, false), { color: false });
    const call = s.red as unknown as (...a: unknown[]) => string;
    expect(call('x', 0, ['x'])).toBe('x');
  });
});
