/**
 * A canonical form with some variables replaced by exact constants, simplified again: the exact
 * value of ln 5 / ln 5 is 1 even though ln 5 is known only approximately.
 */
import type { Rational } from "../core/rational.js";
import { assertNever } from "../syntax/tree.js";
import type { Algebra, Base, Canonical } from "./canonical.js";

/** @example substitute(A, form, new Map([["b", Rational.of(5)]])) */
export function substitute(A: Algebra, c: Canonical, values: ReadonlyMap<string, Rational>): Canonical {
  const base = (b: Base): Canonical => {
    switch (b.kind) {
      case "var": {
        const q = values.get(b.name);
        return q === undefined ? A.variable(b.name) : A.constant(q);
      }
      case "pow":
        return substitute(A, b.base, values);
      case "call": {
        const args = b.args.map((a) => substitute(A, a, values));
        return b.fn === "pow" ? A.powExpr(args[0]!, args[1]!) : A.call(b.fn, args);
      }
      default:
        return assertNever(b);
    }
  };
  let sum = A.zero;
  for (const t of c.terms) {
    let product = A.constant(t.coef);
    for (const f of t.factors) product = A.mul(product, A.pow(base(f.base), f.exp));
    sum = A.add(sum, product);
  }
  return sum;
}
