/**
 * The one way a failure inside a formula becomes a located error. Arithmetic fails at a node (a
 * division by zero, a domain, a result too large); the node's span carries its source text, so
 * the error points into the file: "division by zero in formula ‘x’ (step 3 of the trail)".
 */
import { FlopsheetError, type Span } from "../core/errors.js";
import { ArithmeticError } from "../core/rational.js";
import { NodeError } from "./tree.js";

/**
 * Runs `f`, turning a failure at a node into a FlopsheetError located at that node, and one not
 * at any node (an operation on whole canonical forms) into one located at `fallback`.
 *
 * @example located("formula ‘x’", () => evaluateTree(expr, lookup), formula.definition.span)
 */
export function located<T>(where: string, f: () => T, fallback?: Span): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof NodeError) throw locatedError(e.reason, e.message, e.node.span, where);
    if (e instanceof ArithmeticError) throw locatedError(e.reason, e.message, fallback, where);
    throw e;
  }
}

function locatedError(reason: ArithmeticError["reason"], message: string, span: Span | undefined, where: string): FlopsheetError {
  const text = `${message} in ${where}`;
  // A form too large to expand is not a mistake in the sheet: callers may omit the form instead.
  const code = reason === "too-many-terms" ? "TOO_LARGE" : "ARITHMETIC";
  return new FlopsheetError(span?.source ? span.source.issue(code, text, span) : { code, message: text });
}
