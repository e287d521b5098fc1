import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOURCE_DEPRECATION } from '../src/bank/parse.js';

/**
 * What `validate`/`bank` print on stderr for the built-in bank named by path: the one-line
 * deprecation notice while it still cites with the old `source: { file }`, else nothing.
 */
export function builtinNotice(path = 'questions/service-readiness.yaml'): string {
  const v1 = readFileSync(new URL('../questions/service-readiness.yaml', import.meta.url), 'utf8').includes(
    'source: { file:',
  );
  return v1 ? `notice: ${path}: ${SOURCE_DEPRECATION}\n` : '';
}

/** A small valid bank: two areas, three elements, every question type. */
export const MINI_BANK = `id: mini
version: 1
title: Mini bank
bands:
  - { id: low, label: Low, min: 0 }
  - { id: high, label: High, min: 60 }
scales:
  agree:
    - { value: no, label: Disagree, credit: 0 }
    - { value: partly, label: Partly, credit: 0.5 }
    - { value: yes, label: Agree, credit: 1 }
areas:
  - id: dna
    title: DNA
    elements:
      - id: customer
        title: The Customer
        weight: 2
        questions:
          - id: c.one
            text: Question one?
            type: scale
            scale: agree
            weight: 3
            help: Why one matters.
            recommendation: Do one.
            source: { file: a.txt, concept: One }
          - id: c.two
            text: Question two?
            type: yesno
            help: Why two matters.
            recommendation: Do two.
            source: { file: a.txt, concept: Two }
      - id: delivery
        title: The Delivery
        questions:
          - id: d.one
            text: Question three?
            type: choice
            options:
              - { value: never, label: Never, credit: 0 }
              - { value: often, label: Often, credit: 0.8 }
              - { value: always, label: Always, credit: 1 }
            help: Why three matters.
            recommendation: Do three.
            source: { file: b.txt, concept: Three }
  - id: eng
    title: Engagement
    elements:
      - id: trust
        title: Trust
        benchmark: { value: 20, statement: I trust it., question: t.share, source: A poll }
        questions:
          - id: t.share
            text: What share trusts it?
            type: percent
            help: Compared with 20%.
            recommendation: Build trust.
            source: { file: c.txt, concept: Trust }
`;

/**
 * Version 2 of the mini bank, using every v2 rule: a sources table, a profile question, `when`
 * on an element and a question, area weights, weakest-link, percent against the benchmark,
 * flat question weights, advice by answer, and a migration from MINI_BANK (version 1).
 */
export const MINI_BANK_V2 = `id: mini
version: 2
title: Mini bank
bands:
  - { id: low, label: Low, min: 0 }
  - { id: high, label: High, min: 60 }
scales:
  agree:
    - { value: no, label: Disagree, credit: 0 }
    - { value: partly, label: Partly, credit: 0.5 }
    - { value: yes, label: Agree, credit: 1 }
sources:
  - { id: dna, title: The DNA of Service Excellence, author: A. Writer, date: 2013 }
  - { id: poll, title: The 8th Habit, author: Stephen R. Covey, date: 2004, note: as reported in the DNA article }
scoring: { percentAgainstBenchmark: true, questionWeights: flat }
profile:
  - id: profile.in-person
    text: Do you see customers in person?
    type: yesno
areas:
  - id: dna
    title: DNA
    weight: 2
    combine: weakest-link
    elements:
      - id: customer
        title: The Customer
        weight: 2
        questions:
          - id: c.one-a
            text: Question one A?
            type: scale
            scale: agree
            weight: 3
            help: Why one A matters.
            recommendation: Do one A.
            recommendations: { no: Start one A. }
            sources: [{ ref: dna, concept: One }]
          - id: c.one-b
            text: Question one B?
            type: choice
            options:
              - { value: no, label: No, credit: 0 }
              - { value: mostly, label: Mostly, credit: 0.5 }
              - { value: yes, label: Yes, credit: 1 }
            help: Why one B matters.
            recommendation: Do one B.
            sources: [{ ref: dna, concept: One }]
          - id: c.two-new
            text: Question two?
            type: yesno
            help: Why two matters.
            recommendation: Do two.
            sources: [{ ref: dna, concept: Two }]
      - id: delivery
        title: The Delivery
        when: { profile.in-person: yes }
        skipReason: No customers in person, so not asked.
        questions:
          - id: d.brochure
            text: Do you have a brochure?
            type: yesno
            help: Why a brochure matters.
            recommendation: Make one.
            sources: [{ ref: dna, concept: Three }]
          - id: d.brochure-current
            text: Is the brochure current?
            type: yesno
            when: { d.brochure: yes }
            skipReason: No brochure, so not asked.
            help: Why it must be current.
            recommendation: Update it.
            sources: [{ ref: dna, concept: Three }]
  - id: eng
    title: Engagement
    weight: 1
    elements:
      - id: trust
        title: Trust
        benchmark: { value: 20, statement: I trust it., question: t.share, source: A poll }
        questions:
          - id: t.share
            text: What share trusts it?
            type: percent
            help: Compared with 20%.
            recommendation: Build trust.
            sources: [{ ref: poll, concept: Trust }]
          - id: t.new
            text: Do you trust it?
            type: scale
            scale: agree
            help: New in version 2.
            recommendation: Earn it.
            sources: [{ ref: poll, concept: Trust }]
migrations:
  - from: 1
    renamed: { c.two: c.two-new }
    split: { c.one: [c.one-a, c.one-b] }
    removed: [d.one]
    values: { c.one-b: { partly: mostly } }
`;

