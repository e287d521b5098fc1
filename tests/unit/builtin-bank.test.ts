import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { questionsOf } from '../../src/bank/queries.js';
import type { Bank } from '../../src/bank/schema.js';
import { jsonSchema, type SchemaKind } from '../../src/cli/commands/schema.js';
import { scoreAudit } from '../../src/score/score.js';

// The source articles sit beside the repository in the workplace and in CI (../shared/seeds), or
// where SERVICE_AUDIT_SEEDS points; a bare clone does not have them, so only the tests that need
// their full text read them, and say they were skipped otherwise.
const SEEDS = process.env.SERVICE_AUDIT_SEEDS
  ? pathToFileURL(`${process.env.SERVICE_AUDIT_SEEDS.replace(/\/?$/, '/')}`)
  : new URL('../../../shared/seeds/', import.meta.url);
const source = readFileSync(new URL('../../questions/service-readiness.yaml', import.meta.url), 'utf8');
const { bank, problems } = parseBank('questions/service-readiness.yaml', source);

/** The bank as written (the format contract), independent of how it is normalised. */
interface RawOption {
  value: string;
  label: string;
  credit: number;
  critical?: boolean;
}
interface RawAdvice {
  for?: string[];
  text: string;
  firstStep?: string;
  owner?: string;
  check?: string;
}
interface RawQuestion {
  id: string;
  text: string;
  type: string;
  scale?: string;
  options?: RawOption[];
  unit?: string;
  better?: 'lower' | 'higher';
  max?: number;
  thresholds?: { to?: number; credit: number; critical?: boolean }[];
  audience?: string;
  favourable?: string[];
  predicts?: string;
  weight?: number;
  when?: Record<string, string | string[]>;
  skipReason?: string;
  help: string;
  advice?: RawAdvice[];
  recommendation?: string;
  recommendations?: Record<string, string>;
  sources: { ref: string; concept: string }[];
}
interface RawElement {
  id: string;
  weight?: number;
  essential?: boolean;
  when?: Record<string, string | string[]>;
  skipReason?: string;
  benchmark?: {
    value: number;
    target?: number;
    question?: string;
    statement: string;
    source: string;
    pulse?: { question: string; values: string[] };
  };
  questions: RawQuestion[];
}
interface RawMigration {
  from: number;
  renamed?: Record<string, string>;
  split?: Record<string, string[]>;
  removed?: string[];
  values?: Record<string, Record<string, string>>;
}
interface RawBank {
  id: string;
  version: number;
  sources: { id: string; title: string; author?: string; publisher?: string; date?: string; note?: string }[];
  roles: Record<string, string>;
  profile: { id: string; text: string; type: string }[];
  scoring: Record<string, unknown>;
  scales: Record<string, RawOption[]>;
  areas: { id: string; weight?: number; combine?: string; elements: RawElement[] }[];
  migrations: RawMigration[];
}
const raw = parse(source) as RawBank;
const rawQuestions = raw.areas.flatMap((a) =>
  a.elements.flatMap((e) => e.questions.map((q) => ({ area: a, element: e, q }))),
);
const byId = new Map(rawQuestions.map((x) => [x.q.id, x]));
const optionsOf = (q: RawQuestion): RawOption[] =>
  q.type === 'yesno'
    ? [
        { value: 'yes', label: 'Yes', credit: 1 },
        { value: 'no', label: 'No', credit: 0 },
      ]
    : q.type === 'percent' || q.type === 'number'
      ? []
      : (q.options ?? raw.scales[q.scale!]!);
const valuesOf = (q: RawQuestion): string[] => optionsOf(q).map((o) => o.value);
/** What a question asks, as the person answering sees it: its text and its option labels. */
const asked = (q: RawQuestion): string =>
  [q.text, ...(q.type === 'scale' ? [] : (q.options ?? []).map((o) => o.label))].join(' | ');
const team = rawQuestions.filter(({ q }) => q.audience === 'team').map(({ q }) => q);
const lead = rawQuestions.filter(({ q }) => q.audience !== 'team');

/** The v1 built-in bank's question ids (service-readiness@1): answers files people already have use them. */
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

/** The v2 built-in bank's question ids (service-readiness@2), profile first. */
const V2_IDS = [
  ...['in-person', 'phone', 'chat', 'email', 'social', 'sells', 'pulse'].map((p) => `profile.${p}`),
  ...'convenience state-of-mind use-name ceo-in-disguise attitude feedback same-channel social-replies everyones-job focus-growth'
    .split(' ')
    .map((x) => `customer.${x}`),
  ...'premises digital one-voice phone-greeting phone-menu on-hold email-templates twitter-worthy'
    .split(' ')
    .map((x) => `environment.${x}`),
  ...'engage eye-contact listening clarifying remember-details please-thank-you smile personable anticipate prepare response-time time-promise update-before-deadline owns-problem confirms-handoff consistency own-words compliments first-priority no-one-watching'
    .split(' ')
    .map((x) => `delivery.${x}`),
  ...'barriers tools decide-alone written-limits measures internal-courtesy internal-goals policies-followed ask-why teamwork tools-self fix-without-permission'
    .split(' ')
    .map((x) => `processes.${x}`),
  'commission.plan',
  'commission.priorities',
  'commission.keeps-customers',
  'commission.explained-back',
  'crm.one-place',
  'crm.used-by-all',
  'crm.measured',
  'crm.up-to-date',
  'brochure.exists',
  'brochure.value-proposition',
  'brochure.training',
  'proposal.template',
  'proposal.time',
  ...'company-page profiles warm-introductions buyer-research bulk-messages'.split(' ').map((x) => `linkedin.${x}`),
  'understanding.self',
  'understanding.pulse-result',
  'understanding.goals-cadence',
  'understanding.why-explained',
  'enthusiasm.self',
  'enthusiasm.pulse-result',
  'enthusiasm.celebrate',
  'line-of-sight.self',
  'line-of-sight.pulse-result',
  'line-of-sight.linked',
  'enablement.self',
  'enablement.pulse-result',
  'enablement.obstacles',
  'trust.self',
  'trust.pulse-result',
  'trust.bad-news-shared',
  'trust.bad-news-first',
];

