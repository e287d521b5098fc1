import { createHash } from 'node:crypto';
import type { Problem } from '../errors.js';
import { renderMarkdown } from '../report/markdown.js';
import type { TeamReport } from '../team/model.js';
import { renderTeamMarkdown } from '../team/render.js';
import type { ReportModel } from '../report/schema.js';
import type { ScoredView } from '../score/view.js';
import type { Formats, RenderOptions } from '../renderer.js';
import { plain, type Style } from '../text/style.js';
import { markdownInline as md, terminalLine as t, workflowData, workflowProperty, xml } from '../text/escape.js';
import { plural } from '../text/plural.js';
import { hang } from '../text/wrap.js';
import { summarise, type AssertionResult } from './assertions.js';

/** Everything a check format needs; built by the command, rendered by pure functions. */
export interface CheckOutcome {
  results: AssertionResult[];
  /** The scores the assertions read. */
  view: ScoredView;
  /** The report the scores come from: a single or combined report, or the pooled team report. */
  document: { kind: 'report'; model: ReportModel } | { kind: 'team'; model: TeamReport };
  answersFile: string;
  /** Where each answer stands in the answers file, and where the `answers:` key stands. */
  positions: Record<string, { line: number; col: number }>;
  anchor: { line: number; col: number };
}

/** Results for a person: failures first with the answers behind them, then a summary line. Text from files passes terminalLine. */
export function renderCheckTerminal(o: CheckOutcome, opts: RenderOptions = {}): string {
  const s = opts.style ?? plain;
  const width = opts.width ?? 80;
  const out: string[] = [];
  const failed = o.results.filter((r) => !r.passed && !r.notMeasured);
  for (const r of [...failed.filter((x) => x.level === 'error'), ...failed.filter((x) => x.level === 'warn')]) {
    out.push((r.level === 'error' ? s.red('✗ ') : s.yellow('! ')) + t(r.message));
    for (const w of r.weaknesses) {
      out.push(
        ...hang(
          t(`${w.questionId} = ${String(w.answer)} (+${w.pointsToGain.toFixed(1)} points): ${w.text}`),
          width,
          '    ',
        ),
      );
      out.push(...hang(t(w.recommendation), width, '      → ').map((l) => s.cyan(l)));
    }
    if (r.weaknesses.length === 0 && r.questions.length > 0)
      out.push(...hang(t(r.questions.join(', ')), width, '    ').map((l) => s.dim(l)));
  }
  for (const r of o.results.filter((x) => x.notMeasured)) out.push(`${s.dim('– ')}${s.dim(t(r.message))}`);
  for (const r of o.results.filter((x) => x.passed)) out.push(s.green('✓ ') + s.dim(t(r.message)));
  out.push('', summaryLine(o, s));
  return `${out.join('\n')}\n`;
}

/** The one line that says how the check went, e.g. "check failed: 1 error, 0 warnings, 3 passed (…)". */
export function summaryLine(o: CheckOutcome, s: Style = plain): string {
  const sum = summarise(o.results);
  const overall = o.view.overall.score === null ? 'no score' : `overall ${o.view.overall.score}`;
  const unmeasured = sum.notMeasured > 0 ? `, ${sum.notMeasured} not measured` : '';
  const line = `${sum.passed ? 'check passed' : 'check failed'}: ${plural(sum.errors, 'error')}, ${plural(sum.warnings, 'warning')}, ${sum.ok} passed${unmeasured} (${overall}, ${t(o.answersFile)})`;
  return sum.passed ? s.green(line) : s.red(line);
}

/** Results and the report model together, as one versioned JSON document. */
export function renderCheckJson(o: CheckOutcome, _opts: RenderOptions = {}): string {
  const sum = summarise(o.results);
  return `${JSON.stringify({ schemaVersion: 1, passed: sum.passed, errors: sum.errors, warnings: sum.warnings, results: o.results, report: o.document.model }, null, 2)}\n`;
}

/** What a failed assertion says, one line per weakness behind it. */
const details = (r: AssertionResult) => [
  r.message,
  ...r.weaknesses.map((w) => `${w.questionId} = ${String(w.answer)}: ${w.recommendation}`),
];

/**
 * JUnit XML: one testcase per assertion. A failed error-level assertion is a `<failure>`; a
 * failed warn-level one is a passing testcase whose `<system-out>` says the warning, because
 * Jenkins, GitLab and Azure count every `<failure>` as a failed build while the gate passed.
 */
