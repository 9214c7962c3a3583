/**
 * A fold over the expression tree: the one walk that evaluation and canonicalisation share. It
 * takes left-associative chains in a loop (a 5,000-term sum is no deeper than a 2-term one) and
 * turns an ArithmeticError into a NodeError at the node where it happened.
 */
import { ArithmeticError, type Rational } from "../core/rational.js";
import { numberValue } from "./number.js";
import { assertNever, leftChain, NodeError, type Call, type Expr, type Symbol } from "./tree.js";

export interface Fold<T> {
  readonly number: (value: Rational) => T;
  readonly symbol: (node: Symbol) => T;
  readonly negate: (value: T) => T;
  readonly call: (node: Call, args: T[]) => T;
  readonly power: (base: T, exponent: T) => T;
  readonly add: (a: T, b: T) => T;
  readonly sub: (a: T, b: T) => T;
  readonly mul: (a: T, b: T) => T;
  readonly div: (a: T, b: T) => T;
  /**
   * A whole chain `a + b − c …` at once, where that is cheaper than adding one by one (canonical
   * forms: one merge of all the terms, not a re-sort of the growing sum for every operand).
   */
  readonly sumChain?: (values: T[], ops: readonly ("+" | "-")[]) => T;
}

/** @throws NodeError at the node where an operation raised an ArithmeticError. */
export function foldExpr<T>(expr: Expr, f: Fold<T>): T {
  const at = <R>(node: Expr, op: () => R): R => {
    try {
      return op();
    } catch (e) {
      if (e instanceof ArithmeticError) throw new NodeError(e.reason, e.message, node);
      throw e;
    }
  };
  const walk = (e: Expr): T => {
    switch (e.kind) {
      case "number":
        return at(e, () => f.number(numberValue(e)));
      case "symbol":
        return f.symbol(e);
      case "negate":
        return f.negate(walk(e.arg));
      case "group":
        return walk(e.inner);
      case "call": {
        const args = e.args.map(walk);
        return at(e, () => f.call(e, args));
      }
      case "binary": {
        if (e.op === "^") {
          const base = walk(e.left);
          const exponent = walk(e.right);
          return at(e, () => f.power(base, exponent));
        }
        const { ops, operands } = leftChain(e);
        if (f.sumChain && (e.op === "+" || e.op === "-")) {
          const values = operands.map(walk);
          const sumChain = f.sumChain;
          return at(e, () => sumChain(values, ops as ("+" | "-")[]));
        }
        let acc = walk(operands[0]!);
        for (let i = 1; i < operands.length; i++) {
          const operand = operands[i]!;
          const value = walk(operand);
          const a = acc;
          const op = ops[i]!;
          acc = at(operand, () => (op === "+" ? f.add(a, value) : op === "-" ? f.sub(a, value) : op === "*" ? f.mul(a, value) : f.div(a, value)));
        }
        return acc;
      }
      default:
        return assertNever(e);
    }
  };
  return walk(expr);
}
