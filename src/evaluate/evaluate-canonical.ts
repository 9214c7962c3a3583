/**
 * Evaluates a canonical form at given input values, with the same exactness rules as evaluating
 * the tree it came from. Used to test that canonicalisation preserves values, and for sweeps.
 */
import type { Base, Canonical } from "../algebra/canonical.js";
import { ArithmeticError, Rational } from "../core/rational.js";
import { assertNever } from "../syntax/tree.js";
import { Algebra } from "../algebra/canonical.js";
import { substitute } from "../algebra/substitute.js";
import { applyFunction, combine, nearInteger, power, SIGN_UNDECIDABLE, signUndecided, UNDECIDABLE } from "./evaluate-tree.js";
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
      let base = baseValue(f.base, values);
      // As in evaluateTree: a root of an approximation just below zero waits for the exact value.
      if (!f.exp.isInteger() && signUndecided(base)) base = exactBase(f.base, values);
      const v = power(base, exact(f.exp));
      product = combine(product.q.mul(v.q), product, v);
    }
    sum = combine(sum.q.add(product.q), sum, product);
  }
  return sum;
}

function exactValueOf(c: Canonical, values: ReadonlyMap<string, Value>, why = UNDECIDABLE): Value {
  const exactValues = new Map<string, Rational>();
  for (const [name, v] of values) if (v.exact) exactValues.set(name, v.q);
  const A = new Algebra([]);
  const q = A.constantValue(substitute(A, c, exactValues));
  if (q === undefined) throw new ArithmeticError("domain", why);
  return exact(q);
}

/** A factor's base from the exact values, or a refusal: an input's own approximation has no better. */
function exactBase(b: Base, values: ReadonlyMap<string, Value>): Value {
  switch (b.kind) {
    case "var":
      throw new ArithmeticError("domain", SIGN_UNDECIDABLE);
    case "pow":
      return exactValueOf(b.base, values, SIGN_UNDECIDABLE);
    case "call": {
      const args = b.args.map((a) => exactValueOf(a, values, SIGN_UNDECIDABLE));
      const v = b.fn === "pow" ? power(args[0]!, args[1]!) : applyFunction(b.fn, args);
      if (!v.exact) throw new ArithmeticError("domain", SIGN_UNDECIDABLE);
      return v;
    }
    default:
      return assertNever(b);
  }
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
      if (b.fn === "pow" && !args[1]!.q.isInteger() && signUndecided(args[0]!)) args[0] = exactValueOf(b.args[0]!, values, SIGN_UNDECIDABLE);
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
