/**
 * An expression as a sheet or a preset writes it. Its own module, below everything that reads
 * sheets, so that the sheet model, presets, the vocabulary and the YAML reader share it without
 * importing one another in a circle.
 */
import type { SourceText, Span } from "../core/errors.js";
import type { Expr } from "../syntax/tree.js";

/** A formula-language expression written in a sheet field, with the text it was parsed from. */
export interface Written {
  readonly text: string;
  readonly expr: Expr;
  /** The whole scalar in the file. */
  readonly span: Span;
  /** The file it was written in: a sheet's own, or a base sheet's it extends. */
  readonly file: SourceText;
}
