import { closest, didYouMean } from '../validation/closest.js';
import type { RuleProblem } from '../validation/rules.js';
import type { BankParsed } from './schema.js';

type Rule = (bank: BankParsed) => RuleProblem[];

const uniqueIds: Rule = (bank) => {
  const out: RuleProblem[] = [];
  const seen = new Map<string, string>();
  const check = (kind: string, id: string, path: PropertyKey[], where: string) => {
    const k = `${kind}:${id}`;
    const first = seen.get(k);
    if (first)
      out.push({
        path,
        message: `duplicate ${kind} id "${id}" (first used at ${first})`,
        fix: 'give each one its own id',
      });
    else seen.set(k, where);
  };
  bank.bands.forEach((b, i) => {
    check('band', b.id, ['bands', i, 'id'], `bands[${i}]`);
  });
  (bank.sources ?? []).forEach((s, i) => {
    check('source', s.id, ['sources', i, 'id'], `sources[${i}]`);
  });
  (bank.profile ?? []).forEach((q, i) => {
    check('question', q.id, ['profile', i, 'id'], `profile[${i}]`);
  });
  bank.areas.forEach((a, ai) => {
    check('area', a.id, ['areas', ai, 'id'], `areas[${ai}]`);
    a.elements.forEach((e, ei) => {
      check('element', `${a.id}.${e.id}`, ['areas', ai, 'elements', ei, 'id'], `${a.id}.elements[${ei}]`);
      e.questions.forEach((q, qi) => {
        check(
          'question',
          q.id,
          ['areas', ai, 'elements', ei, 'questions', qi, 'id'],
          `${a.id}.${e.id}.questions[${qi}]`,
        );
      });
    });
  });
  return out;
};

const optionsPerType: Rule = (bank) => {
  const out: RuleProblem[] = [];
  forEachQuestion(bank, (q, path) => {
    const has = { scale: q.scale !== undefined, options: q.options !== undefined };
    if (q.type === 'scale') {
      if (has.scale && has.options)
        out.push({
          path: [...path, 'options'],
          key: true,
          message: 'a scale question has both "scale" and "options"',
          fix: 'keep one of them',
        });
      else if (!has.scale && !has.options)
        out.push({
          path: [...path, 'type'],
          message: 'a scale question needs "scale" or "options"',
          fix: `add "scale:" naming one of the bank's scales (${Object.keys(bank.scales ?? {}).join(', ') || 'none defined'})`,
        });
      else if (has.scale && !Object.hasOwn(bank.scales ?? {}, q.scale!))
        out.push({
          path: [...path, 'scale'],
          message: `unknown scale "${q.scale}"`,
          fix: `use one defined under "scales" (${Object.keys(bank.scales ?? {}).join(', ') || 'none defined'})`,
        });
    } else if (q.type === 'choice') {
      if (!has.options)
        out.push({
          path: [...path, 'type'],
          message: 'a choice question needs "options"',
          fix: 'add "options:" with value, label and credit for each choice',
        });
      if (has.scale)
        out.push({
          path: [...path, 'scale'],
          key: true,
          message: 'only scale questions take "scale"',
          fix: 'remove "scale" or change the type to scale',
        });
    } else {
      for (const k of ['scale', 'options'] as const) {
        if (has[k])
          out.push({
            path: [...path, k],
            key: true,
            message: `a ${q.type} question takes no "${k}"`,
            fix:
              q.type === 'yesno'
                ? 'remove it (yes/no questions always offer Yes = 1 and No = 0)'
                : q.type === 'number'
                  ? 'remove it (a number question is credited by its "thresholds")'
                  : 'remove it (percent answers are 0-100, credit = value / 100)',
          });
      }
    }
    if (q.type !== 'number')
      for (const k of NUMBER_FIELDS)
        if (q[k] !== undefined)
          out.push({
            path: [...path, k],
            key: true,
            message: `only number questions take "${k}"`,
            fix: 'remove it, or change the type to number',
          });
  });
  return out;
};

