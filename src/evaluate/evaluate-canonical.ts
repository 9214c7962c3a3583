/**
 * Evaluates a canonical form at given input values, with the same exactness rules as evaluating
 * the tree it came from. Used to test that canonicalisation preserves values, and for sweeps.
 */
import type { Base, Canonical } from "../algebra/canonical.js";
import { ArithmeticError, Rational } from "../core/rational.js";
import { assertNever } from "../syntax/tree.js";
import { Algebra } from "../algebra/canonical.js";
import { substitute } from "../algebra/substitute.js";
import { applyFunction, combine, nearInteger, power, UNDECIDABLE } from "./evaluate-tree.js";
import type { Value } from "./value.js";
import { functionSpec } from "../syntax/functions.js";

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

function exactValueOf(c: Canonical, values: ReadonlyMap<string, Value>): Value {
  const exactValues = new Map<string, Rational>();
  for (const [name, v] of values) if (v.exact) exactValues.set(name, v.q);
  const A = new Algebra([]);
  const q = A.constantValue(substitute(A, c, exactValues));
  if (q === undefined) throw new ArithmeticError("domain", UNDECIDABLE);
  return exact(q);
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
      if (b.fn === "pow") return power(args[0]!, args[1]!);
      // As in evaluateTree: floor and ceil of an approximation next to a whole number are decided
      // from the exact values, or refused.
      if (functionSpec(b.fn).steps === true && !args[0]!.exact && nearInteger(args[0]!.q)) {
        return applyFunction(b.fn, [exactValueOf(b.args[0]!, values)]);
      }
      return applyFunction(b.fn, args);
    }
    default:
      return assertNever(b);
  }
}