export function renderCheckJunit(o: CheckOutcome, _opts: RenderOptions = {}): string {
  const failures = o.results.filter((r) => !r.passed && r.level === 'error').length;
  const cases = o.results.map((r) => {
    const open = `    <testcase classname="service-audit.${xml(r.name)}" name="${xml(r.subject)}" file="${xml(o.answersFile)}">`;
    if (r.passed) return `${open}</testcase>`;
    const body = details(r).join('\n');
    if (r.level === 'warn')
      return `${open}\n      <system-out>${xml(`warning (does not fail the check): ${body}`)}</system-out>\n    </testcase>`;
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

/** GitHub shows at most 10 annotations of each level per step. */
const MAX_ANNOTATIONS = 10;

/** One GitHub annotation: every piece of text escaped, so no text can end it or start another command. */
export function annotation(
  level: 'error' | 'warning',
  at: { file: string; line: number; col: number },
  title: string,
  lines: readonly string[],
): string {
  const props = [
    `file=${workflowProperty(t(at.file))}`,
    `line=${at.line}`,
    `col=${at.col}`,
    `title=${workflowProperty(t(title))}`,
  ].join(',');
  return `::${level} ${props}::${workflowData(lines.map(t).join('\n'))}`;
}

/**
 * Text echoed into a GitHub log with workflow commands switched off around it, so no line of it
 * (a bank's text, an id, a file name) can act as a command. The token ends the pause; it is
 * random when the command gives one, otherwise a hash of the text, which the text cannot contain.
 */
export function withoutCommands(text: string, token?: string): string {
  const end = token ?? createHash('sha256').update(text).digest('hex');
  return `::stop-commands::${end}\n${text}${text.endsWith('\n') ? '' : '\n'}::${end}::\n`;
}

/** GitHub Actions workflow commands pointing at the answers behind each failure (at most 10 of each level), then the results for the log. */
export function renderCheckGithub(o: CheckOutcome, opts: RenderOptions = {}): string {
  const out: string[] = [];
  for (const level of ['error', 'warn'] as const) {
    const failed = o.results.filter((r) => !r.passed && !r.notMeasured && r.level === level);
    for (const r of failed.slice(0, MAX_ANNOTATIONS)) {
      const q = r.weaknesses[0]?.questionId ?? r.questions[0];
      const pos = (q && o.positions[q]) || o.anchor;
      out.push(
        annotation(
          level === 'error' ? 'error' : 'warning',
          { file: o.answersFile, ...pos },
          `service-audit: ${r.subject}`,
          details(r),
        ),
      );
    }
    if (failed.length > MAX_ANNOTATIONS)
      out.push(
        `${failed.length - MAX_ANNOTATIONS} more ${level === 'error' ? 'errors' : 'warnings'} not annotated; see the summary below.`,
      );
  }
  return `${out.join('\n')}${out.length ? '\n' : ''}${withoutCommands(renderCheckTerminal(o), opts.token)}`;
}

/** Problems in an input file as GitHub error annotations (at most 10), for a check that cannot run. */
export function renderProblemsGithub(problems: readonly Problem[]): string {
  const out = problems
    .slice(0, MAX_ANNOTATIONS)
    .map((p) => annotation('error', p, `service-audit: ${p.file}`, [`${p.message} — ${p.fix}`]));
  if (problems.length > MAX_ANNOTATIONS)
    out.push(`${problems.length - MAX_ANNOTATIONS} more problems not annotated; see the messages below.`);
  return `${out.join('\n')}\n`;
}

/** GitLab's Code Quality severities, from each assertion's level: an error fails the gate, a warning does not. */
const GITLAB_SEVERITY = { error: 'major', warn: 'minor' } as const;

/**
 * GitLab Code Quality JSON (the report a merge request shows): one finding per failed assertion,
 * on the line of the answers file behind it. The fingerprint hashes the file, the assertion and its
 * subject, not the line or the score, so the same finding keeps it from run to run.
 */
export function renderCheckGitlab(o: CheckOutcome, _opts: RenderOptions = {}): string {
  const path = o.answersFile.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const issues = o.results
    .filter((r) => !r.passed)
    .map((r) => {
      const q = r.weaknesses[0]?.questionId ?? r.questions[0];
      const pos = (q && o.positions[q]) || o.anchor;
      const w = r.weaknesses[0];
      return {
        description: w ? `${r.message}; first: ${w.questionId}: ${w.recommendation}` : r.message,
        check_name: `service-audit/${r.name}`,
        fingerprint: createHash('sha256').update(`${path}\0${r.name}\0${r.subject}`).digest('hex').slice(0, 32),
        severity: GITLAB_SEVERITY[r.level],
        location: { path, lines: { begin: pos.line } },
      };
    });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

/** Markdown: the verdict and a results table, then the full report as a section. Text from files passes markdownInline. */
export function renderCheckMarkdown(o: CheckOutcome, _opts: RenderOptions = {}): string {
  const sum = summarise(o.results);
  const rows = ['| Result | Assertion | Expected | Actual |', '| --- | --- | --- | ---: |'];
  for (const r of o.results)
    rows.push(
      `| ${r.passed ? 'pass' : r.notMeasured ? 'not measured' : r.level === 'error' ? '**fail**' : 'warn'} | ${md(r.subject)} | ${md(`${r.operator} ${r.expected}`)} | ${r.actual ?? 'n/a'} |`,
    );
  const head = [
    `# service-audit check: ${sum.passed ? 'passed' : 'failed'}`,
    `${plural(sum.errors, 'error')}, ${plural(sum.warnings, 'warning')}, ${sum.ok} passed.`,
    rows.join('\n'),
  ].join('\n\n');
  // The report follows as a section, one heading level down. (Text in the team report is escaped, so no line of it starts with #.)
  const report =
    o.document.kind === 'team'
      ? renderTeamMarkdown(o.document.model).replace(/^(#+) /gm, '#$1 ')
      : renderMarkdown(o.document.model, { level: 2 });
  return `${head}\n\n${report}`;
}

/** The check's formats: one renderer each, all of the same outcome (only the terminal one colours). */
export const CHECK_FORMATS = {
  terminal: renderCheckTerminal,
  json: renderCheckJson,
  junit: renderCheckJunit,
  github: renderCheckGithub,
  gitlab: renderCheckGitlab,
  markdown: renderCheckMarkdown,
} as const satisfies Formats<CheckOutcome>;

export type CheckFormat = keyof typeof CHECK_FORMATS;
