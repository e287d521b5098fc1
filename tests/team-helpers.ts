import type { Answers } from '../src/answers/schema.js';
import { parseBank } from '../src/bank/parse.js';

/**
 * A bank of our own for team tests (the built-in bank is being rewritten): one area, two
 * elements, each with a lead percent question (the poll's benchmark question) and team
 * statements on a five-point agreement scale.
 */
export const TEAM_BANK = `id: pulse
version: 1
title: Pulse bank
bands:
  - { id: low, label: Low, min: 0 }
  - { id: mid, label: Middling, min: 50 }
  - { id: high, label: High, min: 80 }
scales:
  agreement:
    - { value: strongly-disagree, label: Strongly disagree, credit: 0 }
    - { value: disagree, label: Disagree, credit: 0.25 }
    - { value: neutral, label: Neither, credit: 0.5 }
    - { value: agree, label: Agree, credit: 0.75 }
    - { value: strongly-agree, label: Strongly agree, credit: 1 }
areas:
  - id: eng
    title: Engagement
    elements:
      - id: understanding
        title: Understanding
        benchmark:
          value: 37
          statement: I understand the goals and why.
          question: u.share
          source: A poll
          pulse: { question: u.self, values: [strongly-agree] }
        questions:
          - id: u.share
            text: What share of your team would say they understand the goals?
            type: percent
            help: Compared with the poll.
            recommendation: Explain the goals.
            source: { file: a.txt, concept: Goals }
          - id: u.self
            text: I understand the goals and why.
            type: scale
            scale: agreement
            audience: team
            help: The poll statement.
            recommendation: Explain the goals and why.
            source: { file: a.txt, concept: Goals }
      - id: trust
        title: Trust
        benchmark:
          value: 20
          statement: I trust the organization.
          question: t.share
          source: A poll
          pulse: { question: t.self, values: [strongly-agree] }
        questions:
          - id: t.share
            text: What share of your team would say they trust the organization?
            type: percent
            help: Compared with the poll.
            recommendation: Build trust.
            source: { file: a.txt, concept: Trust }
          - id: t.self
            text: I trust the organization.
            type: scale
            scale: agreement
            audience: team
            help: The poll statement.
            recommendation: Keep promises.
            source: { file: a.txt, concept: Trust }
          - id: t.tools
            text: I have the tools to fix a customer's problem myself.
            type: yesno
            audience: team
            help: Enablement.
            recommendation: Give people the tools.
            source: { file: a.txt, concept: Tools }
`;

export const teamBank = () => {
  const { bank, problems } = parseBank('pulse.yaml', TEAM_BANK);
  if (!bank) throw new Error(problems.map((p) => p.message).join('\n'));
  return bank;
};

type Raw = string | number | { na: string } | { value: string | number; note: string };

/** One respondent's answers, written briefly: `person({ 'u.self': 'agree' }, { group: 'A' })`. */
export function person(raw: Record<string, Raw>, extra: Partial<Omit<Answers, 'answers'>> = {}): Answers {
  const answers: Answers['answers'] = {};
  for (const [id, v] of Object.entries(raw))
    answers[id] = typeof v === 'object' ? ('na' in v ? { na: v.na } : { value: v.value, note: v.note }) : { value: v };
  return { bank: 'pulse@1', ...extra, answers };
}

/** An answers file's YAML for one respondent. */
export function answersYaml(
  raw: Record<string, string | number>,
  extra: Record<string, string> = {},
  bank = 'pulse@1',
): string {
  const head = [`bank: ${bank}`, ...Object.entries(extra).map(([k, v]) => `${k}: ${JSON.stringify(v)}`)];
  return `${head.join('\n')}\nanswers:\n${Object.entries(raw)
    .map(([k, v]) => `  ${k}: ${typeof v === 'number' ? v : v}`)
    .join('\n')}\n`;
}
