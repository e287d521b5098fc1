import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseBank, questionsOf } from '../../src/bank/load.js';
import type { Bank } from '../../src/bank/schema.js';
import { jsonSchema, type SchemaKind } from '../../src/cli/commands/schema.js';

const source = readFileSync(new URL('../../questions/service-readiness.yaml', import.meta.url), 'utf8');
const { bank, problems } = parseBank('questions/service-readiness.yaml', source);

describe('the built-in bank', () => {
  test('is valid', () => {
    expect(problems).toEqual([]);
    expect(bank).toBeDefined();
  });

  const b = bank as Bank;
  const element = (id: string) => b.areas.flatMap((a) => a.elements).find((e) => e.id === id);

  test('points editors at its JSON Schema', () => {
    expect(source.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/bank.schema.json');
  });

  test.each([
    ['dna.customer', 'The Customer', 'Lens of the Customer'],
    ['dna.environment', 'The Service Environment', 'Everything Speaks'],
    ['dna.delivery', 'The Service Delivery', 'Create a Wow'],
    ['dna.processes', 'Processes', 'Set Employees Up for Success'],
  ])('covers the DNA element %s with at least 3 questions', (id, title, concept) => {
    expect(element(id)).toMatchObject({ title, concept });
    expect(element(id)!.questions.length).toBeGreaterThanOrEqual(3);
  });

  test.each(['sales.commission', 'sales.crm', 'sales.brochure', 'sales.proposal', 'sales.linkedin'])('covers the sales tool %s with at least 2 questions', (id) => {
    expect(element(id)!.questions.length).toBeGreaterThanOrEqual(2);
  });

  test.each([
    ['engagement.understanding', 37],
    ['engagement.enthusiasm', 20],
    ['engagement.line-of-sight', 20],
    ['engagement.enablement', 15],
    ['engagement.trust', 20],
  ])('covers the engagement statistic %s with the poll figure %i%%', (id, value) => {
    const e = element(id)!;
    expect(e.benchmark!.value).toBe(value);
    expect(e.benchmark!.source).toMatch(/Harris Interactive poll of 23,000 full-time US workers.*Covey.*The 8th Habit.*2004/);
    // A self-rating mirroring the poll item, a share comparable with the figure, and what the organization does.
    expect(e.questions.some((q) => q.text.startsWith('Rate this about yourself:'))).toBe(true);
    expect(e.questions.find((q) => q.id === e.benchmark!.question)!.type).toBe('percent');
    expect(e.questions.length).toBeGreaterThanOrEqual(3);
  });

  test('has exactly the three areas and fourteen elements the mission names', () => {
    expect(b.areas.map((a) => a.id)).toEqual(['dna', 'sales', 'engagement']);
    expect(b.areas.map((a) => a.elements.length)).toEqual([4, 5, 5]);
  });

  test('cites an entry of its sources table for every question, and every entry is cited', () => {
    const cited = new Set<string>();
    for (const { question } of questionsOf(b)) {
      expect(question.sources.length, question.id).toBeGreaterThan(0);
      for (const s of question.sources) {
        expect(b.sources.map((x) => x.id), question.id).toContain(s.ref);
        cited.add(s.ref);
      }
    }
    expect([...cited].sort()).toEqual(b.sources.map((s) => s.id).sort());
  });

  test('offers every question type and a help text and recommendation for each', () => {
    const qs = questionsOf(b).map((x) => x.question);
    expect(new Set(qs.map((q) => q.type))).toEqual(new Set(['scale', 'yesno', 'choice', 'percent']));
    for (const q of qs) {
      expect(q.help.length, q.id).toBeGreaterThan(20);
      expect(q.recommendation.length, q.id).toBeGreaterThan(20);
    }
  });

  test('is short enough to take in about ten minutes', () => {
    expect(questionsOf(b).length).toBeLessThanOrEqual(55);
  });
});

describe('the JSON Schemas kept in schemas/', () => {
  test.each(['bank', 'answers', 'config', 'report'] as SchemaKind[])('%s is current (else run `npm run schemas`)', (kind) => {
    const kept = readFileSync(new URL(`../../schemas/${kind}.schema.json`, import.meta.url), 'utf8');
    expect(kept).toBe(jsonSchema(kind));
  });
});
