import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { questionsOf } from '../../src/bank/queries.js';
import type { Bank } from '../../src/bank/schema.js';
import { jsonSchema, type SchemaKind } from '../../src/cli/commands/schema.js';

// The source articles sit beside the repository in the workplace and in CI (../shared/seeds), or
// where SERVICE_AUDIT_SEEDS points; a bare clone does not have them, so only the tests that need
// their full text read them, and say they were skipped otherwise.
const SEEDS = process.env.SERVICE_AUDIT_SEEDS
  ? pathToFileURL(`${process.env.SERVICE_AUDIT_SEEDS.replace(/\/?$/, '/')}`)
  : new URL('../../../shared/seeds/', import.meta.url);
const source = readFileSync(new URL('../../questions/service-readiness.yaml', import.meta.url), 'utf8');
const { bank, problems } = parseBank('questions/service-readiness.yaml', source);

/** The bank as written (the format contract), independent of how it is normalised. */
interface RawQuestion {
  id: string;
  text: string;
  type: string;
  scale?: string;
  options?: { value: string; label: string }[];
  audience?: string;
  when?: Record<string, string | string[]>;
  skipReason?: string;
  help: string;
  recommendation: string;
  recommendations?: Record<string, string>;
  sources: { ref: string; concept: string }[];
}
interface RawElement {
  id: string;
  when?: Record<string, string | string[]>;
  skipReason?: string;
  benchmark?: {
    value: number;
    question: string;
    statement: string;
    source: string;
    pulse?: { question: string; values: string[] };
  };
  questions: RawQuestion[];
}
interface RawBank {
  id: string;
  version: number;
  sources: { id: string; title: string; author?: string; publisher?: string; date?: string; note?: string }[];
  profile: { id: string; text: string; type: string }[];
  scoring: Record<string, unknown>;
  scales: Record<string, { value: string }[]>;
  areas: { id: string; weight?: number; combine?: string; elements: RawElement[] }[];
  migrations: {
    from: number;
    renamed?: Record<string, string>;
    split?: Record<string, string[]>;
    removed?: string[];
    values?: Record<string, Record<string, string>>;
  }[];
}
const raw = parse(source) as RawBank;
const rawQuestions = raw.areas.flatMap((a) =>
  a.elements.flatMap((e) => e.questions.map((q) => ({ area: a, element: e, q }))),
);
const byId = new Map(rawQuestions.map((x) => [x.q.id, x]));
const valuesOf = (q: RawQuestion): string[] =>
  q.type === 'yesno'
    ? ['yes', 'no']
    : q.type === 'percent'
      ? []
      : (q.options ?? raw.scales[q.scale!]!).map((o) => o.value);
/** What a question asks, as the person answering sees it: its text and its option labels. */
const asked = (q: RawQuestion): string =>
  [q.text, ...(q.type === 'scale' ? [] : (q.options ?? []).map((o) => o.label))].join(' | ');

/** The v1 built-in bank's question ids (service-readiness@1), in order: answers files people already have use them. */
const V1_IDS = [
  'customer.convenience',
  'customer.state-of-mind',
  'customer.as-a-person',
  'customer.feedback',
  'customer.channels',
  'environment.premises',
  'environment.digital',
  'environment.materials',
  'environment.twitter-worthy',
  'delivery.listened-to',
  'delivery.remember-details',
  'delivery.expectations',
  'delivery.ownership',
  'delivery.wow',
  'delivery.authentic',
  'processes.barriers',
  'processes.tools',
  'processes.empowerment',
  'processes.measures',
  'processes.internal-service',
  'processes.sensible-policies',
  'commission.plan',
  'commission.aligned',
  'commission.understood',
  'crm.single-place',
  'crm.measured',
  'crm.up-to-date',
  'brochure.exists',
  'brochure.value-proposition',
  'brochure.training',
  'proposal.template',
  'proposal.time',
  'linkedin.developed',
  'linkedin.introductions',
  'understanding.self',
  'understanding.share',
  'understanding.explained',
  'enthusiasm.self',
  'enthusiasm.share',
  'enthusiasm.celebrate',
  'line-of-sight.self',
  'line-of-sight.share',
  'line-of-sight.linked',
  'enablement.self',
  'enablement.share',
  'enablement.obstacles',
  'trust.self',
  'trust.share',
  'trust.honesty',
];
/** The v1 questions an outside review found asking two things at once (issue 12). */
const DOUBLE_BARRELLED = [
  'customer.as-a-person',
  'customer.channels',
  'delivery.listened-to',
  'delivery.expectations',
  'delivery.ownership',
  'processes.empowerment',
  'processes.internal-service',
  'processes.sensible-policies',
  'commission.aligned',
  'crm.single-place',
  'linkedin.developed',
  'linkedin.introductions',
  'trust.honesty',
  'understanding.explained',
];

