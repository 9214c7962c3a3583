/**
 * Expression tree → canonical form. Names are resolved by the caller: an input becomes a
 * variable, a formula becomes its own canonical form, a `given` value becomes a constant.
 */
import { ArithmeticError } from "../core/rational.js";
import { numberValue } from "../syntax/number.js";
import { assertNever, leftChain, NodeError, type Expr } from "../syntax/tree.js";
import type { Algebra, Canonical } from "./canonical.js";

export type Resolve = (name: string, node: Expr) => Canonical;

/**
 * @example canonicalOf(parseFormula("2 × d² + (n × d²)"), algebra, (n) => algebra.variable(n)) // 2·d² + n·d²
 * @throws NodeError naming the node where arithmetic failed (division by zero, overflow).
 */
export function canonicalOf(expr: Expr, A: Algebra, resolve: Resolve): Canonical {
  const at = <T>(node: Expr, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ArithmeticError) throw new NodeError(e.reason, e.message, node);
      throw e;
    }
  };
  const walk = (e: Expr): Canonical => {
    switch (e.kind) {
      case "number":
        return A.constant(numberValue(e));
      case "symbol":
        return resolve(e.name, e);
      case "negate":
        return A.neg(walk(e.arg));
      case "group":
        return walk(e.inner);
      case "call":
        return at(e, () => A.call(e.fn, e.args.map(walk)));
      case "binary": {
        if (e.op === "^") {
          const base = walk(e.left);
          const exponent = walk(e.right);
          return at(e, () => A.powExpr(base, exponent));
        }
        const { ops, operands } = leftChain(e);
        let acc = walk(operands[0]!);
        for (let i = 1; i < operands.length; i++) {
          const operand = operands[i]!;
          const value = walk(operand);
          const op = ops[i]!;
          acc = at(operand, () => {
            switch (op) {
              case "+":
                return A.add(acc, value);
              case "-":
                return A.sub(acc, value);
              case "*":
                return A.mul(acc, value);
              case "/":
                return A.div(acc, value);
              default:
                throw new Error(`internal error: ${op} in a chain`);
            }
          });
        }
        return acc;
      }
      default:
        return assertNever(e);
    }
  };
  return walk(expr);
}
