/**
 * Expression tree → canonical form. Names are resolved by the caller: an input becomes a
 * variable, a formula becomes its own canonical form, a `given` value becomes a constant.
 */
import { foldExpr } from "../syntax/fold.js";
import type { Expr } from "../syntax/tree.js";
import type { Algebra, Canonical } from "./canonical.js";

export type Resolve = (name: string, node: Expr) => Canonical;

/**
 * @example canonicalOf(parseFormula("2 × d² + (n × d²)"), algebra, (n) => algebra.variable(n)) // 2·d² + n·d²
 * @throws NodeError naming the node where arithmetic failed (division by zero, overflow).
 */
export function canonicalOf(expr: Expr, A: Algebra, resolve: Resolve): Canonical {
  return foldExpr<Canonical>(expr, {
    number: (q) => A.constant(q),
    symbol: (node) => resolve(node.name, node),
    negate: (c) => A.neg(c),
    call: (node, args) => A.call(node.fn, args),
    power: (base, exponent) => A.powExpr(base, exponent),
    add: (a, b) => A.add(a, b),
    sub: (a, b) => A.sub(a, b),
    mul: (a, b) => A.mul(a, b),
    div: (a, b) => A.div(a, b),
    sumChain: (values, ops) => A.sumOf(values.map((v, i) => (ops[i] === "-" ? A.neg(v) : v))),
  });
}
