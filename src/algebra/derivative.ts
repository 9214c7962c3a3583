/**
 * Exact partial derivatives of canonical forms. A power's derivative is exact (k·x^(k−1)); a call
 * differentiates by its entry in the function table, through the chain rule. min, max, abs, ceil
 * and floor depend on where they are asked (`at`): without a point they are refused rather than
 * guessed.
 */
import { Rational } from "../core/rational.js";
import { functionSpec } from "../syntax/functions.js";
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
      if (b.fn === "pow") {
        // u^v = exp(v·ln u): ∂ = u^v · (v′·ln u + v·u′/u).
        const [u, v] = b.args as [Canonical, Canonical];
        const du = derivative(A, u, x, at);
        const dv = derivative(A, v, x, at);
        return A.mul(A.powExpr(u, v), A.add(A.mul(dv, A.call("ln", [u])), A.div(A.mul(v, du), u)));
      }
      const args = b.args;
      return functionSpec(b.fn).derivative<Canonical>(
        {
          constant: (q) => A.constant(q),
          add: (p, q) => A.add(p, q),
          mul: (p, q) => A.mul(p, q),
          div: (p, q) => A.div(p, q),
          call: (fn, xs) => A.call(fn, xs),
          same: (p, q) => p.key === q.key,
          d: (i) => derivative(A, args[i]!, x, at),
          ...(at ? { at: (i: number) => at(args[i]!) } : {}),
          none: (why) => {
            throw new NotDifferentiable(why);
          },
        },
        args,
      );
    }
    default:
      return assertNever(b);
  }
}
