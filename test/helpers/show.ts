import { assertNever, type Expr } from "../../src/syntax/tree.js";

/** Fully parenthesised, ASCII-operator view of a tree, so tests state the structure they expect. */
export function show(e: Expr): string {
  switch (e.kind) {
    case "number":
      return e.text;
    case "symbol":
      return e.name;
    case "negate":
      return `(-${show(e.arg)})`;
    case "binary":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "call":
      return `${e.fn}(${e.args.map(show).join(", ")})`;
    case "group":
      return show(e.inner);
    default:
      return assertNever(e);
  }
}
