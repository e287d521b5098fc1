import type { Answer } from '../answers/schema.js';
import type { Area, Element, Question } from '../bank/schema.js';

/** An answer as the person gave it: a value or "not applicable" with its reason, and maybe a note. */
export type Answered =
  | { kind: 'value'; value: string | number; note?: string }
  | { kind: 'na'; reason: string; note?: string };

/** What the person did at the prompt: answered, or went back (keeping a note typed but not yet saved). */
export type Reply = Answered | { kind: 'back'; note?: string };

/** Where a question stands in the audit, for the position line the user always sees. */
export interface AskContext {
  area: Area;
  element: Element;
  question: Question;
  /** 1-based position among the questions of this audit run. */
  index: number;
  total: number;
  /** The saved answer, offered as the default (review, or a question asked again). */
  previous?: Answer;
  /** A note typed at this question before the person went back; not saved yet. */
  draftNote?: string;
  /** Whether there is a question before this one to go back to. */
  canGoBack: boolean;
  /** "Source: Title (concept)", shown with the help; empty when the question cites nothing. */
  reference?: string;
  /**
   * Saves the answer now. An Asker that confirms answers on screen calls this first, so the
   * confirmation is only ever shown for an answer already written; the engine calls it
   * otherwise. Throws when the answer cannot be saved.
   */
  commit(answer: Answered): void;
}

/**
 * Every question goes through this interface. The Inquirer adapter is one implementation;
 * tests use a scripted one. Implementations throw InterruptedError on Ctrl+C.
 */
export interface Asker {
  say(text: string): void;
  ask(ctx: AskContext): Promise<Reply>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  /** A free-text answer to a side question (e.g. the organization's name); may be empty. */
  text(message: string, defaultValue?: string): Promise<string>;
  /** One of a few choices, by arrow keys (a plan action's status); returns the chosen value. */
  choose?(message: string, choices: readonly { value: string; name: string }[], defaultValue: string): Promise<string>;
}