/** The v2 questions issue 19 found a lead cannot answer or asking two things; none is asked in v3 as it was. */
const V2_DEFECTS = [
  'processes.barriers',
  'environment.premises',
  'customer.state-of-mind',
  'delivery.personable',
  'customer.ceo-in-disguise',
  'processes.measures',
  'delivery.response-time',
  'delivery.compliments',
  'customer.focus-growth',
  'customer.attitude',
  'linkedin.bulk-messages',
  'delivery.no-one-watching',
  'commission.plan',
  'linkedin.company-page',
  'linkedin.profiles',
  'understanding.pulse-result',
  'enthusiasm.pulse-result',
  'line-of-sight.pulse-result',
  'enablement.pulse-result',
  'trust.pulse-result',
];

/**
 * Every concept issue 19 names (asked only in help, missing, distorted, or a numeric fact), and the
 * concepts earlier versions asked, each with the words that show it is asked in a question's text or
 * options (not only in help), the question that asks it, the article it comes from, and the concept as cited.
 */
const CONCEPTS: [concept: string, id: string, asked: RegExp, ref: string, cited: RegExp][] = [
  // Issue 19: asked only in help in v2.
  [
    'Task mentality → experience mentality',
    'delivery.experience-review',
    /task mentality.*experience mentality/i,
    'dna',
    /task mentality to an experience mentality/,
  ],
  ['The hammer: just fix it', 'delivery.fix-it', /fixed it rather than explaining it away/i, 'harlem-shake', /hammer/],
  [
    'Harlem Shake lesson two: join the momentum',
    'enthusiasm.momentum',
    /finds a better way.*Others take it up/i,
    'harlem-shake',
    /Lesson two: join the momentum/,
  ],
  [
    'Treat the customer as a person',
    'customer.as-a-person',
    /treated the customer as a person/i,
    'customer-revolution',
    /Treat the customer like a person/,
  ],
  [
    "Don't over-wow: a simple, quick solution",
    'delivery.simple-solution',
    /simple and quick solution.*extra gesture to delight/i,
    'customer-revolution',
    /Don't over-wow/,
  ],
  [
    'Prevent repeat contacts (the first loyalty tactic)',
    'processes.repeat-contacts',
    /contacted you again about the same issue/i,
    'customer-revolution',
    /reduce repeat contacts/,
  ],
  [
    'The collaboration mindset',
    'customer.collaboration',
    /invite customers to help us improve/i,
    'mindsets',
    /collaboration/,
  ],
  ['Plus one', 'delivery.plus-one', /"plus one"/i, 'great-experience', /Plus one/],
  [
    'Design with the customer in mind',
    'customer.design-test',
    /When we design .* we try it out with a few customers/i,
    'dna',
    /Design With the Customer In Mind/,
  ],
  [
    'CRM, the single most important sales tool',
    'crm.where-kept',
    /All in one CRM/,
    'sales-tools',
    /single most important sales tool/,
  ],
  // Issue 19: missing in v2.
  [
    'Set and exceed expectations',
    'delivery.time-kept',
    /set the expectation, then exceed it/i,
    'harlem-shake',
    /Great Expectations \(set an expectation, then exceed it\)/,
  ],
  [
    'The mirror: treat customers as you would be treated',
    'customer.mirror',
    /would want to be treated that way ourselves/i,
    'harlem-shake',
    /mirror/,
  ],
  [
    'The cost of a call as an investment in marketing',
    'processes.cost-of-contact',
    /investment in marketing/i,
    'customer-revolution',
    /investment in marketing/,
  ],
  [
    'The sales basics: business cards, a smartphone, a computer, a web site',
    'basics.kit',
    /business cards, a smartphone, a computer, and a company web site/i,
    'sales-tools',
    /The basics/,
  ],
  // Issue 19: distorted in v2.
  [
    'The Bible: honesty with customers, as though under oath',
    'delivery.honest',
    /told the customer so plainly/i,
    'harlem-shake',
    /Bible \(be trustworthy and honest with customers\)/,
  ],
  // Issue 19 item 1: numeric facts, each in its own unit.
  [
    'First response on chat, in minutes',
    'delivery.chat-first-reply',
    /how many minutes did a chat customer wait/i,
    'customer-revolution',
    /respond quickly/,
  ],
  [
    'First response by e-mail, in working hours',
    'delivery.email-first-reply',
    /how many working hours did a customer who wrote by e-mail/i,
    'customer-revolution',
    /respond quickly/,
  ],
  [
    'First response on social media, in hours',
    'delivery.social-first-reply',
    /how many hours did a customer who asked or complained on social media/i,
    'customer-revolution',
    /respond quickly/,
  ],
  [
    'Repeat-contact rate',
    'processes.repeat-contacts',
    /repeat-contact rate/i,
    'customer-revolution',
    /repeat contacts/,
  ],
  ['Customer satisfaction (CSAT)', 'customer.csat', /CSAT/, 'customer-revolution', /Survey your customers/],
  ['Abandoned calls', 'environment.abandoned-calls', /abandoned-call rate/i, 'dna', /anything the customer hears/],
  // Issue 19: what replaced the v2 defects.
  ['Critical: a caller cannot reach a person', 'environment.phone-menu', /cannot reach a person/i, 'dna', /hears/],
  [
    'Critical: no way to escalate',
    'processes.escalation-path',
    /no way to escalate/i,
    'customer-revolution',
    /rarely escalate/,
  ],
  [
    'Everything Speaks: premises (walked as a customer would)',
    'environment.premises-walk',
    /walk your premises as a customer would/i,
    'dna',
    /Everything Speaks/,
  ],
  [
    'Lens of the Customer: the state of mind (the team rates it)',
    'customer.read-feelings',
    /how they seem to be feeling/i,
    'dna',
    /state of mind/,
  ],
  [
    'Zappos: no call-time target',
    'processes.call-time-target',
    /target for how long a call/i,
    'customer-revolution',
    /don't measure call times/,
  ],
  ['Zappos: no upselling', 'processes.upsell-target', /upselling/i, 'customer-revolution', /don't upsell/],
  [
    'Customer focus dwindles as organizations grow',
    'customer.focus-meetings',
    /how much of the agenda was about customers/i,
    'customer-focus',
    /dwindles as organizations grow/,
  ],
  [
    'Compliments customers retell (the wow)',
    'delivery.compliments-kept',
    /compliments customers give without being asked/i,
    'wow-service',
    /retell/,
  ],
  [
    'The last pulse: shared and acted on',
    'trust.pulse-acted-on',
    /what was done about the results of our last staff pulse/i,
    'dna',
    /guidance for leaders/,
  ],
  // Kept from earlier versions.
  [
    "Give 'Em the Pickle: service",
    'delivery.first-priority',
    /serving them comes before/i,
    'customer-revolution',
    /Pickle.*service/,
  ],
  [
    "Give 'Em the Pickle: attitude",
    'customer.speak-with-respect',
    /speak of them with respect/i,
    'customer-revolution',
    /Pickle.*attitude/,
  ],
  [
    "Give 'Em the Pickle: consistency",
    'delivery.busy-days',
    /busiest days compare/i,
    'customer-revolution',
    /Pickle.*consistency/,
  ],
  [
    "Give 'Em the Pickle: teamwork",
    'delivery.confirms-handoff',
    /passed to a colleague/i,
    'customer-revolution',
    /Pickle.*teamwork/,
  ],
  [
    'Harlem Shake lesson three: empowered within the policy',
    'processes.fix-without-permission',
    /without first asking permission/i,
    'harlem-shake',
    /Lesson three/,
  ],
  ['Prop, deodorant: be personable', 'customer.as-a-person', /personable/i, 'harlem-shake', /deodorant.*personable/],
  ['Prop, the toothbrush: smile', 'delivery.smile', /smile/i, 'harlem-shake', /toothbrush.*smile/],
  [
    'Prop, the cream: anticipate needs',
    'delivery.anticipate',
    /next likely need/i,
    'harlem-shake',
    /cream.*anticipate/,
  ],
  ['Prop, keys: ownership', 'delivery.owns-problem', /stayed its owner/i, 'harlem-shake', /keys/],
  [
    'Prop, the watch: follow up before the deadline',
    'delivery.time-kept',
    /tell the customer before the time passes/i,
    'harlem-shake',
    /watch.*follow up before the deadline/,
  ],
  [
    'Prop, spoon and bowl: prepare and research',
    'linkedin.buyer-research',
    /Before a first meeting.*read the buyer's LinkedIn profile/i,
    'harlem-shake',
    /spoon and bowl.*prepare and research/,
  ],
  ['Please and thank you', 'delivery.please-thank-you', /please and thank you/i, 'dna', /please and thank you/],
  ['Create a Wow: eye contact', 'delivery.eye-contact', /eye contact/i, 'dna', /eye contact/],
  ['Create a Wow: clarifying questions', 'delivery.clarifying', /clarifying question/i, 'dna', /clarifying/],
  ['Create a Wow: remembering details', 'delivery.remember-details', /earlier contacts/i, 'dna', /remembering/],
  [
    'Lens of the Customer: processes for the customer’s convenience',
    'customer.walkthrough',
    /exist only for your convenience/i,
    'dna',
    /Lens of the Customer/,
  ],
  [
    'Set Employees Up for Success: remove barriers',
    'processes.barrier-removed',
    /remove a rule or step that your staff said got in the way/i,
    'dna',
    /Set Employees Up for Success/,
  ],
  [
    'Set Employees Up for Success: the tools (the team rates it)',
    'processes.tools-self',
    /tools and information I need/i,
    'dna',
    /tools to serve/,
  ],
  ['Everything Speaks: the web site', 'environment.website-tasks', /web site/i, 'dna', /web site/],
  [
    'Everything Speaks: what a caller hears first',
    'environment.greeting-named',
    /said who the caller had reached/i,
    'dna',
    /Everything Speaks/,
  ],
  ['Everything Speaks: time on hold', 'environment.hold-message', /While callers wait/i, 'dna', /Everything Speaks/],
  [
    'Everything Speaks: standard e-mail replies',
    'environment.templates-reviewed',
    /standard e-mail replies/i,
    'dna',
    /Everything Speaks/,
  ],
  [
    'Everything Speaks: marketing materials',
    'environment.one-voice-check',
    /looks and sounds like one company/i,
    'dna',
    /marketing materials/,
  ],
  ['Twitter-worthy', 'environment.twitter-worthy-asked', /"Twitter-worthy" question/i, 'dna', /Twitter-worthy/],
  [
    'Meet customers where they are: social media',
    'customer.social-answer',
    /social media/i,
    'customer-revolution',
    /social media/,
  ],
  [
    'Avoid channel switching',
    'customer.same-channel',
    /finish what they started in the channel/i,
    'customer-revolution',
    /channel switching/,
  ],
  [
    'Use feedback from unhappy customers',
    'customer.feedback',
    /those who complained or struggled/i,
    'customer-revolution',
    /unhappy customers/,
  ],
  ['Use the customer’s name', 'customer.use-name', /used the customer's name/i, 'customer-revolution', /name/],
  ['No scripts', 'delivery.own-words', /scripts/i, 'mindsets', /no scripts/],
  [
    'Internal customer service',
    'processes.internal-help',
    /courtesy a customer would get/i,
    'internal-service',
    /colleagues are customers too/,
  ],
  [
    'Internal service goal (no one down more than an hour)',
    'processes.it-goal',
    /how fast it gets a colleague working again/i,
    'internal-service',
    /no one down more than an hour/,
  ],
  [
    'Uncommon sense: why the fence was built',
    'processes.ask-why',
    /found out why it had been made/i,
    'uncommon-sense',
    /fence/,
  ],
  [
    'Zappos: celebrate with the whole company',
    'enthusiasm.celebrate',
    /whole company/i,
    'customer-revolution',
    /celebrate/,
  ],
  [
    'Sales tool: commission plan',
    'commission.plan-written',
    /written commission plan/i,
    'sales-tools',
    /Commission plan & target/,
  ],
  [
    'Sales tool: target',
    'commission.target-set',
    /a target for the current period/i,
    'sales-tools',
    /Commission plan & target/,
  ],
  ['Sales tool: company brochure', 'brochure.exists', /brochure/i, 'sales-tools', /Company brochure/],
  [
    'Sales tool: proposal template',
    'proposal.template-exists',
    /proposal template/i,
    'sales-tools',
    /Proposal template/,
  ],
  ['Sales tool: LinkedIn page', 'linkedin.page-updated', /LinkedIn page/i, 'sales-tools', /LinkedIn page/],
  ['LinkedIn: not for spam', 'linkedin.no-spam-rule', /bulk or automated messages/i, 'sales-tools', /not for spam/],
];

/** The five statistics of the Harris Interactive poll, exactly as the DNA article states them. */
const FIGURES: [element: string, value: number, asStated: string][] = [
  ['understanding', 37, '37%'],
  ['enthusiasm', 20, 'one in five'],
  ['line-of-sight', 20, 'one in five'],
  ['enablement', 15, '15%'],
  ['trust', 20, '20%'],
];

/** The profile of a typical team (issue 18's new user: phone, e-mail and chat, no counter, no sales). */
const TYPICAL: Record<string, string> = {
  'profile.in-person': 'no',
  'profile.phone': 'yes',
  'profile.chat': 'yes',
  'profile.email': 'yes',
  'profile.social': 'no',
  'profile.sells': 'no',
};
const applies = (when: Record<string, string | string[]> | undefined, profile: Record<string, string>) =>
  !when || Object.entries(when).every(([k, v]) => !(k in profile) || ([] as string[]).concat(v).includes(profile[k]!));

describe('the built-in bank', () => {
  test('is valid', () => {
    expect(problems).toEqual([]);
    expect(bank).toBeDefined();
  });

  const b = bank as Bank;
  const element = (id: string) => b.areas.flatMap((a) => a.elements).find((e) => e.id === id);

  test('is service-readiness@3 and points editors at its JSON Schema', () => {
    expect(source.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/bank.schema.json');
    expect([raw.id, raw.version]).toEqual(['service-readiness', 3]);
  });

  test.each([
    ['dna.customer', 'The Customer', 'Lens of the Customer'],
    ['dna.environment', 'The Service Environment', 'Everything Speaks'],
    ['dna.delivery', 'The Service Delivery', 'Create a Wow'],
    ['dna.processes', 'Processes', 'Set Employees Up for Success'],
  ])('covers the DNA element %s, essential, with at least 3 lead questions', (id, title, concept) => {
    expect(element(id)).toMatchObject({ title, concept, essential: true });
    expect(element(id)!.questions.filter((q) => q.audience === 'lead').length).toBeGreaterThanOrEqual(3);
  });

  test('marks only the four DNA elements essential', () => {
    const essential = raw.areas.flatMap((a) => a.elements.filter((e) => e.essential).map((e) => `${a.id}.${e.id}`));
    expect(essential).toEqual(['dna.customer', 'dna.environment', 'dna.delivery', 'dna.processes']);
  });

  test.each(['sales.commission', 'sales.crm', 'sales.brochure', 'sales.proposal', 'sales.linkedin'])(
    'covers the sales tool %s with at least 2 questions',
    (id) => {
      expect(element(id)!.questions.length).toBeGreaterThanOrEqual(2);
    },
  );

  test('weighs the CRM, "the single most important sales tool", above every other sales tool', () => {
    const sales = raw.areas.find((a) => a.id === 'sales')!.elements;
    const weight = (id: string) => sales.find((e) => e.id === id)!.weight ?? 1;
    for (const e of sales.filter((x) => x.id !== 'crm')) expect(weight('crm'), e.id).toBeGreaterThan(e.weight ?? 1);
  });

  test.each(FIGURES)(
    'covers the engagement statistic %s with the poll figure %i (stated as "%s"), a higher target, and a prediction',
    (id, value, asStated) => {
      const rawElement = raw.areas.find((a) => a.id === 'engagement')!.elements.find((x) => x.id === id)!;
      const bm = rawElement.benchmark!;
      expect(bm.value).toBe(value);
      // The poll's figure is a reference line; full credit takes more than the poll found.
      expect(bm.target!).toBeGreaterThan(value);
      expect(bm.source).toBe(
        "Harris Interactive poll of 23,000 full-time US workers, as reported in The DNA of Service Excellence. The statement gives the finding as the article reports it, not the poll's exact wording.",
      );
      // No lead answer stands in for the team's: the pulse statement is what is compared.
      expect(bm.question).toBeUndefined();
      expect(bm.pulse!.values).toEqual(['strongly-agree']);
      const statement = byId.get(bm.pulse!.question)!.q;
      expect(statement.audience).toBe('team');
      expect(statement.favourable).toEqual(['agree', 'strongly-agree']);
      expect(statement.text).toMatch(/^Rate this about yourself: /);
      // "favourable" (agree or strongly agree) must not be confused with the poll's "clear" or
      // "fully": the statement drops the intensifier, the top answer stands for it.
      expect(statement.text).not.toMatch(/\b(fully|clearly|clear)\b/i);
      expect(statement.help).toContain(` ${asStated} `);
      expect(statement.help).toMatch(/compares (it|that figure) with\s+the share of your team who strongly\s+agree/);
      expect(statement.help).toMatch(/agree or strongly agree\s+\(the favorable answers\) is the headline/);
      // The lead predicts the favourable share of that statement instead of entering a past result.
      const predictions = lead.filter(({ q }) => q.predicts === statement.id).map(({ q }) => q);
      expect(predictions).toHaveLength(1);
      expect(predictions[0]).toMatchObject({ type: 'percent', id: `${id}.prediction` });
      expect(predictions[0]!.text).toMatch(/^What percentage of your team do you expect to agree or strongly agree/);
      expect(predictions[0]!.text).toContain(statement.text.replace('Rate this about yourself: ', '').slice(1, 30));
      expect(predictions[0]!.help).toMatch(/never scored/);
    },
  );

  test('the figures are exactly those the article states (37%, 1 in 5, 1 in 5, 15%, 20%)', () => {
    for (const [id, value, asStated] of FIGURES) {
      const help = byId.get(`${id}.self`)!.q.help;
      expect(help).toContain(asStated === 'one in five' ? 'one in five (20%)' : `only ${value}%`);
    }
    expect(FIGURES.map(([, v]) => v)).toEqual([37, 20, 20, 15, 20]);
  });

  test('has the three areas the mission names: four DNA elements, the sales tools and their basics, five statistics', () => {
    expect(b.areas.map((a) => a.id)).toEqual(['dna', 'sales', 'engagement']);
    expect(b.areas.map((a) => a.elements.map((e) => e.id.split('.')[1]))).toEqual([
      ['customer', 'environment', 'delivery', 'processes'],
      ['basics', 'commission', 'crm', 'brochure', 'proposal', 'linkedin'],
      ['understanding', 'enthusiasm', 'line-of-sight', 'enablement', 'trust'],
    ]);
  });

  test.each(CONCEPTS)('asks about %s in %s (text or options), citing it', (concept, id, words, ref, cited) => {
    const q = byId.get(id)?.q;
    expect(q, `${concept}: ${id} is not a question`).toBeDefined();
    expect(asked(q!), concept).toMatch(words);
    expect(
      q!.sources.some((s) => s.ref === ref && cited.test(s.concept)),
      `${concept}: ${id} does not cite ${ref} for ${cited}`,
    ).toBe(true);
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

  test('gives titles, bylines and dates as the articles show them, and nothing they do not show', () => {
    const by = (id: string) => raw.sources.find((s) => s.id === id)!;
    expect(by('dna')).toMatchObject({ title: 'The DNA of Service Excellence' });
    expect(by('harlem-shake').title).toBe('What we can learn about Customer Service from the Harlem Shake Phenomenon!');
    expect(by('sales-tools').title).toBe('5 Must have sales tools critical to successful selling');
    expect(by('customer-revolution')).toMatchObject({
      title: 'CUSTOMER SERVICE: The Customer Revolution',
      author: 'Matt Harrington',
    });
    // The three-mindsets page shows no title, and its author notes put Gary Levitt first.
    expect(source).not.toMatch(/Uncustomary/);
    expect(by('mindsets').author).toBe('Gary Levitt and Rich Baker');
    expect(by('mindsets').title).toMatch(/shows no title/);
    for (const [id, date] of [
      ['great-experience', 'April 27, 2020'],
      ['customer-focus', 'November 20, 2017'],
      ['wow-service', 'October 16, 2017'],
      ['internal-service', 'November 17, 2016'],
      ['uncommon-sense', 'August 24, 2015'],
    ]) {
      expect(by(id!).date).toBe(date);
      expect(by(id!).note).toMatch(/shows no site name or author/);
      expect(by(id!)).not.toHaveProperty('author');
    }
    // A book no article names is not a source of this bank.
    expect(raw.sources.map((s) => s.title).join('\n')).not.toMatch(/8th Habit/);
  });

  test('gives the poll as the article reports it, and says what the article does not', () => {
    const poll = raw.sources.find((s) => s.id === 'harris-poll')!;
    expect(poll).toMatchObject({
      title: 'Harris Interactive poll of 23,000 US full-time workers',
      publisher: 'Harris Interactive',
    });
    expect(poll.note).toMatch(/As reported in The DNA of Service Excellence/);
    expect(poll.note).toMatch(/FranklinCovey's\s+xQ survey, conducted by Harris Interactive/);
    expect(poll.note).toMatch(/the article says neither, so this bank cites the figures to the article only/);
    expect(poll.note).toMatch(/not the\s+poll's exact wording/);
    // "Count only the top answer, as the poll did" is not in the sources.
    expect(source).not.toMatch(/as the poll did/);
  });

  test('asks the profile first: channels and selling as yes/no questions', () => {
    expect(raw.profile.map((p) => [p.id, p.type])).toEqual([
      ['profile.in-person', 'yesno'],
      ['profile.phone', 'yesno'],
      ['profile.chat', 'yesno'],
      ['profile.email', 'yesno'],
      ['profile.social', 'yesno'],
      ['profile.sells', 'yesno'],
    ]);
  });

  test('leaves out what does not apply, with a reason: every channel the profile says is absent', () => {
    const conditions = [
      ...raw.areas.flatMap((a) => a.elements.map((e) => ({ id: e.id, when: e.when, skipReason: e.skipReason }))),
      ...rawQuestions.map(({ q }) => ({ id: q.id, when: q.when, skipReason: q.skipReason })),
    ];
    const on = (ref: string) => conditions.filter((c) => c.when && ref in c.when).map((c) => c.id);
    expect(on('profile.in-person')).toEqual(['environment.premises-walk', 'delivery.eye-contact', 'delivery.smile']);
    expect(on('profile.phone')).toEqual([
      'environment.greeting-named',
      'environment.phone-menu',
      'environment.hold-message',
      'environment.abandoned-calls',
    ]);
    expect(on('profile.chat')).toEqual(['delivery.chat-first-reply']);
    expect(on('profile.email')).toEqual(['environment.templates-reviewed', 'delivery.email-first-reply']);
    expect(on('profile.social')).toEqual(['customer.social-answer', 'delivery.social-first-reply']);
    expect(on('profile.sells')).toEqual(['basics', 'commission', 'crm', 'brochure', 'proposal', 'linkedin']);
    expect(on('brochure.exists')).toEqual(['brochure.value-stated', 'brochure.left-behind', 'brochure.training']);
    for (const c of conditions.filter((x) => x.when))
      expect(c.skipReason, c.id).toMatch(/so (not asked|the sales tools were not asked)\.$/);
  });

  test('measures facts where facts exist: each numeric question with its unit, direction and thresholds', () => {
    const numbers = lead.filter(({ q }) => q.type === 'number').map(({ q }) => q);
    expect(numbers.map((q) => [q.id, q.unit, q.better, q.thresholds!.find((t) => t.credit === 1)!.to])).toEqual([
      ['customer.csat', '%', 'higher', 90],
      ['environment.abandoned-calls', '%', 'lower', 5],
      ['delivery.chat-first-reply', 'minutes', 'lower', 2],
      ['delivery.email-first-reply', 'working hours', 'lower', 2],
      ['delivery.social-first-reply', 'hours', 'lower', 1],
      ['processes.repeat-contacts', '%', 'lower', 10],
    ]);
    for (const q of numbers) {
      const t = q.thresholds!;
      // In order, ending with a catch-all; credit never rises as values get worse.
      expect(t.at(-1)!.to, q.id).toBeUndefined();
      const tos = t.slice(0, -1).map((x) => x.to!);
      expect(tos, q.id).toEqual([...tos].sort((x, y) => (q.better === 'lower' ? x - y : y - x)));
      const credits = t.map((x) => x.credit);
      expect(credits, q.id).toEqual([...credits].sort((x, y) => y - x));
      expect(credits[0], q.id).toBe(1);
      // The thresholds are this bank's, and it says so; N/A means "we don't measure this".
      expect(q.help, q.id).toMatch(/this bank's\s+own/);
      expect(q.help, q.id).toMatch(/Choose N\/A if you do not (measure this|survey customers)/);
      if (q.unit === '%') expect(q.max, q.id).toBe(100);
    }
    // Chat and e-mail no longer share thresholds: a chat reply after 59 minutes is not full credit.
    const chat = byId.get('delivery.chat-first-reply')!.q.thresholds!;
    expect(chat.find((t) => t.to !== undefined && 59 <= t.to)!.credit).toBeLessThan(0.5);
  });

  test('declares critical answers: no person on the phone, replies after a working day, no way to escalate', () => {
    const critical = lead.flatMap(({ q }) => [
      ...optionsOf(q)
        .filter((o) => o.critical)
        .map((o) => `${q.id}=${o.value}`),
      ...(q.thresholds ?? []).flatMap((t, i) => (t.critical ? [`${q.id}=t${i}`] : [])),
    ]);
    expect(critical).toEqual([
      'environment.phone-menu=no-person',
      'environment.abandoned-calls=t3',
      'delivery.chat-first-reply=t4',
      'delivery.email-first-reply=t3',
      'delivery.social-first-reply=t3',
      'processes.escalation-path=none',
    ]);
    // "More than a working day" is the e-mail and social catch-all beyond 8 working hours.
    for (const id of ['delivery.email-first-reply', 'delivery.social-first-reply'])
      expect(byId.get(id)!.q.thresholds!.at(-2)!.to).toBe(8);
  });

  test('gives advice for every weak answer: a first step, an owner role and a check', () => {
    const roles = Object.keys(raw.roles);
    expect(raw.roles).toMatchObject({
      lead: 'Team lead',
      'service-manager': 'Service manager',
      it: 'IT',
      sales: 'Sales lead',
    });
    const adviceFor = (q: RawQuestion, value: string) =>
      q.advice?.find((a) => a.for?.includes(value)) ?? q.advice?.find((a) => !a.for);
    let levels = 0;
    for (const { q } of rawQuestions) {
      if (q.predicts) {
        expect(q.advice, `${q.id} is never scored`).toBeUndefined();
        continue;
      }
      const weak =
        q.type === 'number'
          ? [...q.thresholds!.flatMap((t, i) => (t.credit < 1 ? [`t${i}`] : [])), 'na']
          : q.type === 'percent'
            ? ['any']
            : optionsOf(q)
                .filter((o) => o.credit < 1)
                .map((o) => o.value);
      for (const value of weak) {
        const a = adviceFor(q, value);
        expect(a, `${q.id}: no advice for ${value}`).toBeDefined();
        expect(a!.text.length, `${q.id}: ${value}`).toBeGreaterThan(20);
        expect(a!.firstStep?.length ?? 0, `${q.id}: ${value} has no first step`).toBeGreaterThan(20);
        expect(roles, `${q.id}: ${value}`).toContain(a!.owner);
        expect(a!.check?.length ?? 0, `${q.id}: ${value} has no check`).toBeGreaterThan(15);
        levels++;
      }
      // Every `for` names an answer of the question, and no two entries claim the same one.
      const claimed = (q.advice ?? []).flatMap((a) => a.for ?? []);
      expect(new Set(claimed).size, q.id).toBe(claimed.length);
      const answers = q.type === 'number' ? [...q.thresholds!.map((_, i) => `t${i}`), 'na'] : valuesOf(q);
      for (const v of claimed) expect(answers, q.id).toContain(v);
    }
    expect(levels).toBeGreaterThan(250);
    // v2's advice fields are gone from the built-in bank: one way to say it.
    expect(rawQuestions.filter(({ q }) => q.recommendation || q.recommendations)).toEqual([]);
  });

  test("advice on team statements speaks to the lead about the team's answers", () => {
    for (const q of team)
      for (const a of q.advice!) {
        expect(a.text, q.id).toMatch(/\byour team\b/i);
        expect(a.check, q.id).toMatch(/at the next pulse/i);
        expect(`${a.text} ${a.firstStep}`, q.id).not.toMatch(/\b(I|my|me)\b/);
      }
  });

  test('a first step that records personal details carries a privacy caveat', () => {
    const personal = rawQuestions.flatMap(({ q }) =>
      (q.advice ?? []).filter(
        (a) =>
          /record|keep|field/i.test(a.firstStep ?? '') && /customer records|what to remember/i.test(a.firstStep ?? ''),
      ),
    );
    expect(personal.length).toBeGreaterThan(0);
    for (const a of personal) expect(a.firstStep).toMatch(/never sensitive details.*data protection rules/s);
  });

  test('keeps the pulse to 10-12 statements, under three minutes on a phone, each about the person themselves', () => {
    expect(team.length).toBeGreaterThanOrEqual(10);
    expect(team.length).toBeLessThanOrEqual(12);
    for (const q of team) {
      expect(q.text, q.id).toMatch(/^Rate this about yourself: .*\b(I|me|my)\b/);
      expect(q.scale, q.id).toBe('agreement');
      expect(q.favourable, q.id).toEqual(['agree', 'strongly-agree']);
    }
    // Reading at 200 words a minute (slower than most adults read on a phone) and 4 seconds per tap.
    const words = team.reduce((n, q) => n + q.text.split(/\s+/).length, 0);
    const seconds = (words / 200) * 60 + 4 * team.length;
    expect(seconds).toBeLessThan(180);
    // One statement asks whether the last pulse's results came back and led somewhere.
    expect(team.map((q) => q.id)).toContain('trust.pulse-acted-on');
  });

  test("keeps the lead's part to at most 60 questions for a typical team, profile included", () => {
    const asked = lead.filter(({ element, q }) => applies(element.when, TYPICAL) && applies(q.when, TYPICAL));
    expect(asked.length + raw.profile.length).toBeLessThanOrEqual(60);
    // Predictions replace the old pulse results; no lead question asks for a past result.
    expect(lead.filter(({ q }) => q.predicts).length).toBe(5);
    expect(lead.filter(({ q }) => /last anonymous pulse/.test(q.text))).toEqual([]);
  });

  test('one scale per kind of question, and the header says the rule', () => {
    for (const { q } of lead) expect(q.scale, `${q.id}: a lead is never asked to agree`).not.toBe('agreement');
    for (const { q } of rawQuestions.filter(({ q }) => q.scale === 'frequency'))
      expect(q.text, q.id).not.toMatch(/\b(regularly|always|never|often|usually|sometimes|rarely|every)\b/i);
    for (const { q } of rawQuestions.filter(({ q }) => q.scale === 'recency')) expect(q.text, q.id).toMatch(/^When /);
    for (const { q } of rawQuestions.filter(({ q }) => q.type === 'yesno'))
      expect(q.text, q.id).toMatch(/^(Does|Do|Is|Are|Have) .*\?$/);
    expect(source).toMatch(/# One scale per kind of question:/);
    expect(source).toMatch(/`agreement` scale is used only for team statements/);
  });

  test('spells one way (American English), and says so', () => {
    expect(source).toMatch(/Spelling is American English throughout/);
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(raw);
    const british =
      /\b\w*(organis|behaviour|colour|recognis|minimis|prioritis|centre|practis|programme|judgement|favour|analys[ei]|apologis|customis|realis|utilis|summaris|licence|cancell)\w*/gi;
    expect(strings.flatMap((s) => s.match(british) ?? [])).toEqual([]);
  });

  test('asks no v2 defect as it was: each is replaced or removed by the migration', () => {
    const m = raw.migrations.find((x) => x.from === 2)!;
    for (const id of V2_DEFECTS) {
      const renamed = m.renamed?.[id];
      expect(byId.has(id) && !renamed, `${id} is still asked as in v2`).toBe(false);
      expect(renamed !== undefined || (m.removed ?? []).includes(id), `${id} is neither renamed nor removed`).toBe(
        true,
      );
    }
  });

  test.each([
    [1, V1_IDS],
    [2, V2_IDS],
  ] as const)('maps every v%i question id straight to version 3: kept, renamed, split or removed', (from, ids) => {
    const m = raw.migrations.find((x) => x.from === from)!;
    const renamed = m.renamed ?? {};
    const split = m.split ?? {};
    const removed = m.removed ?? [];
    const isV3 = (id: string) => byId.has(id) || raw.profile.some((p) => p.id === id);
    for (const id of ids) {
      const ways = [
        isV3(id) && !(id in renamed) && !(id in split) && !removed.includes(id) && 'kept',
        id in renamed && 'renamed',
        id in split && 'split',
        removed.includes(id) && 'removed',
      ].filter(Boolean);
      expect(ways, id).toHaveLength(1);
    }
    const targets = [...Object.values(renamed), ...Object.values(split).flat()];
    for (const id of targets) expect(isV3(id), `${id} is not a v3 question`).toBe(true);
    expect(new Set(targets).size).toBe(targets.length);
    for (const old of [...Object.keys(renamed), ...Object.keys(split), ...removed]) expect(ids, old).toContain(old);
    // A values map turns every old answer into an answer the new question accepts.
    for (const [id, map] of Object.entries(m.values ?? {}))
      for (const v of Object.values(map)) expect(valuesOf(byId.get(id)!.q), `${id}: ${v}`).toContain(v);
  });

  test('translates an agreement answer only where v3 asks the same thing on another scale', () => {
    const m = raw.migrations.find((x) => x.from === 2)!;
    expect(Object.keys(m.values ?? {}).sort()).toEqual([
      'brochure.value-stated',
      'crm.where-kept',
      'customer.same-channel',
      'delivery.confirms-handoff',
      'delivery.owns-problem',
      'environment.phone-menu',
      'processes.ask-why',
      'proposal.template-exists',
    ]);
    // A v2 "more than three, or no person" answer is not made critical by the upgrade.
    expect(m.values!['environment.phone-menu']).toEqual({ more: 'more-than-three' });
  });

  test.each(
    readdirSync(new URL('../fixtures/', import.meta.url)).filter(
      (f) =>
        f.endsWith('.yaml') &&
        f !== 'service-readiness-v1.yaml' &&
        f !== 'unknown-id.yaml' &&
        /^bank: service-readiness@[12]$/m.test(readFileSync(new URL(`../fixtures/${f}`, import.meta.url), 'utf8')),
    ),
  )('the v1/v2 answers fixture %s reads and scores under v3', (file) => {
    const text = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8');
    expect(text).toMatch(/^bank: service-readiness@[12]$/m);
    const { parsed, problems: p } = parseAnswers(`tests/fixtures/${file}`, text, b);
    expect(p).toEqual([]);
    expect(parsed!.upgrade!.to).toBe('service-readiness@3');
    const s = scoreAudit(b, parsed!.answers);
    expect(s.totals.answered).toBeGreaterThan(0);
  });

  test('offers every question type and a help text for each', () => {
    const qs = questionsOf(b).map((x) => x.question);
    expect(new Set(qs.map((q) => q.type))).toEqual(new Set(['scale', 'yesno', 'choice', 'percent', 'number']));
    for (const q of qs) expect(q.help.length, q.id).toBeGreaterThan(20);
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
