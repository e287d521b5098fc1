// The narrow scored view `check` reads: what every report model (single, pooled, combined) can say
// about its scores, and, where it cannot measure a subject, why. Types only.

/** A weakness as a check failure lists it. */
export interface ViewWeakness {
  questionId: string;
  element: string;
  text: string;
  /** The answer as written, or a pool's mean credit. */
  answer: string | number;
  pointsToGain: number;
  recommendation: string;
}

export interface ViewElement {
  id: string;
  area: string;
  score: number | null;
  /** Essential with no applicable answer. */
  missing: boolean;
  /** Why the element has no score, when it has none: e.g. every question not applicable. */
  why: string | null;
  weaknesses: ViewWeakness[];
}

export interface ScoredView {
  /** The file (or first input) the scores come from. */
  source: string;
  overall: { score: number | null; missing: string[] };
  areas: { id: string; score: number | null; missing: string[] }[];
  elements: ViewElement[];
  priorities: ViewWeakness[];
  /** Question ids; null with a reason where the view cannot count them. */
  unanswered: { ids: string[] } | { notMeasured: string };
  /** Answers marked N/A (questions a condition left out are not counted). */
  notApplicable: { ids: string[] } | { notMeasured: string };
  /** Team respondents behind the scores; a reason where there is no pool. */
  respondents: { n: number } | { notMeasured: string };
  /** Why the scores are hidden (a pool under the floor); null when shown. */
  suppressed: string | null;
  /** Engagement shares by element; a reason where there is no pulse. */
  shares: { element: string; share: number | null }[] | { notMeasured: string };
}
