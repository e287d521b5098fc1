import type { ReportModel } from './schema.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal, type TerminalOptions } from './terminal.js';

/** One renderer per format, each a function of the model; adding a format is one entry. */
export const REPORT_FORMATS = {
  terminal: (m: ReportModel, o: TerminalOptions) => renderTerminal(m, o),
  markdown: (m: ReportModel) => renderMarkdown(m),
  json: (m: ReportModel) => renderJson(m),
  html: (m: ReportModel) => renderHtml(m),
} as const;

export type ReportFormat = keyof typeof REPORT_FORMATS;
