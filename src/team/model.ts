// The team report model: a versioned contract (`report --format json` on a pool prints exactly
// this, `schema: team-report`). Renderers draw from it and nothing else.

/** One answer option's count in a distribution. */
export interface TeamOptionCount {
  value: string;
  label: string;
  count: number;
}

/** How a pool (or one group) answered one question. */
export interface TeamQuestion {
  id: string;
  element: string;
  text: string;
  type: string;
  audience: string;
  /** Respondents who gave an answer (N/A not counted). */
  answered: number;
  notApplicable: number;
  /** Count per option in the bank's order; null for a percent question. */
  distribution: TeamOptionCount[] | null;
  /** Mean credit (0-1, two decimals); null when nobody answered. */
  meanCredit: number | null;
  /** Percent questions: the mean of the percents given (one decimal). */
  meanPercent?: number | null;
}

export interface TeamElement {
  id: string;
  title: string;
  area: string;
  /** The element scored by the one engine on pooled credits (0-100, one decimal); null when nothing measured. */
  score: number | null;
  band: string | null;
  /** Essential, with no measured answer. */
  missing: boolean;
  /** Respondents with a score for this element. */
  respondents: number;
  /** Lower and upper quartile of respondents' element scores. */
  q1: number | null;
  q3: number | null;
  /** q3 − q1 in points. */
  spread: number | null;
  /** The spread is 40 points or more: the team disagrees, a finding in itself. */
  disagreement: boolean;
}

/** An engagement statistic: the share of respondents who hold the poll statement fully. */
export interface TeamShare {
  element: string;
  statement: string;
  /** The team statement counted. */
  question: string;
  /** The option values that count as holding it fully. */
  values: string[];
  /** The poll's figure (0-100). */
  poll: number;
  holders: number;
  /** Respondents who answered the statement (N/A left out): the denominator. */
  answered: number;
  /** holders / answered on 0-100 (one decimal); null when nobody answered. */
  share: number | null;
  /** The 95% Wilson interval (one decimal). */
  low: number | null;
  high: number | null;
  /** above / below the poll only when the interval excludes the poll's figure. */
  verdict: 'above' | 'below' | 'in line' | null;
}

/** A share with the 95% Wilson interval (one decimal), over `answered`. */
export interface TeamFigure {
  values: string[];
  count: number;
  share: number;
  low: number;
  high: number;
}

/** One team statement as engagement surveys report it: % favourable the headline, top-box beside it. */
export interface TeamStatement {
  id: string;
  element: string;
  text: string;
  /** Respondents who answered (N/A left out): the n of both figures. */
  answered: number;
  favourable: TeamFigure;
  /** The top answer(s) the poll counted, where the statement mirrors a poll item; null otherwise. */
  topBox: TeamTopBox | null;
}

/** The top answer(s) the poll counted, with the poll's figure. */
export interface TeamTopBox extends TeamFigure {
  poll: number;
}

export interface TeamWeakness {
  questionId: string;
  element: string;
  text: string;
  meanCredit: number;
  /** People whose answers the mean credit rests on. */
  answered: number;
  critical: boolean;
  /** Question weight × element weight × area weight. */
  importance: number;
  pointsToGain: number;
  recommendation: string;
  why: 'critical' | 'importance' | 'element';
}

/** Everything measured over one set of respondents (the pool, or one shown group). */
export interface TeamResults {
  respondents: number;
  /** `missing`: essential elements with no measured answer, which leave the overall without a score. */
  overall: { score: number | null; band: string | null; missing: string[] };
  areas: { id: string; title: string; score: number | null; band: string | null; missing: string[] }[];
  elements: TeamElement[];
  questions: TeamQuestion[];
  /** Team statements: % favourable with n and a 95% interval (only items answered by at least the floor). */
  statements: TeamStatement[];
  engagement: TeamShare[];
  /** Items answered by fewer people than the floor: left out of every figure. */
  leftOutByFloor: number;
}

export interface TeamGroup {
  name: string;
  /** Shown only for a group that is shown (a hidden group's size is not printed). */
  respondents: number | null;
  hidden: 'below-floor' | 'complementary' | null;
  results: TeamResults | null;
}

/** A lead's view beside the team's: the perception gap. */
export interface PerceptionGap {
  /** "Lead 1", "Lead 2"…: never a name. */
  label: string;
  /** The lead's predicted share of favourable answers (a `predicts` question) beside the measured % favourable. */
  predictions: {
    questionId: string;
    statement: string;
    text: string;
    predicted: number;
    team: number | null;
    gap: number | null;
  }[];
  /** The lead's percent answer to a benchmark question beside the share the team gave. */
  guesses: {
    element: string;
    statement: string;
    question: string;
    guess: number | null;
    team: number | null;
    gap: number | null;
  }[];
  /** Team statements the lead answered too: the lead's answer beside the team's mean credit. */
  answers: { questionId: string; lead: string; leadCredit: number; team: number | null }[];
}

export interface LeftOut {
  /** The file, or FILE:ROW for a CSV row. */
  source: string;
  /** One-line problems, `FILE:LINE:COL  what — fix`. */
  problems: string[];
}

export interface TeamReport {
  schema: 'team-report';
  schemaVersion: 3;
  tool: { name: 'service-audit'; version: string };
  bank: { id: string; version: number; title: string; sha256: string };
  pool: {
    /** Files and CSV rows read. */
    inputs: number;
    /** Respondents used: team respondents plus leads. */
    used: number;
    /** Team respondents (the n of every figure). */
    respondents: number;
    /** Lead files, shown beside the team and not counted in n. */
    leads: number;
    leftOut: LeftOut[];
    minGroup: number;
    /** The team's size when given (--team-size or the config); null when unknown. */
    teamSize: number | null;
    /** Team respondents / team size on 0-100 (one decimal); null when the size is unknown. */
    participation: number | null;
  };
  bands: { id: string; label: string; min: number }[];
  /** Why nothing but n is shown (the whole pool is under the floor); null when results are shown. */
  suppressed: string | null;
  results: TeamResults | null;
  groups: TeamGroup[];
  priorities: TeamWeakness[];
  perceptionGap: PerceptionGap[];
  /**
   * Free-text notes under the notes rule: `items` are notes on a question, `comments` general
   * comments (a CSV's free-text column such as "Anything else?"), never per group.
   */
  notes: {
    shown: boolean;
    reason: string | null;
    items: { questionId: string; note: string }[];
    comments: string[];
  };
}