/** A v1 answers file of the mini bank, with a note, an N/A reason and a value the migration translates. */
export const V1_ANSWERS = `bank: mini@1
organization: Acme
date: 2026-11-22
answers:
  c.one: { value: partly, note: "Only for new customers" }
  c.two: { na: "we have no such process" }
  d.one: { value: often, note: "Weekly" }
  t.share: 45
`;

/** A temporary folder for one test's files; remove it with the returned cleanup. */
export function tempDir(): { dir: string; write(name: string, text: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'service-audit-'));
  return {
    dir,
    write: (name, text) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** markdownlint's defaults, with long table rows and code lines allowed (a table row cannot wrap). */
export const MARKDOWNLINT_CONFIG = { default: true, MD013: { line_length: 80, tables: false, code_blocks: false } };

/** A bank with number questions (lower and higher better), roles and advice with owners and checks. */
export const NUMBER_BANK = `id: num
version: 1
title: Numbers bank
bands:
  - { id: low, label: Low, min: 0 }
  - { id: high, label: High, min: 60 }
roles:
  lead: Team lead
  it: IT
sources:
  - { id: art, title: An article }
areas:
  - id: ops
    title: Operations
    elements:
      - id: speed
        title: Speed
        questions:
          - id: s.chat
            text: How many minutes does a first reply on chat take, at the median?
            type: number
            unit: minutes
            better: lower
            thresholds:
              - { to: 2, credit: 1 }
              - { to: 10, credit: 0.5 }
              - { credit: 0, critical: true }
            max: 1440
            weight: 2
            help: Chat customers expect a reply within minutes.
            advice:
              - for: [t1]
                text: Staff chat at peak hours.
                firstStep: Count chats per hour for one week.
                owner: lead
                check: The median first reply is 2 minutes or less a month later.
              - for: [t2]
                text: Route chats to a person at once.
                firstStep: Turn on chat notifications for two people per shift.
                owner: it
                check: No chat waits more than 10 minutes in a week's log.
              - for: [na]
                text: Start timing chat replies.
                firstStep: Export last week's chat log.
                owner: it
                check: A median is on the team's dashboard every Monday.
            sources: [{ ref: art, concept: Speed }]
          - id: s.csat
            text: What share of customers rate you satisfied (CSAT)?
            type: number
            unit: "%"
            better: higher
            thresholds:
              - { to: 90, credit: 1 }
              - { to: 75, credit: 0.6 }
              - { credit: 0 }
            max: 100
            help: Satisfaction is the customer's verdict.
            recommendation: Ask dissatisfied customers why.
            sources: [{ ref: art, concept: Satisfaction }]
      - id: basics
        title: Basics
        questions:
          - id: b.escalate
            text: Can a customer ask for a manager and get one?
            type: yesno
            help: A way up keeps a complaint from becoming a loss.
            advice:
              - text: Name a person customers are passed to.
                firstStep: Write the name on the escalation page.
                owner: lead
                check: Ask two staff who it is; both know.
            sources: [{ ref: art, concept: Escalation }]
`;