/**
 * Every concept the bank must ask about (issue 12), each with the words that show it is asked (in a
 * question's text or its options, not only in help), the article it comes from, and the concept as cited.
 */
const CONCEPTS: [concept: string, asked: RegExp, ref: string, cited: RegExp][] = [
  ["Give 'Em the Pickle: service", /serving them comes before/i, 'customer-revolution', /Pickle.*service/],
  ["Give 'Em the Pickle: attitude", /speak of customers with respect/i, 'customer-revolution', /Pickle.*attitude/],
  [
    "Give 'Em the Pickle: consistency",
    /service standards on our busiest days/i,
    'customer-revolution',
    /Pickle.*consistency/,
  ],
  ["Give 'Em the Pickle: teamwork", /make my colleagues look good/i, 'customer-revolution', /Pickle.*teamwork/],
  [
    'Harlem Shake lesson one: serve with passion, as if no one were watching',
    /passion.*no one is watching/i,
    'harlem-shake',
    /Lesson one/,
  ],
  ['Prop, the ring: engage', /start the conversation/i, 'harlem-shake', /ring.*engage/],
  ['Prop, deodorant: be personable', /personable/i, 'harlem-shake', /deodorant.*personable/],
  ['Prop, the toothbrush: smile', /smile/i, 'harlem-shake', /toothbrush.*smile/],
  ['Prop, the cream: anticipate needs', /anticipate what a customer will need/i, 'harlem-shake', /cream.*anticipate/],
  [
    'Prop, spoon and bowl: prepare and research before each contact',
    /Before a planned call or meeting.*research/i,
    'harlem-shake',
    /spoon and bowl.*prepare and research/,
  ],
  ['Please and thank you', /please and thank you/i, 'dna', /please and thank you/],
  [
    'How fast customers get a response',
    /how long does a customer who writes.*wait for a personal reply/i,
    'customer-revolution',
    /respond quickly/,
  ],
  [
    "Service is everyone's job",
    /outside the service team.*part of their job/i,
    'customer-revolution',
    /everyone's job/,
  ],
  [
    'Customer focus fading as an organization grows',
    /As the organization has grown.*about customers/i,
    'customer-focus',
    /dwindles as organizations grow/,
  ],
  ['Everything Speaks, what a caller hears: the greeting', /greeting/i, 'dna', /Everything Speaks/],
  ['Everything Speaks, what a caller hears: the phone menu', /phone menu|menu choices/i, 'dna', /Everything Speaks/],
  ['Everything Speaks, what a caller hears: on hold', /on hold/i, 'dna', /Everything Speaks/],
  [
    'Everything Speaks, what a customer reads: e-mail templates',
    /standard e-mail replies/i,
    'dna',
    /Everything Speaks/,
  ],
  ['Everything Speaks: premises', /premises/i, 'dna', /Everything Speaks/],
  ['Lens of the Customer', /easiest for the customer/i, 'dna', /Lens of the Customer/],
  ['Create a Wow: eye contact', /eye contact/i, 'dna', /eye contact/],
  ['Create a Wow: clarifying questions', /clarifying question/i, 'dna', /clarifying/],
  ['Set Employees Up for Success', /remove the internal barriers/i, 'dna', /Set Employees Up for Success/],
  ['Twitter-worthy', /posted about their last contact/i, 'dna', /Twitter-worthy/],
  ['Sales tool: commission plan & target', /commission plan and a target/i, 'sales-tools', /Commission plan & target/],
  ['Sales tool: CRM', /in one CRM/i, 'sales-tools', /CRM/],
  ['Sales tool: company brochure', /brochure/i, 'sales-tools', /Company brochure/],
  ['Sales tool: proposal template', /proposal template/i, 'sales-tools', /Proposal template/],
  ['Sales tool: LinkedIn page', /LinkedIn page/i, 'sales-tools', /LinkedIn page/],
  [
    'Internal customer service',
    /colleague who asks another team for help/i,
    'internal-service',
    /Internal customer service/,
  ],
  ['Uncommon sense: why the fence was built', /find out why it was made/i, 'uncommon-sense', /fence/],
  ['Meet customers where they are: social media', /social media/i, 'customer-revolution', /social media/],
  [
    'Counted compliments (the wow customers retell)',
    /how many customers praised our service/i,
    'wow-service',
    /retell/,
  ],
  ['No scripts', /scripts/i, 'mindsets', /no scripts/],
];

