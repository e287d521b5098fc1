import type { RuleProblem } from '../validation/rules.js';
import type { BankParsed } from './schema.js';

type Rule = (bank: BankParsed) => RuleProblem[];

const uniqueIds: Rule = (bank) => {
  const out: RuleProblem[] = [];
  const seen = new Map<string, string>();
  const check = (kind: string, id: string, path: PropertyKey[], where: string) => {
    const k = `${kind}:${id}`;
    const first = seen.get(k);
    if (first) out.push({ path, message: `duplicate ${kind} id "${id}" (first used at ${first})`, fix: 'give each one its own id' });
    else seen.set(k, where);
  };
  bank.bands.forEach((b, i) => check('band', b.id, ['bands', i, 'id'], `bands[${i}]`));
  bank.areas.forEach((a, ai) => {
    check('area', a.id, ['areas', ai, 'id'], `areas[${ai}]`);
    a.elements.forEach((e, ei) => {
      check('element', `${a.id}.${e.id}`, ['areas', ai, 'elements', ei, 'id'], `${a.id}.elements[${ei}]`);
      e.questions.forEach((q, qi) => check('question', q.id, ['areas', ai, 'elements', ei, 'questions', qi, 'id'], `${a.id}.${e.id}.questions[${qi}]`));
    });
  });
  return out;
};

const optionsPerType: Rule = (bank) => {
  const out: RuleProblem[] = [];
  forEachQuestion(bank, (q, path) => {
    const has = { scale: q.scale !== undefined, options: q.options !== undefined };
    if (q.type === 'scale') {
      if (has.scale && has.options) out.push({ path: [...path, 'options'], key: true, message: 'a scale question has both "scale" and "options"', fix: 'keep one of them' });
      else if (!has.scale && !has.options) out.push({ path: [...path, 'type'], message: 'a scale question needs "scale" or "options"', fix: `add "scale:" naming one of the bank's scales (${Object.keys(bank.scales ?? {}).join(', ') || 'none defined'})` });
      else if (has.scale && !(q.scale! in (bank.scales ?? {}))) out.push({ path: [...path, 'scale'], message: `unknown scale "${q.scale}"`, fix: `use one defined under "scales" (${Object.keys(bank.scales ?? {}).join(', ') || 'none defined'})` });
    } else if (q.type === 'choice') {
      if (!has.options) out.push({ path: [...path, 'type'], message: 'a choice question needs "options"', fix: 'add "options:" with value, label and credit for each choice' });
      if (has.scale) out.push({ path: [...path, 'scale'], key: true, message: 'only scale questions take "scale"', fix: 'remove "scale" or change the type to scale' });
    } else {
      for (const k of ['scale', 'options'] as const) {
        if (has[k]) out.push({ path: [...path, k], key: true, message: `a ${q.type} question takes no "${k}"`, fix: q.type === 'yesno' ? 'remove it (yes/no questions always offer Yes = 1 and No = 0)' : 'remove it (percent answers are 0-100, credit = value / 100)' });
      }
    }
  });
  return out;
};

const fullAndZeroCredit: Rule = (bank) => {
  const out: RuleProblem[] = [];
  const check = (options: { credit: number; value: string }[], path: PropertyKey[]) => {
    if (!options.some((o) => o.credit === 1)) out.push({ path, message: 'no option is worth full credit (1)', fix: 'give the best answer "credit: 1"' });
    if (!options.some((o) => o.credit === 0)) out.push({ path, message: 'no option is worth zero credit (0)', fix: 'give the weakest answer "credit: 0"' });
    const seen = new Set<string>();
    options.forEach((o, i) => {
      if (seen.has(o.value)) out.push({ path: [...path, i, 'value'], message: `duplicate option value "${o.value}"`, fix: 'give each option its own value' });
      seen.add(o.value);
    });
  };
  for (const [name, options] of Object.entries(bank.scales ?? {})) check(options, ['scales', name]);
  forEachQuestion(bank, (q, path) => {
    if (q.options) check(q.options, [...path, 'options']);
  });
  return out;
};

const bandsAscending: Rule = (bank) => {
  const out: RuleProblem[] = [];
  if (bank.bands[0] && bank.bands[0].min !== 0) out.push({ path: ['bands', 0, 'min'], message: `the first band starts at ${bank.bands[0].min}, leaving scores below it without a band`, fix: 'set the first band\'s "min: 0"' });
  for (let i = 1; i < bank.bands.length; i++) {
    const prev = bank.bands[i - 1]!.min;
    if (bank.bands[i]!.min <= prev) out.push({ path: ['bands', i, 'min'], message: `bands must ascend: min ${bank.bands[i]!.min} is not above the previous band's ${prev}`, fix: 'list the bands from lowest to highest with rising "min" values' });
  }
  return out;
};

const benchmarkQuestion: Rule = (bank) => {
  const out: RuleProblem[] = [];
  bank.areas.forEach((a, ai) =>
    a.elements.forEach((e, ei) => {
      if (!e.benchmark) return;
      const q = e.questions.find((x) => x.id === e.benchmark!.question);
      const path = ['areas', ai, 'elements', ei, 'benchmark', 'question'];
      if (!q) out.push({ path, message: `benchmark question "${e.benchmark.question}" is not a question of this element`, fix: `name one of: ${e.questions.map((x) => x.id).join(', ')}` });
      else if (q.type !== 'percent') out.push({ path, message: `benchmark question "${q.id}" is a ${q.type} question`, fix: 'point it at a percent question, so the answer is a share comparable with the benchmark' });
      const pulse = e.benchmark.pulse;
      if (!pulse) return;
      const pq = e.questions.find((x) => x.id === pulse.question);
      const ppath = ['areas', ai, 'elements', ei, 'benchmark', 'pulse'];
      if (!pq) out.push({ path: [...ppath, 'question'], message: `pulse question "${pulse.question}" is not a question of this element`, fix: `name one of: ${e.questions.map((x) => x.id).join(', ')}` });
      else if (pq.audience !== 'team') out.push({ path: [...ppath, 'question'], message: `pulse question "${pq.id}" is not a team question`, fix: `add "audience: team" to ${pq.id}: the share is counted over team members' own answers` });
      else {
        const values = pq.type === 'yesno' ? ['yes', 'no'] : (pq.options ?? bank.scales?.[pq.scale ?? '']?.map((o) => o.value) ?? []).map((o) => (typeof o === 'string' ? o : o.value));
        pulse.values.forEach((v, vi) => {
          if (!values.includes(v)) out.push({ path: [...ppath, 'values', vi], message: `"${v}" is not an answer to ${pq.id}`, fix: `use one of ${values.join(', ')}` });
        });
      }
    }),
  );
  return out;
};

function forEachQuestion(bank: BankParsed, fn: (q: BankParsed['areas'][number]['elements'][number]['questions'][number], path: PropertyKey[]) => void) {
  bank.areas.forEach((a, ai) => a.elements.forEach((e, ei) => e.questions.forEach((q, qi) => fn(q, ['areas', ai, 'elements', ei, 'questions', qi]))));
}

/** Every cross-field rule of a bank, run in order; each returns its problems as data. */
export const BANK_RULES: readonly Rule[] = [uniqueIds, optionsPerType, fullAndZeroCredit, bandsAscending, benchmarkQuestion];
