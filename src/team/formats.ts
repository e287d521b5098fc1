import type { Formats } from '../renderer.js';
import { renderTeamHtml } from './html.js';
import type { TeamReport } from './model.js';
import { renderTeamJson, renderTeamMarkdown, renderTeamTerminal } from './render.js';

/** The team report's formats: one renderer each, all of the same model; adding a format is one entry. */
export const TEAM_FORMATS = {
  terminal: renderTeamTerminal,
  markdown: renderTeamMarkdown,
  json: renderTeamJson,
  html: renderTeamHtml,
} as const satisfies Formats<TeamReport>;

export type TeamFormat = keyof typeof TEAM_FORMATS;
