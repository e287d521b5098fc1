import type { RenderOptions } from '../renderer.js';
import type { ReportModel } from './schema.js';

/** The report model as stable, pretty JSON: same model, same bytes. */
export function renderJson(m: ReportModel, _o: RenderOptions = {}): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
