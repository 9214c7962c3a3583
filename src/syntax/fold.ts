/**
 * A fold over the expression tree: the one walk that evaluation and canonicalisation share. It
 * takes left-associative chains in a loop (a 5,000-term sum is no deeper than a 2-term one) and
 * turns an ArithmeticError into a NodeError at the node where it happened.
 */
import { ArithmeticError, type Rational } from "../core/rational.js";
import { numberValue } from "./number.js";
import { assertNever, leftChain, NodeError, type Binary, type Call, type Expr, type Symbol } from "./tree.js";

export interface Fold<T> {
  readonly number: (value: Rational) => T;
  readonly symbol: (node: Symbol) => T;
  readonly negate: (value: T) => T;
  readonly call: (node: Call, args: T[]) => T;
  /** `node` is the power itself: evaluation may look again at its base (see evaluateTree). */
  readonly power: (base: T, exponent: T, node: Binary) => T;
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
  // Each operation has its own try, without a closure: a closure per node was a tenth of the
  // time of canonical forms.
  const walk = (e: Expr): T => {
    switch (e.kind) {
      case "number":
        try {
          return f.number(numberValue(e));
        } catch (err) {
          throw located(err, e);
        }
      case "symbol":
        return f.symbol(e);
      case "negate":
        return f.negate(walk(e.arg));
      case "group":
        return walk(e.inner);
      case "call": {
        const args = e.args.map(walk);
        try {
          return f.call(e, args);
        } catch (err) {
          throw located(err, e);
        }
      }
      case "binary": {
        if (e.op === "^") {
          const base = walk(e.left);
          const exponent = walk(e.right);
          try {
            return f.power(base, exponent, e);
          } catch (err) {
            throw located(err, e);
          }
        }
        const { ops, operands } = leftChain(e);
        if (f.sumChain && (e.op === "+" || e.op === "-")) {
          const values = operands.map(walk);
          try {
            return f.sumChain(values, ops as ("+" | "-")[]);
          } catch (err) {
            throw located(err, e);
          }
        }
        let acc = walk(operands[0]!);
        for (let i = 1; i < operands.length; i++) {
          const operand = operands[i]!;
          const value = walk(operand);
          const op = ops[i]!;
          try {
            acc = op === "+" ? f.add(acc, value) : op === "-" ? f.sub(acc, value) : op === "*" ? f.mul(acc, value) : f.div(acc, value);
          } catch (err) {
            throw located(err, operand);
          }
        }
        return acc;
      }
      default:
        return assertNever(e);
    }
  };
  return walk(expr);
}

/** An ArithmeticError becomes a NodeError at the node where it happened; anything else passes. */
function located(err: unknown, node: Expr): unknown {
  return err instanceof ArithmeticError ? new NodeError(err.reason, err.message, node) : err;
}
