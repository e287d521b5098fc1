// The time a pulse takes is computed in one place (issue 22 item 11) and said that way everywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { aboutMinutes, pulseMinutes } from '../../src/collect/duration.js';
import { renderForm } from '../../src/collect/form.js';
import { formItems } from '../../src/collect/submission.js';

const ROOT = join(import.meta.dirname, '..', '..');
const bank = parseBank('b.yaml', readFileSync(join(ROOT, 'questions', 'service-readiness.yaml'), 'utf8')).bank!;
const items = formItems(bank, { audience: 'team' });

test('one estimate: twelve seconds a statement, at least a minute', () => {
  expect([pulseMinutes(1), pulseMinutes(5), pulseMinutes(10), pulseMinutes(25)]).toEqual([1, 1, 2, 5]);
  expect(aboutMinutes(3)).toBe('a minute');
});

test('the form and the README say the time the built-in bank’s pulse takes, and no other', () => {
  const said = `about ${aboutMinutes(items.length)}`;
  expect(renderForm({ bank, items, action: '/t', nonce: 'n' })).toContain(`${items.length} statements, ${said}`);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const mentions = [...readme.matchAll(/about (a|\d+|one|two|three|four|five|ten) minutes?|(\w+)-minute pulse/g)].map(
    (m) => m[0],
  );
  expect(mentions.length).toBeGreaterThanOrEqual(3);
  for (const m of mentions) expect(m).toBe(said);
});
