/**
 * Exact partial derivatives of canonical forms. A power's derivative is exact (k·x^(k−1)); ln and
 * exp differentiate as usual; min and max take the derivative of the argument that is active at
 * the point, since their derivative depends on where it is asked (`at`), and so do abs, ceil and
 * floor (piecewise: the sign, or zero). Without a point those are refused rather than guessed.
 */
import { Rational } from "../core/rational.js";
import { assertNever } from "../syntax/tree.js";
import type { Algebra, Base, Canonical } from "./canonical.js";

/** Values of inputs, to choose min's and max's active argument; exact values or floats. */
export type PointValue = (c: Canonical) => number;

export class NotDifferentiable extends Error {}

/** ∂c/∂x. @throws NotDifferentiable for min, max, abs, ceil, floor without a point, or a tie in min/max. */
export function derivative(A: Algebra, c: Canonical, x: string, at?: PointValue): Canonical {
  let sum = A.zero;
  for (const t of c.terms) {
    // Product rule over the term's factors: coef · Σ_i (∂ f_i^e_i) · Π_{j≠i} f_j^e_j.
    t.factors.forEach((f, i) => {
      const d = powerDerivative(A, f.base, f.exp, x, at);
      if (d.terms.length === 0) return;
      let product = A.mul(A.constant(t.coef), d);
      t.factors.forEach((g, j) => {
        if (j !== i) product = A.mul(product, A.pow(baseForm(A, g.base), g.exp));
      });
      sum = A.add(sum, product);
    });
  }
  return sum;
}

/** A factor's base as a form of its own (x, a + b, ln u). */
export function baseForm(A: Algebra, b: Base): Canonical {
  switch (b.kind) {
    case "var":
      return A.variable(b.name);
    case "pow":
      return b.base;
    case "call":
      return b.fn === "pow" ? A.powExpr(b.args[0]!, b.args[1]!) : A.call(b.fn, b.args);
    default:
      return assertNever(b);
  }
}

/** ∂(b^e)/∂x = e·b^(e−1)·∂b/∂x. */
function powerDerivative(A: Algebra, b: Base, e: Rational, x: string, at?: PointValue): Canonical {
  const inner = baseDerivative(A, b, x, at);
  if (inner.terms.length === 0) return A.zero;
  return A.mul(A.mul(A.constant(e), A.pow(baseForm(A, b), e.sub(Rational.ONE))), inner);
}

function baseDerivative(A: Algebra, b: Base, x: string, at?: PointValue): Canonical {
  switch (b.kind) {
    case "var":
      return b.name === x ? A.one : A.zero;
    case "pow":
      return derivative(A, b.base, x, at);
    case "call": {
      const [u, v] = b.args as [Canonical, Canonical | undefined];
      const du = () => derivative(A, u, x, at);
      switch (b.fn) {
        case "ln":
          return A.div(du(), u);
        case "exp":
          return A.mul(A.call("exp", [u]), du());
        case "log2":
          return A.div(du(), A.mul(u, A.call("ln", [A.constant(Rational.of(2))])));
        case "log10":
          return A.div(du(), A.mul(u, A.call("ln", [A.constant(Rational.of(10))])));
        case "pow": {
          // u^v = exp(v·ln u): ∂ = u^v · (v'·ln u + v·u'/u).
          const dv = derivative(A, v!, x, at);
          const whole = A.powExpr(u, v!);
          return A.mul(whole, A.add(A.mul(dv, A.call("ln", [u])), A.div(A.mul(v!, du()), u)));
        }
        case "min":
        case "max": {
          if (!at) throw new NotDifferentiable(`${b.fn} has no derivative without a point`);
          const values = b.args.map(at);
          const best = b.fn === "min" ? Math.min(...values) : Math.max(...values);
          const active = b.args.filter((_, k) => values[k] === best);
          const ds = active.map((a) => derivative(A, a, x, at));
          if (ds.some((d) => d.key !== ds[0]!.key)) throw new NotDifferentiable(`${b.fn}'s arguments tie at this point and move apart: no derivative here`);
          return ds[0]!;
        }
        case "abs": {
          if (!at) throw new NotDifferentiable("abs has no derivative without a point");
          const s = Math.sign(at(u));
          if (s === 0) throw new NotDifferentiable("abs has no derivative at 0");
          return A.mul(A.constant(Rational.of(s)), du());
        }
        case "ceil":
        case "floor":
          // Piecewise constant: zero between the steps (and undefined on them, which a point almost never is).
          if (!at) throw new NotDifferentiable(`${b.fn} has no derivative without a point`);
          return A.zero;
        default:
          throw new NotDifferentiable(`no derivative rule for ${b.fn}`);
      }
    }
    default:
      return assertNever(b);
  }
}
