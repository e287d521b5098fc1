import type { Formats } from '../renderer.js';
import type { HistoryModel } from './model.js';
import { renderHistoryHtml, renderHistoryJson, renderHistoryMarkdown, renderHistoryTerminal } from './render.js';

/** The history's formats: one renderer each, all of the same model. */
export const HISTORY_FORMATS = {
  terminal: renderHistoryTerminal,
  markdown: renderHistoryMarkdown,
  json: renderHistoryJson,
  html: renderHistoryHtml,
} as const satisfies Formats<HistoryModel>;

export type HistoryFormat = keyof typeof HISTORY_FORMATS;
