// Scale benchmark (run by `npm run bench` after the start-up table, or alone with
// `node scripts/bench-scale.mjs` after `npm run build`): how the work grows with the data.
//
// 1. `validate` of a large answers file against a large bank, as a ratio to a plain Node script
//    that only YAML.parses the same two files (the floor: no validation at all). Targets: within
//    2× at 20,000 answers; within 3× with 1 KB notes (9,000 answers: 20,000 such notes would be
//    20 MB, over the 10 MiB service-audit reads).
// 2. The save the audit makes after every answer at 2,000 questions (render the whole answers
//    file, check nobody else changed it, write it atomically): CPU per save. Target: under 5 ms.
//
// CPU time (user + system, GNU time) rather than wall time, so a busy machine skews it less;
// medians of interleaved runs. Data is generated into a temporary folder and removed after.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 5);
const SAVES = 2000;
const dir = mkdtempSync(join(os.tmpdir(), 'service-audit-scale-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A valid bank of n yes/no questions, 50 to an element, and an answers file answering all of them. */
function generate(n, noteBytes = 0) {
  const bank = [
    'id: scale',
    'version: 1',
    'title: Scale bank',
    'bands:',
    '  - { id: low, label: Low, min: 0 }',
    'sources:',
    '  - { id: s, title: A source }',
    'areas:',
    '  - id: a',
    '    title: Area',
    '    elements:',
  ];
  for (let e = 0; e < Math.ceil(n / 50); e++) {
    bank.push(`      - id: e${e}`, `        title: Element ${e}`, '        questions:');
    for (let q = e * 50; q < Math.min(n, (e + 1) * 50); q++)
      bank.push(
        `          - { id: q${q}, text: Question ${q}?, type: yesno, help: Why., recommendation: Do it., sources: [{ ref: s, concept: C }] }`,
      );
  }
  const note = 'n'.repeat(noteBytes);
  const answers = ['bank: scale@1', 'answers:'];
  for (let q = 0; q < n; q++)
    answers.push(
      noteBytes ? `  q${q}: { value: ${q % 2 ? 'yes' : 'no'}, note: "${note}" }` : `  q${q}: ${q % 2 ? 'yes' : 'no'}`,
    );
  const b = join(dir, `bank-${n}.yaml`);
  const a = join(dir, `answers-${n}-${noteBytes}.yaml`);
  writeFileSync(b, `${bank.join('\n')}\n`);
  writeFileSync(a, `${answers.join('\n')}\n`);
  return { bank: b, answers: a };
}

// The floor: parse both files with the same yaml library, no validation. uniqueKeys: false as
// service-audit does (it finds duplicate keys itself, in one pass; yaml's own check is quadratic).
const PLAIN = join(dir, 'plain.cjs');
writeFileSync(
  PLAIN,
  `const { parse } = require(${JSON.stringify(join(ROOT, 'node_modules/yaml'))});\nconst fs = require('fs');\nfor (const f of process.argv.slice(2)) parse(fs.readFileSync(f, 'utf8'), { uniqueKeys: false });\n`,
);

const GNU_TIME = '/usr/bin/time';
/** CPU seconds (user + system) of one run, or wall seconds where GNU time is missing. */
function cpuSeconds(args) {
  if (!existsSync(GNU_TIME)) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    return (performance.now() - t) / 1000;
  }
  const r = spawnSync(GNU_TIME, ['-f', '%U %S', process.execPath, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [u, s] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return u + s;
}

const CASES = [
  { name: '20,000 answers', n: 20000, notes: 0, target: 2 },
  { name: '9,000 answers with 1 KB notes', n: 9000, notes: 1024, target: 3 },
];
const rows = [];
for (const c of process.env.BENCH_SCALE_SAVE_ONLY ? [] : CASES) {
  const files = generate(c.n, c.notes);
  const validate = [join(ROOT, 'dist/service-audit.cjs'), 'validate', '--bank', files.bank, files.answers];
  const plain = [PLAIN, files.bank, files.answers];
  const t = { validate: [], plain: [] };
  for (let r = 0; r < RUNS; r++) {
    // Alternate the order so neither always runs on a warmer machine.
    for (const k of r % 2 ? ['plain', 'validate'] : ['validate', 'plain'])
      t[k].push(cpuSeconds(k === 'plain' ? plain : validate));
  }
  rows.push({ ...c, validate: median(t.validate), plain: median(t.plain) });
}

// The audit's save, in-process: bundle the real modules with esbuild (a dev dependency).
const { build } = await import('esbuild');
const entry = join(dir, 'save-entry.cjs');
await build({
  stdin: {
    contents: `export { renderAnswersFile } from './src/answers/write.ts';\nexport { parseBank } from './src/bank/parse.ts';\nexport { readUserFile, stampOf, writeGuarded } from './src/cli/files.ts';\n`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: entry,
  logLevel: 'error',
});
const { renderAnswersFile, parseBank, stampOf, writeGuarded } = createRequire(import.meta.url)(entry);
const { bank: bankFile } = generate(SAVES);
const { readFileSync } = await import('node:fs');
const bank = parseBank('bank.yaml', readFileSync(bankFile, 'utf8')).bank;
const questions = bank.areas.flatMap((a) => a.elements.flatMap((e) => e.questions));
const saveRuns = { render: [], save: [] };
for (let r = 0; r < Math.max(1, Math.floor(RUNS / 2)); r++) {
  for (const withWrite of [false, true]) {
    const file = join(dir, `answers-save-${r}-${withWrite}.yaml`);
    let stamp = stampOf(dir, file);
    const answers = { answers: {} };
    const before = process.cpuUsage();
    for (const q of questions) {
      answers.answers = { ...answers.answers, [q.id]: { value: 'yes' } };
      const text = renderAnswersFile(bank, answers, './schema.json');
      if (withWrite) stamp = writeGuarded(dir, file, text, stamp);
    }
    const used = process.cpuUsage(before);
    saveRuns[withWrite ? 'save' : 'render'].push((used.user + used.system) / 1000 / questions.length);
  }
}
rmSync(dir, { recursive: true, force: true });

const mark = (ok) => (ok ? 'met' : '**missed**');
console.log('');
console.log(
  `Scale: CPU time (user + system${existsSync(GNU_TIME) ? ', GNU time' : '; GNU time missing, so wall time'}), median of ${RUNS} interleaved runs.`,
);
console.log('');
console.log('| case | `validate` | plain `YAML.parse` of both files | ratio | target |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.validate.toFixed(2)} s | ${r.plain.toFixed(2)} s | ${(r.validate / r.plain).toFixed(2)}× | ≤ ${r.target}× (${mark(r.validate / r.plain <= r.target)}) |`,
  );
console.log('');
console.log(
  `| the audit's save at ${SAVES.toLocaleString('en')} questions (answering all of them) | CPU per save | target |`,
);
console.log('|---|---:|---:|');
console.log(`| render the answers file | ${median(saveRuns.render).toFixed(2)} ms | |`);
const save = median(saveRuns.save);
console.log(
  `| render, check for another writer, write atomically (fsync, rename) | ${save.toFixed(2)} ms | < 5 ms (${mark(save < 5)}) |`,
);
