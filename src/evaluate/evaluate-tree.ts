/**
 * Evaluates an expression tree. Exact wherever the inputs are rational; √, logarithms, exp and
 * fractional powers fall back to 64-digit approximations only when their result is not rational
 * (√(1/4) is exactly 1/2, log2(8) exactly 3).
 */
import { ArithmeticError, Rational } from "../core/rational.js";
import { Algebra } from "../algebra/canonical.js";
import { rationalPower } from "../core/exact.js";
import { checkDomain, functionSpec } from "../syntax/functions.js";
import { canonicalOf } from "../algebra/from-tree.js";
import { foldExpr } from "../syntax/fold.js";
import type { Expr, FunctionName } from "../syntax/tree.js";
import { approximate, PRECISION } from "../core/approximate.js";
import type { Value } from "./value.js";
import { roundedValue, roundSignificant } from "../core/significant.js";

export type Lookup = (name: string, node: Expr) => Value;

const exact = (q: Rational): Value => ({ q, exact: true });

/** A result from operands: exact if they all are; approximations kept to 64 significant digits so chains of them do not grow without bound. */
export function combine(q: Rational, ...inputs: Value[]): Value {
  if (inputs.every((v) => v.exact)) return exact(q);
  return { q: q.isZero() ? q : roundedValue(roundSignificant(q, PRECISION)), exact: false };
}

/**
 * @example evaluateTree(parseFormula("2k"), () => ({ q: Rational.of(7), exact: true })).q // 14
 * @throws NodeError at the node where arithmetic failed (division by zero, a domain, overflow).
 */
export function evaluateTree(expr: Expr, lookup: Lookup): Value {
  return foldExpr<Value>(expr, {
    number: (q) => exact(q),
    symbol: (node) => lookup(node.name, node),
    negate: (v) => ({ q: v.q.neg(), exact: v.exact }),
    call: (node, args) =>
      functionSpec(node.fn).steps === true && !args[0]!.exact && nearInteger(args[0]!.q)
        ? applyFunction(node.fn, [exactOf(node.args[0]!, lookup, UNDECIDABLE)])
        : functionSpec(node.fn).symbolic === "power" && signUndecided(args[0]!)
          ? applyFunction(node.fn, [exactOf(node.args[0]!, lookup, SIGN_UNDECIDABLE)])
          : applyFunction(node.fn, args),
    power: (base, exponent, node) => (!exponent.q.isInteger() && signUndecided(base) ? power(exactOf(node.left, lookup, SIGN_UNDECIDABLE), exponent) : power(base, exponent)),
    add: (a, b) => combine(a.q.add(b.q), a, b),
    sub: (a, b) => combine(a.q.sub(b.q), a, b),
    mul: (a, b) => combine(a.q.mul(b.q), a, b),
    div: (a, b) => combine(a.q.div(b.q), a, b),
  });
}

const NEAR = Rational.parseDecimal("1e-40")!;

export function nearInteger(q: Rational): boolean {
  const nearest = q.add(Rational.of(1n, 2n)).floor();
  return q.sub(nearest).abs().cmp(NEAR) < 0;
}

/**
 * An approximation just below zero may be zero itself: √(√2² − 2) is √(−10⁻⁶⁴) in 64 digits but
 * √0 exactly. A root or fractional power of one is not "not a real number" until the exact value
 * says so. (Just above zero it is computed: the error is then the approximation's own.)
 */
export function signUndecided(v: Value): boolean {
  return !v.exact && v.q.sign < 0 && v.q.abs().cmp(NEAR) < 0;
}

/**
 * floor and ceil jump at whole numbers, so an approximation close to one cannot decide them:
 * (7^(3/2))² is 342.99…9 as a 64-digit approximation but exactly 343; a root's domain ends at
 * zero likewise (signUndecided). The exact value comes from the argument's canonical form with
 * the names' exact values put in, or the result is refused with `why`.
 */
function exactOf(arg: Expr, lookup: Lookup, why: string): Value {
  const A = new Algebra([]);
  const form = canonicalOf(arg, A, (name, node) => {
    const v = lookup(name, node);
    if (!v.exact) throw new ArithmeticError("domain", why);
    return A.constant(v.q);
  });
  const q = A.constantValue(form);
  if (q === undefined) throw new ArithmeticError("domain", why);
  return exact(q);
}

export const UNDECIDABLE = "floor or ceil of a value within 10⁻⁴⁰ of a whole number that is known only approximately cannot be decided";
export const SIGN_UNDECIDABLE = "a root of a value within 10⁻⁴⁰ below zero that is known only approximately cannot be decided: it may be a root of zero";

/** base^exponent, exact when the result is rational. */
export function power(base: Value, exponent: Value): Value {
  const b = base.q;
  const x = exponent.q;
  if (x.isInteger()) return combine(b.pow(x.n), base, exponent);
  if (b.isZero()) {
    if (x.sign < 0) throw new ArithmeticError("division-by-zero", "zero raised to a negative power");
    return combine(Rational.ZERO, base, exponent);
  }
  if (b.sign < 0) throw new ArithmeticError("domain", `a negative number raised to the power ${x} is not a real number`);
  const root = exponent.exact ? rationalPower(b, x) : undefined;
  if (root !== undefined) return combine(root, base, exponent);
  return { q: approximate("pow", [b, x]), exact: false };
}

/**
 * A function of the formula language applied to values, by its entry in the function table:
 * exact when its arguments are and its result is rational, else a 64-digit approximation.
 */
export function applyFunction(fn: FunctionName, args: readonly Value[]): Value {
  const spec = functionSpec(fn);
  const qs = args.map((a) => a.q);
  checkDomain(fn, qs);
  const allExact = args.every((a) => a.exact);
  if (allExact) {
    const q = spec.exact(qs);
    if (q !== undefined) return exact(q);
  }
  if (spec.approximate) return { q: roundedValue(roundSignificant(spec.approximate(qs), PRECISION)), exact: false };
  // Closed over the rationals (floor, abs, min, …): the value of an approximation is approximate.
  return { q: spec.exact(qs)!, exact: allExact };
}
