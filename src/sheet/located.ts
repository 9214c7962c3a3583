import { FlopsheetError, type SourceText } from "../core/errors.js";
import type { NodeError } from "../syntax/tree.js";

/** A failure at a node of a formula, as a located error: "division by zero in formula ‘x’". */
export function locateNodeError(e: NodeError, source: SourceText, where: string): FlopsheetError {
  return new FlopsheetError(source.issue("ARITHMETIC", `${e.message} in ${where}`, e.node.span));
}
