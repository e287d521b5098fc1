import type { Answer } from '../answers/schema.js';
import type { Area, Element, Question } from '../bank/schema.js';

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
  /** Whether there is a question before this one to go back to. */
  canGoBack: boolean;
  /** "Source: Title (concept)", shown with the help; empty when the question cites nothing. */
  reference?: string;
}

/** What the person did at the prompt: answered (a value, or "not applicable"), or went back. */
export type Reply = { kind: 'value'; value: string | number } | { kind: 'na' } | { kind: 'back' };

/**
 * Every question goes through this interface. The Inquirer adapter is one implementation;
 * tests use a scripted one. Implementations throw InterruptedError on Ctrl+C.
 */
export interface Asker {
  say(text: string): void;
  ask(ctx: AskContext): Promise<Reply>;
  /** Why the question does not apply (never empty). */
  reason(ctx: AskContext): Promise<string>;
  /** An optional note; empty means none. */
  note(ctx: AskContext): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  /** A free-text answer to a side question (e.g. the organization's name); may be empty. */
  text(message: string): Promise<string>;
}
