/**
 * Evaluates a canonical form at given input values, with the same exactness rules as evaluating
 * the tree it came from. Used to test that canonicalisation preserves values, and for sweeps.
 */
import type { Base, Canonical } from "../algebra/canonical.js";
import { ArithmeticError, Rational } from "../core/rational.js";
import { assertNever } from "../syntax/tree.js";
import { applyFunction, combine, power } from "./evaluate-tree.js";
import type { Value } from "./value.js";

const exact = (q: Rational): Value => ({ q, exact: true });

/**
 * @throws ArithmeticError where the form is undefined at the point (a zero denominator, a domain).
 */
export function evaluateCanonical(c: Canonical, values: ReadonlyMap<string, Value>): Value {
  let sum: Value = exact(Rational.ZERO);
  for (const t of c.terms) {
    let product: Value = exact(t.coef);
    for (const f of t.factors) {
      const base = baseValue(f.base, values);
      const v = power(base, exact(f.exp));
      product = combine(product.q.mul(v.q), product, v);
    }
    sum = combine(sum.q.add(product.q), sum, product);
  }
  return sum;
}

function baseValue(b: Base, values: ReadonlyMap<string, Value>): Value {
  switch (b.kind) {
    case "var": {
      const v = values.get(b.name);
      if (v === undefined) throw new ArithmeticError("domain", `no value for ${b.name}`);
      return v;
    }
    case "pow":
      return evaluateCanonical(b.base, values);
    case "call": {
      const args = b.args.map((a) => evaluateCanonical(a, values));
      return b.fn === "pow" ? power(args[0]!, args[1]!) : applyFunction(b.fn, args);
    }
    default:
      return assertNever(b);
  }
}