const NUMBER_FIELDS = ['unit', 'better', 'thresholds', 'max'] as const;

/** A number question: a unit, a direction, and thresholds in order, the last a catch-all, the first full credit. */
const numberThresholds: Rule = (bank) => {
  const out: RuleProblem[] = [];
  forEachQuestion(bank, (q, path) => {
    if (q.type !== 'number') return;
    const missing = (k: string, fix: string) =>
      out.push({ path: [...path, 'type'], message: `a number question needs "${k}"`, fix });
    if (q.unit === undefined) missing('unit', 'add "unit:", e.g. unit: minutes');
    if (q.better === undefined)
      missing('better', 'add "better: lower" (e.g. a response time) or "better: higher" (e.g. CSAT)');
    if (q.thresholds === undefined) {
      missing('thresholds', 'add "thresholds: [{ to: 2, credit: 1 }, { to: 10, credit: 0.5 }, { credit: 0 }]"');
      return;
    }
    const list = q.thresholds;
    const tpath = [...path, 'thresholds'];
    const higher = q.better === 'higher';
    list.forEach((t, i) => {
      const last = i === list.length - 1;
      if (last && t.to !== undefined)
        out.push({
          path: [...tpath, i, 'to'],
          key: true,
          message: 'the last threshold has a "to", so some values match no threshold',
          fix: `remove "to" from the last threshold (it takes every value ${higher ? 'below' : 'above'} the one before), or add a last one without "to"`,
        });
      if (!last && t.to === undefined)
        out.push({
          path: [...tpath, i],
          message: `threshold t${i} has no "to", so the thresholds after it are never reached`,
          fix: 'give it "to:", or make it the last threshold',
        });
      const prev = list[i - 1];
      if (prev?.to !== undefined && t.to !== undefined && (higher ? t.to >= prev.to : t.to <= prev.to))
        out.push({
          path: [...tpath, i, 'to'],
          message: `with better: ${q.better ?? 'lower'}, thresholds go from best to worst, so "to" must ${higher ? 'fall' : 'rise'}: ${t.to} is not ${higher ? 'below' : 'above'} ${prev.to}`,
          fix: `list the thresholds in order of ${higher ? 'falling' : 'rising'} "to"`,
        });
      if (prev && t.credit > prev.credit)
        out.push({
          path: [...tpath, i, 'credit'],
          message: `threshold t${i} earns more (${t.credit}) than t${i - 1} before it (${prev.credit}), but values here are worse`,
          fix: 'make credits fall (or stay) from the first threshold to the last',
        });
      if (t.critical === true && t.credit === 1)
        out.push({
          path: [...tpath, i, 'critical'],
          key: true,
          message: 'a critical answer is worth full credit (1)',
          fix: 'mark a weak threshold critical, or lower its credit',
        });
      if (q.max !== undefined && t.to !== undefined && t.to > q.max)
        out.push({
          path: [...tpath, i, 'to'],
          message: `threshold "to: ${t.to}" is above the question's "max: ${q.max}"`,
          fix: 'lower it, or raise "max"',
        });
    });
    if (list[0] && list[0].credit !== 1)
      out.push({
        path: [...tpath, 0, 'credit'],
        message: `the first threshold earns ${list[0].credit}, so no value earns full credit and there is no target to show`,
        fix: 'give the first (best) threshold "credit: 1"; its "to" is the target shown beside the answer',
      });
  });
  return out;
};

