import type { Formats } from '../renderer.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { ReportModel } from './schema.js';
import { renderTerminal } from './terminal.js';

/** The report's formats: one renderer each, all of the same model. */
export const REPORT_FORMATS = {
  terminal: renderTerminal,
  markdown: renderMarkdown,
  json: renderJson,
  html: renderHtml,
} as const satisfies Formats<ReportModel>;

export type ReportFormat = keyof typeof REPORT_FORMATS;