/** The five statistics of the Harris Interactive poll, exactly as the DNA article states them. */
const FIGURES: [element: string, value: number, asStated: string][] = [
  ['understanding', 37, '37%'],
  ['enthusiasm', 20, 'one in five'],
  ['line-of-sight', 20, 'one in five'],
  ['enablement', 15, '15%'],
  ['trust', 20, '20%'],
];

describe('the built-in bank', () => {
  test('is valid', () => {
    expect(problems).toEqual([]);
    expect(bank).toBeDefined();
  });

  const b = bank as Bank;
  const element = (id: string) => b.areas.flatMap((a) => a.elements).find((e) => e.id === id);

  test('is service-readiness@2 and points editors at its JSON Schema', () => {
    expect(source.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/bank.schema.json');
    expect([raw.id, raw.version]).toEqual(['service-readiness', 2]);
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

  test.each(['sales.commission', 'sales.crm', 'sales.brochure', 'sales.proposal', 'sales.linkedin'])(
    'covers the sales tool %s with at least 2 questions',
    (id) => {
      expect(element(id)!.questions.length).toBeGreaterThanOrEqual(2);
    },
  );

  test.each(FIGURES)(
    'covers the engagement statistic %s with the poll figure %i (stated as "%s")',
    (id, value, asStated) => {
      const e = element(`engagement.${id}`)!;
      const rawElement = raw.areas.find((a) => a.id === 'engagement')!.elements.find((x) => x.id === id)!;
      expect(e.benchmark!.value).toBe(value);
      expect(e.benchmark!.source).toMatch(
        /^Harris Interactive poll of 23,000 full-time US workers, as reported in The DNA of Service Excellence and originally in Stephen R\. Covey's The 8th Habit \(2004\)\. The statement gives the poll's finding, not its exact wording\.$/,
      );
      // The team statement mirrors the poll item and says the figure as the article states it.
      const pulse = rawElement.benchmark!.pulse!;
      expect(pulse.values).toEqual(['strongly-agree']);
      const statement = byId.get(pulse.question)!.q;
      expect(statement.audience).toBe('team');
      expect(statement.text).toMatch(/^Rate this about yourself: /);
      expect(statement.help).toContain(` ${asStated} `);
      // The lead's question is the pulse result, with a reason when no pulse was run.
      const result = byId.get(rawElement.benchmark!.question)!.q;
      expect(result.type).toBe('percent');
      expect(result.text).toMatch(/^In your last anonymous pulse, what share of people strongly agreed /);
      expect(result.when).toEqual({ 'profile.pulse': 'yes' });
      expect(result.skipReason).toBe('No staff pulse has been run, so there is no result to enter.');
      expect(e.questions.length).toBeGreaterThanOrEqual(3);
    },
  );

  test('the figures are exactly those the article states (37%, 1 in 5, 1 in 5, 15%, 20%)', () => {
    const poll = readFileSync(new URL('../../questions/service-readiness.yaml', import.meta.url), 'utf8');
    for (const [, value, asStated] of FIGURES)
      expect(poll).toContain(asStated === 'one in five' ? 'one in five (20%)' : `poll's ${value}%`);
    expect(FIGURES.map(([, v]) => v)).toEqual([37, 20, 20, 15, 20]);
  });

  test('has exactly the three areas and fourteen elements the mission names', () => {
    expect(b.areas.map((a) => a.id)).toEqual(['dna', 'sales', 'engagement']);
    expect(b.areas.map((a) => a.elements.length)).toEqual([4, 5, 5]);
  });

  test.each(CONCEPTS)('asks about %s in a question or its options, citing it', (concept, words, ref, cited) => {
    const hits = rawQuestions.filter(
      ({ q }) => words.test(asked(q)) && q.sources.some((s) => s.ref === ref && cited.test(s.concept)),
    );
    expect(
      hits.map(({ q }) => q.id),
      `${concept}: no question asks ${words} and cites ${ref} for ${cited}`,
    ).not.toEqual([]);
  });

  test('names every source readably: a title, no file name, and every entry is cited', () => {
    const ids = raw.sources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of raw.sources) expect(s.title.length, s.id).toBeGreaterThan(3);
    const cited = new Set<string>();
    for (const { q } of rawQuestions) {
      expect(q.sources.length, q.id).toBeGreaterThan(0);
      for (const s of q.sources) {
        expect(ids, `${q.id} cites ${s.ref}`).toContain(s.ref);
        expect(s.concept.length, q.id).toBeGreaterThan(3);
        cited.add(s.ref);
      }
    }
    expect([...cited].sort()).toEqual([...ids].sort());
    // No seed file name, nor anything that looks like one, anywhere in the bank.
    expect(source).not.toMatch(/\b\d{3}_[0-9a-f]{16}\b|\.txt\b/);
  });

  test('cites an entry of its sources table for every question, as loaded', () => {
    const cited = new Set<string>();
    for (const { question } of questionsOf(b)) {
      expect(question.sources.length, question.id).toBeGreaterThan(0);
      for (const s of question.sources) {
        expect(
          b.sources.map((x) => x.id),
          question.id,
        ).toContain(s.ref);
        cited.add(s.ref);
      }
    }
    expect([...cited].sort()).toEqual(b.sources.map((s) => s.id).sort());
  });

  test('gives the poll as Harris Interactive, 23,000 US full-time workers, via the DNA article and The 8th Habit (2004)', () => {
    const poll = raw.sources.find((s) => s.id === 'harris-poll')!;
    expect(poll).toMatchObject({
      title: 'Harris Interactive poll of 23,000 US full-time workers',
      publisher: 'Harris Interactive',
    });
    expect(poll.note).toMatch(
      /As reported in The DNA of Service Excellence.*originally in Stephen R\. Covey's The 8th Habit \(2004\)/s,
    );
    expect(poll.note).toMatch(/findings.*not the\s+poll's exact wording/s);
    expect(raw.sources.find((s) => s.id === 'the-8th-habit')).toMatchObject({
      author: 'Stephen R. Covey',
      date: '2004',
    });
  });

  test('asks the profile first: channels and selling as yes/no questions', () => {
    expect(raw.profile.map((p) => [p.id, p.type])).toEqual([
      ['profile.in-person', 'yesno'],
      ['profile.phone', 'yesno'],
      ['profile.chat', 'yesno'],
      ['profile.email', 'yesno'],
      ['profile.social', 'yesno'],
      ['profile.sells', 'yesno'],
      ['profile.pulse', 'yesno'],
    ]);
  });

  test('leaves out what does not apply, with a reason: no premises, no phone, no sales, no brochure', () => {
    const conditions = [
      ...raw.areas.flatMap((a) => a.elements.map((e) => ({ id: e.id, when: e.when, skipReason: e.skipReason }))),
      ...rawQuestions.map(({ q }) => ({ id: q.id, when: q.when, skipReason: q.skipReason })),
    ];
    const on = (ref: string) => conditions.filter((c) => c.when && ref in c.when).map((c) => c.id);
    expect(on('profile.in-person')).toEqual(['environment.premises', 'delivery.eye-contact']);
    expect(on('profile.phone')).toEqual([
      'environment.phone-greeting',
      'environment.phone-menu',
      'environment.on-hold',
    ]);
    expect(on('profile.email')).toEqual(['environment.email-templates']);
    expect(on('profile.social')).toEqual(['customer.social-replies']);
    expect(on('profile.sells')).toEqual(['commission', 'crm', 'brochure', 'proposal', 'linkedin']);
    expect(on('brochure.exists')).toEqual(['brochure.value-proposition', 'brochure.training']);
    for (const c of conditions.filter((x) => x.when))
      expect(c.skipReason, c.id).toMatch(
        /so (not asked|the sales tools were not asked|there is no result to enter)\.$/,
      );
  });

  test('keeps the team pulse short (about five minutes) and asks each team statement about the person themselves', () => {
    const team = rawQuestions.filter(({ q }) => q.audience === 'team').map(({ q }) => q);
    expect(team.length).toBeGreaterThanOrEqual(10);
    expect(team.length).toBeLessThanOrEqual(15);
    for (const q of team) expect(q.text, q.id).toMatch(/^Rate this about yourself: .*\b(I|me|my)\b/);
  });

  test('is one thing per question: each double-barrelled v1 question is split, and no question says "and/or" twice', () => {
    const split = raw.migrations.find((m) => m.from === 1)!.split!;
    for (const id of DOUBLE_BARRELLED) {
      expect(byId.has(id), `${id} is still asked`).toBe(false);
      expect(split[id]?.length ?? 0, `${id} is not split`).toBeGreaterThanOrEqual(2);
    }
  });

  test('words agree with the scale: no frequency question says how often itself', () => {
    for (const { q } of rawQuestions.filter(({ q }) => q.scale === 'frequency'))
      expect(q.text, q.id).not.toMatch(/\b(regularly|always|never|often|usually|sometimes|rarely|every)\b/i);
    for (const { q } of rawQuestions.filter(({ q }) => q.scale === 'agreement'))
      expect(q.text, q.id).not.toMatch(/^(How|What|Which|Do|Does|Is|Are)\b/);
  });

  test('declares its scoring: area weights, the DNA area by its weakest link, percents against the benchmark', () => {
    expect(raw.areas.map((a) => [a.id, a.weight, a.combine ?? 'mean'])).toEqual([
      ['dna', 2, 'weakest-link'],
      ['sales', 1, 'mean'],
      ['engagement', 1.5, 'mean'],
    ]);
    expect(raw.scoring).toEqual({ percentAgainstBenchmark: true, questionWeights: 'flat' });
    // The weights are explained where they are declared.
    expect(source).toMatch(/# Area weights\. .*DNA area\s*\n#\s*counts twice/s);
  });

  test('gives different advice for different weak answers where it matters', () => {
    const byValue = rawQuestions.filter(({ q }) => q.recommendations);
    expect(byValue.length).toBeGreaterThanOrEqual(8);
    for (const { q } of byValue) {
      for (const [value, advice] of Object.entries(q.recommendations!)) {
        expect(valuesOf(q), `${q.id}: ${value}`).toContain(value);
        expect(advice, `${q.id}: ${value}`).not.toBe(q.recommendation);
      }
    }
    const never = byId.get('delivery.please-thank-you')!.q.recommendations!;
    expect(never.never).not.toBe(never.usually);
  });

  test('maps every v1 question id to version 2: kept, renamed, split or removed', () => {
    const m = raw.migrations.find((x) => x.from === 1)!;
    const renamed = m.renamed ?? {};
    const split = m.split ?? {};
    const removed = m.removed ?? [];
    for (const id of V1_IDS) {
      const ways = [
        byId.has(id) && 'kept',
        id in renamed && 'renamed',
        id in split && 'split',
        removed.includes(id) && 'removed',
      ].filter(Boolean);
      expect(ways, id).toHaveLength(1);
    }
    const targets = [...Object.values(renamed), ...Object.values(split).flat()];
    for (const id of targets) expect(byId.has(id), `${id} is not a v2 question`).toBe(true);
    expect(new Set(targets).size).toBe(targets.length);
    for (const old of [...Object.keys(renamed), ...Object.keys(split), ...removed]) expect(V1_IDS, old).toContain(old);
    // A values map turns every old answer into an answer the new question accepts.
    for (const [id, map] of Object.entries(m.values ?? {})) {
      expect(targets, id).toContain(id);
      for (const v of Object.values(map)) expect(valuesOf(byId.get(id)!.q), `${id}: ${v}`).toContain(v);
    }
    expect(Object.keys(m.values ?? {}).sort()).toEqual([
      'delivery.own-words',
      'environment.one-voice',
      'understanding.goals-cadence',
      'understanding.why-explained',
    ]);
  });

  test('offers every question type and a help text and recommendation for each', () => {
    const qs = questionsOf(b).map((x) => x.question);
    expect(new Set(qs.map((q) => q.type))).toEqual(new Set(['scale', 'yesno', 'choice', 'percent']));
    for (const q of qs) {
      expect(q.help.length, q.id).toBeGreaterThan(20);
      expect(q.recommendation.length, q.id).toBeGreaterThan(20);
    }
  });

  test("keeps the lead's part to a reasonable length", () => {
    // 75 lead questions and 7 profile questions at most, fewer once the profile leaves some out.
    expect(rawQuestions.filter(({ q }) => q.audience !== 'team').length + raw.profile.length).toBeLessThanOrEqual(82);
  });
});

describe("the built-in bank's wording", () => {
  const N = 12;
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/[\u2018\u2019`]/g, "'")
      .match(/[a-z0-9']+/g) ?? [];
  const runsOf = (s: string) => {
    const w = words(s);
    return Array.from({ length: Math.max(0, w.length - N + 1) }, (_, i) => w.slice(i, i + N).join(' '));
  };
  /** The runs of N words of `s` that also occur in `grams`. */
  const shared = (s: string, grams: Set<string>) => runsOf(s).filter((g) => grams.has(g));
  const seedsHere = existsSync(SEEDS);
  const seedText = () =>
    readdirSync(SEEDS)
      .filter((x) => x.endsWith('.txt'))
      .map((f) => readFileSync(new URL(f, SEEDS), 'utf8'));
  // Every string of the bank a person reads, except the titles it cites (a title is quoted on purpose).
  const strings: [string, string][] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') strings.push([path, v]);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk({ ...raw, sources: raw.sources.map(({ title: _title, ...rest }) => rest) }, '');
  const skipped = seedsHere ? '' : ' — SKIPPED: the articles are not at ../shared/seeds beside the repository';

  test.skipIf(!seedsHere)(`shares no run of ${N} words with the source articles${skipped}`, () => {
    const grams = new Set(seedText().flatMap(runsOf));
    expect(grams.size).toBeGreaterThan(1000);
    const copied = strings.flatMap(([path, s]) => shared(s, grams).map((g) => `${path}: "${g}"`));
    expect(copied).toEqual([]);
  });

  test.skipIf(!seedsHere)(`quotes the poll figures as the article states them${skipped}`, () => {
    const article = seedText().find((t) => t.includes('Harris Interactive'))!;
    expect(article).toContain('23,000');
    for (const [, , asStated] of FIGURES) expect(article.toLowerCase()).toContain(`only ${asStated}`);
  });

  test('the overlap check finds a copied run, so its pass means something', () => {
    const grams = new Set(
      runsOf('Only 37% said they have a clear understanding of what their organization is trying to achieve and why.'),
    );
    expect(
      shared(
        'In the poll, only 37% said they have a clear understanding of what their organization is trying to achieve.',
        grams,
      ),
    ).toContain('only 37 said they have a clear understanding of what their organization');
    expect(shared(byId.get('understanding.self')!.q.help, grams)).toEqual([]);
    expect(strings.length).toBeGreaterThan(500);
  });
});

describe('the JSON Schemas kept in schemas/', () => {
  test.each(['bank', 'answers', 'config', 'report', 'team-report'] as SchemaKind[])(
    '%s is current (else run `npm run schemas`)',
    (kind) => {
      const kept = readFileSync(new URL(`../../schemas/${kind}.schema.json`, import.meta.url), 'utf8');
      expect(kept).toBe(jsonSchema(kind));
    },
  );
});