/** `advice:` names declared roles, and lists answers the question has (option values, t0..tn, or na for a number). */
const adviceRefs: Rule = (bank) => {
  const out: RuleProblem[] = [];
  const roles = Object.keys(bank.roles ?? {});
  forEachQuestion(bank, (q, path) => {
    const keys = adviceKeysOf(bank, q);
    const firstFor = new Map<string, number>();
    (q.advice ?? []).forEach((a, ai) => {
      const apath = [...path, 'advice', ai];
      if (a.owner !== undefined && !roles.includes(a.owner)) {
        const near = closest(a.owner, roles);
        out.push({
          path: [...apath, 'owner'],
          message: `unknown role "${a.owner}"`,
          fix: near
            ? `${didYouMean(near)} (roles: ${roles.join(', ')})`
            : roles.length > 0
              ? `use one of the roles: ${roles.join(', ')}`
              : 'declare it in a top-level "roles:" table, e.g. roles: { lead: Team lead }',
        });
      }
      (a.for ?? []).forEach((v, vi) => {
        const first = firstFor.get(v);
        if (first !== undefined && keys.includes(v))
          out.push({
            path: [...apath, 'for', vi],
            message: `"${v}" is listed again (first in advice[${first}]), so this entry is never used for it`,
            fix: 'list each answer level in one advice entry',
          });
        else firstFor.set(v, ai);
        if (keys.includes(v)) return;
        if (q.type === 'number' && /^t\d+$/.test(v)) {
          out.push({
            path: [...apath, 'for', vi],
            message: `${q.id} has no threshold ${v}: its thresholds are t0 to t${(q.thresholds ?? []).length - 1}`,
            fix: `use one of ${keys.join(', ')}`,
          });
          return;
        }
        const near = closest(v, keys);
        out.push({
          path: [...apath, 'for', vi],
          message:
            keys.length === 0
              ? `a ${q.type} question has no answer levels for advice to be "for"`
              : `"${v}" is not an answer level of ${q.id}`,
          fix:
            keys.length === 0
              ? 'remove "for" (the advice then applies to any weak answer)'
              : near
                ? `${didYouMean(near)} (levels: ${keys.join(', ')})`
                : `use one of ${keys.join(', ')}`,
        });
      });
    });
    // A prediction is never scored: it has no weak answer to advise on.
    if (q.recommendation === undefined && q.predicts === undefined && !(q.advice ?? []).some((a) => !a.for)) {
      const covered = new Set([
        ...(q.advice ?? []).flatMap((a) => a.for ?? []),
        ...Object.keys(q.recommendations ?? {}),
      ]);
      const weak = weakKeysOf(bank, q).filter((k) => !covered.has(k));
      if (weak.length > 0)
        out.push({
          path: [...path, 'id'],
          message: `question ${q.id} has no advice for ${weak.length === 1 ? 'the weak answer' : 'the weak answers'} ${weak.join(', ')}`,
          fix: 'add an advice entry for them, one without "for" (any weak answer), or a "recommendation"',
        });
    }
  });
  return out;
};

/** The keys advice `for` may list: option values, or t0..tn and na for a number question. */
function adviceKeysOf(bank: BankParsed, q: ParsedQuestion): string[] {
  if (q.type === 'number') return [...(q.thresholds ?? []).map((_, i) => `t${i}`), 'na'];
  return valuesOf(bank, q) ?? [];
}

/** The answer levels earning less than full credit (a percent: one level, "any"). */
function weakKeysOf(bank: BankParsed, q: ParsedQuestion): string[] {
  if (q.type === 'percent') return ['(any answer below 100)'];
  if (q.type === 'number') return (q.thresholds ?? []).flatMap((t, i) => (t.credit < 1 ? [`t${i}`] : []));
  if (q.type === 'yesno') return ['no'];
  return optionsOf(bank, q)
    .filter((o) => o.credit < 1)
    .map((o) => o.value);
}

