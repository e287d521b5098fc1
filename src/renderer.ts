// The renderer contract every model's registry (<model>/formats.ts) is typed by. Neutral: it
// belongs to no model, so a model's formats need not import another model to declare themselves.
import type { Style } from './text/style.js';

/** What every renderer may be told; formats that do not colour or wrap ignore it. */
export interface RenderOptions {
  style?: Style;
  width?: number;
  /** GitHub formats: the random token that ends the pause of workflow commands around echoed text (made at the edge). */
  token?: string;
}

/** The one renderer signature: a model in, the text of one output format out. Pure. */
export type Renderer<M> = (model: M, o: RenderOptions) => string;

/** The formats of one model, by the name `--format` takes; adding a format is one entry. */
export type Formats<M> = Readonly<Record<string, Renderer<M>>>;
