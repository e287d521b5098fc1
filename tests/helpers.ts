import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