const fullAndZeroCredit: Rule = (bank) => {
  const out: RuleProblem[] = [];
  const check = (options: { credit: number; value: string }[], path: PropertyKey[]) => {
    if (!options.some((o) => o.credit === 1))
      out.push({ path, message: 'no option is worth full credit (1)', fix: 'give the best answer "credit: 1"' });
    if (!options.some((o) => o.credit === 0))
      out.push({ path, message: 'no option is worth zero credit (0)', fix: 'give the weakest answer "credit: 0"' });
    const seen = new Set<string>();
    options.forEach((o, i) => {
      if (seen.has(o.value))
        out.push({
          path: [...path, i, 'value'],
          message: `duplicate option value "${o.value}"`,
          fix: 'give each option its own value',
        });
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
  if (bank.bands[0] && bank.bands[0].min !== 0)
    out.push({
      path: ['bands', 0, 'min'],
      message: `the first band starts at ${bank.bands[0].min}, leaving scores below it without a band`,
      fix: 'set the first band\'s "min: 0"',
    });
  for (let i = 1; i < bank.bands.length; i++) {
    const prev = bank.bands[i - 1]!.min;
    if (bank.bands[i]!.min <= prev)
      out.push({
        path: ['bands', i, 'min'],
        message: `bands must ascend: min ${bank.bands[i]!.min} is not above the previous band's ${prev}`,
        fix: 'list the bands from lowest to highest with rising "min" values',
      });
  }
  return out;
};

const benchmarkQuestion: Rule = (bank) => {
  const out: RuleProblem[] = [];
  bank.areas.forEach((a, ai) => {
    a.elements.forEach((e, ei) => {
      if (!e.benchmark) return;
      const q = e.questions.find((x) => x.id === e.benchmark!.question);
      const path = ['areas', ai, 'elements', ei, 'benchmark', 'question'];
      if (e.benchmark.question === undefined) {
        if (!e.benchmark.pulse)
          out.push({
            path: ['areas', ai, 'elements', ei, 'benchmark'],
            message: 'this benchmark names neither a question nor a pulse statement, so nothing is compared with it',
            fix: 'add "question: <a percent question of this element>" or "pulse: { question: <a team statement>, values: [...] }"',
          });
      } else if (!q)
        out.push({
          path,
          message: `benchmark question "${e.benchmark.question}" is not a question of this element`,
          fix: `name one of: ${e.questions.map((x) => x.id).join(', ')}`,
        });
      else if (q.type !== 'percent')
        out.push({
          path,
          message: `benchmark question "${q.id}" is a ${q.type} question`,
          fix: 'point it at a percent question, so the answer is a share comparable with the benchmark',
        });
      const pulse = e.benchmark.pulse;
      if (!pulse) return;
      const pq = e.questions.find((x) => x.id === pulse.question);
      const ppath = ['areas', ai, 'elements', ei, 'benchmark', 'pulse'];
      if (!pq)
        out.push({
          path: [...ppath, 'question'],
          message: `pulse question "${pulse.question}" is not a question of this element`,
          fix: `name one of: ${e.questions.map((x) => x.id).join(', ')}`,
        });
      else if (pq.audience !== 'team')
        out.push({
          path: [...ppath, 'question'],
          message: `pulse question "${pq.id}" is not a team question`,
          fix: `add "audience: team" to ${pq.id}: the share is counted over team members' own answers`,
        });
      else {
        const values =
          pq.type === 'yesno'
            ? ['yes', 'no']
            : (pq.options ?? bank.scales?.[pq.scale ?? '']?.map((o) => o.value) ?? []).map((o) =>
                typeof o === 'string' ? o : o.value,
              );
        pulse.values.forEach((v, vi) => {
          if (!values.includes(v))
            out.push({
              path: [...ppath, 'values', vi],
              message: `"${v}" is not an answer to ${pq.id}`,
              fix: `use one of ${values.join(', ')}`,
            });
        });
      }
    });
  });
  return out;
};

type ParsedQuestion = BankParsed['areas'][number]['elements'][number]['questions'][number];
type ParsedProfile = NonNullable<BankParsed['profile']>[number];

/** The answer values a question accepts (undefined for percent and number questions, which have none). */
function valuesOf(bank: BankParsed, q: ParsedQuestion | ParsedProfile): string[] | undefined {
  if (q.type === 'percent' || q.type === 'number') return undefined;
  if (q.type === 'yesno') return ['yes', 'no'];
  return optionsOf(bank, q).map((o) => o.value);
}

/** A question's options, its own or its scale's (none when the scale is unknown, e.g. "constructor"). */
function optionsOf(bank: BankParsed, q: ParsedQuestion | ParsedProfile) {
  if (q.options) return q.options;
  const scale = 'scale' in q ? q.scale : undefined;
  return scale !== undefined && bank.scales && Object.hasOwn(bank.scales, scale) ? bank.scales[scale]! : [];
}

/** Every question, profile first, in the order the audit asks them, with its data path. */
function askingOrder(bank: BankParsed) {
  const out: { q: ParsedQuestion | ParsedProfile; path: PropertyKey[] }[] = (bank.profile ?? []).map((q, i) => ({
    q,
    path: ['profile', i],
  }));
  forEachQuestion(bank, (q, path) => out.push({ q, path }));
  return out;
}

const citations: Rule = (bank) => {
  const out: RuleProblem[] = [];
  const ids = [...new Set((bank.sources ?? []).map((s) => s.id))];
  forEachQuestion(bank, (q, path) => {
    if (q.source && q.sources)
      out.push({
        path: [...path, 'source'],
        key: true,
        message: 'a question has both "source" and "sources"',
        fix: 'keep "sources" (the old "source" is only for banks without a sources table)',
      });
    else if (!q.source && !q.sources)
      out.push({
        path: [...path, 'id'],
        message: `question ${q.id} cites no source`,
        fix: 'add "sources: [{ ref: <an id of the top-level sources table>, concept: ... }]"',
      });
    (q.sources ?? []).forEach((s, i) => {
      if (ids.includes(s.ref)) return;
      const near = closest(s.ref, ids);
      out.push({
        path: [...path, 'sources', i, 'ref'],
        message: `unknown source "${s.ref}"`,
        fix: near
          ? didYouMean(near)
          : ids.length > 0
            ? `use one of the ids under the top-level "sources": ${ids.join(', ')}`
            : 'add the article to a top-level "sources:" table (id, title) and refer to its id',
      });
    });
  });
  return out;
};

const profileOptions: Rule = (bank) => {
  const out: RuleProblem[] = [];
  (bank.profile ?? []).forEach((q, i) => {
    const path = ['profile', i];
    if (q.type === 'choice' && !q.options)
      out.push({
        path: [...path, 'type'],
        message: 'a choice question needs "options"',
        fix: 'add "options:" with value, label and credit for each choice',
      });
    if (q.type === 'yesno' && q.options)
      out.push({
        path: [...path, 'options'],
        key: true,
        message: 'a yesno question takes no "options"',
        fix: 'remove it (yes/no questions always offer Yes and No)',
      });
    const seen = new Set<string>();
    (q.options ?? []).forEach((o, oi) => {
      if (seen.has(o.value))
        out.push({
          path: [...path, 'options', oi, 'value'],
          message: `duplicate option value "${o.value}"`,
          fix: 'give each option its own value',
        });
      seen.add(o.value);
    });
  });
  return out;
};

/**
 * `when:` may only look back: at profile questions or questions asked earlier. A reference to
 * itself or to a later question is how a cycle would start, so both are refused.
 */
const conditions: Rule = (bank) => {
  const out: RuleProblem[] = [];
  const order = askingOrder(bank);
  const index = new Map(order.map((x, i) => [x.q.id, i]));
  const check = (
    when: Record<string, unknown> | undefined,
    at: number,
    path: PropertyKey[],
    self: string,
    what: string,
  ) => {
    if (!when) return;
    for (const [ref, raw] of Object.entries(when)) {
      const refPath = [...path, 'when', ref];
      const i = index.get(ref);
      if (i === undefined) {
        const near = closest(ref, [...index.keys()]);
        out.push({
          path: refPath,
          key: true,
          message: `the condition names "${ref}", which is not a question of this bank`,
          fix: near ? didYouMean(near) : 'name a profile question or a question asked before this one',
        });
        continue;
      }
      if (ref === self) {
        out.push({
          path: refPath,
          key: true,
          message: `${what} depends on itself`,
          fix: 'name a profile question or a question asked before this one',
        });
        continue;
      }
      if (i >= at) {
        out.push({
          path: refPath,
          key: true,
          message: `the condition names ${ref}, which is asked after ${what} (conditions may only look back, so that they cannot go round in a cycle)`,
          fix: 'name a profile question or a question asked earlier, or move this one after it',
        });
        continue;
      }
      const target = order[i]!.q;
      const values = valuesOf(bank, target);
      if (!values) {
        out.push({
          path: refPath,
          key: true,
          message: `the condition names ${ref}, a ${target.type} question`,
          fix: `name a yes/no, choice or scale question (a ${target.type} has no values to match)`,
        });
        continue;
      }
      // A choice without options is reported on its own; its values cannot be checked.
      if (values.length === 0) continue;
      const list = Array.isArray(raw) ? raw : [raw];
      list.forEach((v, vi) => {
        const value = typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
        if (values.includes(value)) return;
        const near = closest(value, values);
        out.push({
          path: Array.isArray(raw) ? [...refPath, vi] : refPath,
          message: `"${value}" is not an answer to ${ref}`,
          fix: near ? `${didYouMean(near)} (answers: ${values.join(', ')})` : `use one of ${values.join(', ')}`,
        });
      });
    }
  };
  let at = (bank.profile ?? []).length;
  bank.areas.forEach((a, ai) => {
    a.elements.forEach((e, ei) => {
      const path = ['areas', ai, 'elements', ei];
      check(e.when, at, path, `${a.id}.${e.id}`, `element ${a.id}.${e.id}`);
      if (e.skipReason !== undefined && !e.when)
        out.push({
          path: [...path, 'skipReason'],
          key: true,
          message: 'skipReason without a "when" condition',
          fix: 'add "when:" or remove skipReason (it is shown only when the condition is false)',
        });
      e.questions.forEach((q, qi) => {
        const qpath = [...path, 'questions', qi];
        check(q.when, at, qpath, q.id, `question ${q.id}`);
        if (q.skipReason !== undefined && !q.when)
          out.push({
            path: [...qpath, 'skipReason'],
            key: true,
            message: 'skipReason without a "when" condition',
            fix: 'add "when:" or remove skipReason (it is shown only when the condition is false)',
          });
        at++;
      });
    });
  });
  return out;
};

const recommendationKeys: Rule = (bank) => {
  const out: RuleProblem[] = [];
  forEachQuestion(bank, (q, path) => {
    if (!q.recommendations) return;
    const values = valuesOf(bank, q);
    if (!values) {
      out.push({
        path: [...path, 'recommendations'],
        key: true,
        message: `a ${q.type} question takes no "recommendations" by answer`,
        fix:
          q.type === 'number'
            ? 'use "advice" with "for: [t1, t2]" (threshold indexes), or keep only "recommendation"'
            : 'keep only "recommendation"',
      });
      return;
    }
    for (const key of Object.keys(q.recommendations)) {
      if (values.includes(key)) continue;
      const near = closest(key, values);
      out.push({
        path: [...path, 'recommendations', key],
        key: true,
        message: `"${key}" is not an answer to ${q.id}`,
        fix: near ? `${didYouMean(near)} (answers: ${values.join(', ')})` : `use one of ${values.join(', ')}`,
      });
    }
  });
  return out;
};

/** Every id a migration maps to must be a question of this bank; every old id is mapped once. */
const migrations: Rule = (bank) => {
  const out: RuleProblem[] = [];
  const order = askingOrder(bank);
  const byId = new Map(order.map((x) => [x.q.id, x.q]));
  const ids = [...byId.keys()];
  const unknown = (id: string, path: PropertyKey[], key = false) => {
    const near = closest(id, ids);
    out.push({
      path,
      key,
      message: `"${id}" is not a question of this bank (version ${bank.version})`,
      fix: near ? didYouMean(near) : 'name a question id of this version',
    });
  };
  const froms = new Map<number, number>();
  (bank.migrations ?? []).forEach((m, mi) => {
    const path = ['migrations', mi];
    if (m.from >= bank.version)
      out.push({
        path: [...path, 'from'],
        message: `a migration from version ${m.from} in a bank of version ${bank.version}`,
        fix: `map from an earlier version (below ${bank.version})`,
      });
    if (froms.has(m.from))
      out.push({
        path: [...path, 'from'],
        message: `a second migration from version ${m.from} (the first is migrations[${froms.get(m.from)}])`,
        fix: 'merge the two entries',
      });
    else froms.set(m.from, mi);
    const seen = new Map<string, string>();
    const once = (old: string, where: string, p: PropertyKey[]) => {
      const first = seen.get(old);
      if (first)
        out.push({
          path: p,
          key: true,
          message: `old id "${old}" is mapped twice (also under ${first})`,
          fix: 'map each old id once: renamed, split or removed',
        });
      else seen.set(old, where);
    };
    for (const [old, to] of Object.entries(m.renamed ?? {})) {
      once(old, 'renamed', [...path, 'renamed', old]);
      if (!byId.has(to)) unknown(to, [...path, 'renamed', old]);
    }
    for (const [old, tos] of Object.entries(m.split ?? {})) {
      once(old, 'split', [...path, 'split', old]);
      tos.forEach((to, i) => {
        if (!byId.has(to)) unknown(to, [...path, 'split', old, i]);
      });
    }
    (m.removed ?? []).forEach((old, i) => {
      once(old, 'removed', [...path, 'removed', i]);
      if (byId.has(old))
        out.push({
          path: [...path, 'removed', i],
          message: `"${old}" is listed as removed but is still a question of this bank`,
          fix: 'remove it from the list (an id that stays needs no entry)',
        });
    });
    (m.added ?? []).forEach((id, i) => {
      if (!byId.has(id)) unknown(id, [...path, 'added', i]);
    });
    for (const [to, map] of Object.entries(m.values ?? {})) {
      const q = byId.get(to);
      if (!q) {
        unknown(to, [...path, 'values', to], true);
        continue;
      }
      const values = valuesOf(bank, q);
      if (!values) {
        out.push({
          path: [...path, 'values', to],
          key: true,
          message: `${to} is a ${q.type} question; it has no values to map`,
          fix: 'remove this entry',
        });
        continue;
      }
      for (const [oldValue, newValue] of Object.entries(map)) {
        if (values.includes(newValue)) continue;
        const near = closest(newValue, values);
        out.push({
          path: [...path, 'values', to, oldValue],
          message: `"${newValue}" is not an answer to ${to}`,
          fix: near ? `${didYouMean(near)} (answers: ${values.join(', ')})` : `use one of ${values.join(', ')}`,
        });
      }
    }
  });
  return out;
};

function forEachQuestion(
  bank: BankParsed,
  fn: (q: BankParsed['areas'][number]['elements'][number]['questions'][number], path: PropertyKey[]) => void,
) {
  bank.areas.forEach((a, ai) => {
    a.elements.forEach((e, ei) => {
      e.questions.forEach((q, qi) => {
        fn(q, ['areas', ai, 'elements', ei, 'questions', qi]);
      });
    });
  });
}

/** The questions of the bank by id, with their data path (the first of a duplicated id wins). */
function questionsById(bank: BankParsed) {
  const byId = new Map<string, { q: ParsedQuestion; path: PropertyKey[] }>();
  forEachQuestion(bank, (q, path) => {
    if (!byId.has(q.id)) byId.set(q.id, { q, path });
  });
  return byId;
}

/** `favourable:` belongs to a team statement and lists answers of that statement. */
const favourableValues: Rule = (bank) => {
  const out: RuleProblem[] = [];
  forEachQuestion(bank, (q, path) => {
    if (!q.favourable) return;
    const fpath = [...path, 'favourable'];
    if (q.audience !== 'team') {
      out.push({
        path: fpath,
        key: true,
        message: `"favourable" on ${q.id}, which is not a team statement`,
        fix: 'add "audience: team" (favourable answers are counted over team members\' own answers) or remove it',
      });
      return;
    }
    const values = valuesOf(bank, q);
    if (!values) {
      out.push({
        path: fpath,
        key: true,
        message: `"favourable" on ${q.id}, a ${q.type} question`,
        fix: `remove it (a ${q.type} answer has no values to count as favourable)`,
      });
      return;
    }
    if (values.length === 0) return;
    q.favourable.forEach((v, i) => {
      if (values.includes(v)) return;
      const near = closest(v, values);
      out.push({
        path: [...fpath, i],
        message: `"${v}" is not an answer to ${q.id}`,
        fix: near ? `${didYouMean(near)} (answers: ${values.join(', ')})` : `use one of ${values.join(', ')}`,
      });
    });
  });
  return out;
};

/** `predicts:` is a lead percent question naming a team statement of this bank. */
const predictions: Rule = (bank) => {
  const out: RuleProblem[] = [];
  const byId = questionsById(bank);
  const statements = [...byId.values()].filter((x) => x.q.audience === 'team').map((x) => x.q.id);
  forEachQuestion(bank, (q, path) => {
    if (q.predicts === undefined) return;
    const ppath = [...path, 'predicts'];
    if (q.type !== 'percent' || q.audience !== 'lead') {
      out.push({
        path: ppath,
        key: true,
        message: `${q.id} predicts a team statement but is ${q.audience === 'lead' ? `a ${q.type} question` : 'a team statement itself'}`,
        fix: 'make it a lead question of type percent (the predicted share of the team), or remove "predicts"',
      });
      return;
    }
    const target = byId.get(q.predicts);
    if (!target) {
      const near = closest(q.predicts, statements);
      out.push({
        path: ppath,
        message: `"${q.predicts}" is not a question of this bank`,
        fix: near
          ? didYouMean(near)
          : statements.length > 0
            ? `name a team statement: ${statements.join(', ')}`
            : 'name a question with "audience: team"',
      });
    } else if (target.q.audience !== 'team')
      out.push({
        path: ppath,
        message: `"${q.predicts}" is not a team statement`,
        fix:
          statements.length > 0
            ? `name a team statement: ${statements.join(', ')}`
            : `add "audience: team" to ${q.predicts}, or name a team statement`,
      });
  });
  return out;
};

/** `critical:` marks a scored answer; profile answers are never scored, so none of them can be critical. */
const criticalOnScoredOptions: Rule = (bank) => {
  const out: RuleProblem[] = [];
  (bank.profile ?? []).forEach((q, i) => {
    (q.options ?? []).forEach((o, oi) => {
      if (o.critical !== undefined)
        out.push({
          path: ['profile', i, 'options', oi, 'critical'],
          key: true,
          message: 'a profile answer cannot be critical (profile answers are never scored)',
          fix: 'remove "critical", or mark the answer of a scored question',
        });
    });
  });
  const fullCredit = (options: { credit: number; critical?: boolean | undefined }[], path: PropertyKey[]) => {
    options.forEach((o, i) => {
      if (o.critical === true && o.credit === 1)
        out.push({
          path: [...path, i, 'critical'],
          key: true,
          message: 'a critical answer is worth full credit (1)',
          fix: 'mark a weak answer critical, or lower its credit',
        });
    });
  };
  for (const [name, options] of Object.entries(bank.scales ?? {})) fullCredit(options, ['scales', name]);
  forEachQuestion(bank, (q, path) => {
    if (q.options) fullCredit(q.options, [...path, 'options']);
  });
  return out;
};

/** Every cross-field rule of a bank, run in order; each returns its problems as data. */
export const BANK_RULES: readonly Rule[] = [
  uniqueIds,
  optionsPerType,
  fullAndZeroCredit,
  bandsAscending,
  benchmarkQuestion,
  citations,
  profileOptions,
  conditions,
  recommendationKeys,
  numberThresholds,
  adviceRefs,
  favourableValues,
  predictions,
  criticalOnScoredOptions,
  migrations,
];
