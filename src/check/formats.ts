import { renderMarkdown } from '../report/markdown.js';
import type { TeamReport } from '../team/model.js';
import { renderTeamMarkdown } from '../team/render.js';
import type { ReportModel } from '../report/schema.js';
import type { Formats, RenderOptions } from '../report/format.js';
import { plain, type Style } from '../report/style.js';
import { plural } from '../text/plural.js';
import { hang } from '../text/wrap.js';
import { summarise, type AssertionResult } from './assertions.js';

/** Everything a check format needs; built by the command, rendered by pure functions. */
export interface CheckOutcome {
  results: AssertionResult[];
  report: ReportModel;
  answersFile: string;
  /** Set when the check ran on a pool: JSON and markdown carry the team report instead. */
  team?: TeamReport;
  /** Where each answer stands in the answers file, and where the `answers:` key stands. */
  positions: Record<string, { line: number; col: number }>;
  anchor: { line: number; col: number };
}


/** Results for a person: failures first with the answers behind them, then a summary line. */
export function renderCheckTerminal(o: CheckOutcome, opts: RenderOptions = {}): string {
  const s = opts.style ?? plain;
  const width = opts.width ?? 80;
  const out: string[] = [];
  const failed = o.results.filter((r) => !r.passed);
  for (const r of [...failed.filter((x) => x.level === 'error'), ...failed.filter((x) => x.level === 'warn')]) {
    out.push((r.level === 'error' ? s.red('✗ ') : s.yellow('! ')) + r.message);
    for (const w of r.weaknesses) {
      out.push(...hang(`${w.questionId} = ${String(w.answer)} (+${w.pointsToGain.toFixed(1)} points): ${w.text}`, width, '    '));
      out.push(...hang(w.recommendation, width, '      → ').map((l) => s.cyan(l)));
    }
    if (r.weaknesses.length === 0 && r.questions.length > 0) out.push(...hang(r.questions.join(', '), width, '    ').map((l) => s.dim(l)));
  }
  for (const r of o.results.filter((x) => x.passed)) out.push(s.green('✓ ') + s.dim(r.message));
  out.push('', summaryLine(o, s));
  return `${out.join('\n')}\n`;
}

/** The one line that says how the check went, e.g. "check failed: 1 error, 0 warnings, 3 passed (…)". */
export function summaryLine(o: CheckOutcome, s: Style = plain): string {
  const sum = summarise(o.results);
  const overall = o.report.overall.score === null ? 'no score' : `overall ${o.report.overall.score}`;
  const line = `${sum.passed ? 'check passed' : 'check failed'}: ${plural(sum.errors, 'error')}, ${plural(sum.warnings, 'warning')}, ${sum.ok} passed (${overall}, ${o.answersFile})`;
  return sum.passed ? s.green(line) : s.red(line);
}

/** Results and the report model together, as one versioned JSON document. */
export function renderCheckJson(o: CheckOutcome, _opts: RenderOptions = {}): string {
  const sum = summarise(o.results);
  return `${JSON.stringify({ schemaVersion: 1, passed: sum.passed, errors: sum.errors, warnings: sum.warnings, results: o.results, report: o.team ?? o.report }, null, 2)}\n`;
}

const xml = (s: string) =>
  s
    // Characters XML 1.0 cannot hold at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** JUnit XML: one testcase per assertion, a failure element for each failed one. */
export function renderCheckJunit(o: CheckOutcome, _opts: RenderOptions = {}): string {
  const failures = o.results.filter((r) => !r.passed).length;
  const cases = o.results.map((r) => {
    const open = `    <testcase classname="service-audit.${xml(r.name)}" name="${xml(r.subject)}" file="${xml(o.answersFile)}">`;
    if (r.passed) return `${open}</testcase>`;
    const body = [r.message, ...r.weaknesses.map((w) => `${w.questionId} = ${String(w.answer)}: ${w.recommendation}`)].join('\n');
    return `${open}\n      <failure type="${r.level}" message="${xml(r.message)}">${xml(body)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="service-audit" tests="${o.results.length}" failures="${failures}">`,
    `  <testsuite name="${xml(`service-audit check ${o.answersFile}`)}" tests="${o.results.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Escapes a workflow-command message (GitHub's rules: %, CR, LF). */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Escapes a workflow-command property value (as data, plus : and ,). */
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const MAX_ANNOTATIONS = 10;

/** GitHub Actions workflow commands pointing at the answers behind each failure (at most 10 of each level). */
export function renderCheckGithub(o: CheckOutcome, _opts: RenderOptions = {}): string {
  const out: string[] = [];
  for (const level of ['error', 'warn'] as const) {
    const failed = o.results.filter((r) => !r.passed && r.level === level);
    for (const r of failed.slice(0, MAX_ANNOTATIONS)) {
      const q = r.weaknesses[0]?.questionId ?? r.questions[0];
      const pos = (q && o.positions[q]) || o.anchor;
      const body = [r.message, ...r.weaknesses.map((w) => `${w.questionId} = ${String(w.answer)}: ${w.recommendation}`)].join('\n');
      const props = [`file=${escapeProperty(o.answersFile)}`, `line=${pos.line}`, `col=${pos.col}`, `title=${escapeProperty(`service-audit: ${r.subject}`)}`].join(',');
      out.push(`::${level === 'error' ? 'error' : 'warning'} ${props}::${escapeData(body)}`);
    }
    if (failed.length > MAX_ANNOTATIONS) out.push(`${failed.length - MAX_ANNOTATIONS} more ${level === 'error' ? 'errors' : 'warnings'} not annotated; see the summary below.`);
  }
  return `${out.join('\n')}${out.length ? '\n' : ''}${renderCheckTerminal(o)}`;
}

/** Markdown: a results table, then the full report. */
export function renderCheckMarkdown(o: CheckOutcome, _opts: RenderOptions = {}): string {
  const sum = summarise(o.results);
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = ['| Result | Assertion | Expected | Actual |', '| --- | --- | --- | ---: |'];
  for (const r of o.results) rows.push(`| ${r.passed ? 'pass' : r.level === 'error' ? '**fail**' : 'warn'} | ${cell(r.subject)} | ${r.operator} ${r.expected} | ${r.actual ?? 'n/a'} |`);
  const head = [`# service-audit check: ${sum.passed ? 'passed' : 'failed'}`, `${plural(sum.errors, 'error')}, ${plural(sum.warnings, 'warning')}, ${sum.ok} passed.`, rows.join('\n')].join('\n\n');
  // The report follows as a section: demote its headings one level.
  const report = (o.team ? renderTeamMarkdown(o.team) : renderMarkdown(o.report)).replace(/^(#+) /gm, '#$1 ');
  return `${head}\n\n${report}`;
}

/** The check's formats: one renderer each, all of the same outcome (only the terminal one colours). */
export const CHECK_FORMATS = {
  terminal: renderCheckTerminal,
  json: renderCheckJson,
  junit: renderCheckJunit,
  github: renderCheckGithub,
  markdown: renderCheckMarkdown,
} as const satisfies Formats<CheckOutcome>;

export type CheckFormat = keyof typeof CHECK_FORMATS;
