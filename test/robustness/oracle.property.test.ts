/**
 * An independent oracle: random formulas evaluated by flopsheet's evaluator and by mathjs with
 * 64-digit BigNumbers agree. mathjs nodes are built with its constructors from our tree, never
 * from text (mathjs has had sandbox escapes through `evaluate`); this file is the only one that
 * loads mathjs for evaluation.
 */
import fc from "fast-check";
import { all, create, type MathNode } from "mathjs";
import { describe, expect, test } from "vitest";
import { ArithmeticError, Rational } from "../../src/core/rational.js";
import { evaluateTree } from "../../src/evaluate/evaluate-tree.js";
import type { Value } from "../../src/evaluate/value.js";
import { parseFormula } from "../../src/syntax/parse.js";
import { assertNever, leftChain, NodeError, type Expr } from "../../src/syntax/tree.js";
import { numberValue } from "../../src/syntax/number.js";
import { assertRuns, runs, TIMEOUT } from "./fuzz-config.js";

const math64 = create(all!, { number: "BigNumber", precision: 64 });
type MathInstance = typeof math64;
// The same at twice the digits: where the two disagree, mathjs' own rounding decides the result
// (a logarithm that should be 0 comes out −10⁻⁶⁴ and its square root is imaginary), and the
// point says nothing about flopsheet.
const math128 = create(all!, { number: "BigNumber", precision: 128 });
const VARS = ["a", "b", "c"];

const OPERATORS = { "+": ["+", "add"], "-": ["-", "subtract"], "*": ["*", "multiply"], "/": ["/", "divide"], "^": ["^", "pow"] } as const;
// flopsheet's names for mathjs's: ln is mathjs' one-argument log.
const FUNCTION_NAMES: Record<string, string> = { ln: "log" };

/** Our tree as a mathjs expression tree, built node by node. */
function toMathjs(e: Expr, math: MathInstance = math64): MathNode {
  switch (e.kind) {
    case "number": {
      const q = numberValue(e);
      const big = (n: bigint) => new math.ConstantNode(math.bignumber(n.toString()));
      return q.isInteger() ? big(q.n) : new math.OperatorNode("/", "divide", [big(q.n), big(q.d)]);
    }
    case "symbol":
      return new math.SymbolNode(e.name);
    case "negate":
      return new math.OperatorNode("-", "unaryMinus", [toMathjs(e.arg, math)]);
    case "group":
      return new math.ParenthesisNode(toMathjs(e.inner, math));
    case "call":
      return new math.FunctionNode(new math.SymbolNode(FUNCTION_NAMES[e.fn] ?? e.fn), e.args.map((a) => toMathjs(a, math)));
    case "binary": {
      if (e.op === "^") return new math.OperatorNode("^", "pow", [toMathjs(e.left, math), toMathjs(e.right, math)]);
      const { ops, operands } = leftChain(e);
      return operands.slice(1).reduce<MathNode>((acc, o, i) => {
        const [op, fn] = OPERATORS[ops[i + 1]!];
        return new math.OperatorNode(op, fn, [acc, toMathjs(o, math)]);
      }, toMathjs(operands[0]!, math));
    }
    default:
      return assertNever(e);
  }
}

/**
 * Formulas over the grammar, but for floor and ceil: flopsheet decides those exactly where
 * mathjs rounds an approximation (⌊(√2)²⌋ is 2, not 1), which another test covers.
 */
const formula: fc.Arbitrary<string> = fc.letrec<{ e: string; atom: string }>((tie) => ({
  atom: fc.oneof(fc.constantFrom("1", "2", "3", "7", "0.5", "1.25", "1e2"), fc.constantFrom(...VARS), tie("e").map((e) => `(${e})`)),
  e: fc.oneof(
    { depthSize: "small" },
    tie("atom"),
    fc.tuple(tie("e"), fc.constantFrom("+", "−", "×", "/"), tie("e")).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(tie("atom"), fc.constantFrom("^2", "^-1", "²", "^(1/2)", "^(3/2)")).map(([a, p]) => `${a}${p}`),
    tie("atom").map((a) => `−${a}`),
    fc.tuple(fc.constantFrom("sqrt", "abs", "ln", "log2", "log10", "exp"), tie("e")).map(([f, x]) => `${f}(${x})`),
    fc.tuple(fc.constantFrom("min", "max"), fc.array(tie("e"), { minLength: 1, maxLength: 3 })).map(([f, xs]) => `${f}(${xs.join(", ")})`),
    fc.tuple(tie("e"), tie("e")).map(([x, b]) => `log(${x}, ${b})`),
  ),
})).e;

const positive = fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 7 })).map(([n, d]) => Rational.of(n, d));
const point = fc.tuple(positive, positive, positive);

const TOLERANCE = Rational.parseDecimal("1e-30")!;

describe("an independent oracle agrees", () => {
  test(`flopsheet and mathjs (BigNumbers) give the same values, wherever 64 and 128 digits agree for mathjs (${runs(2_000)} random formulas and points)`, async () => {
    let compared = 0;
    await assertRuns(
      fc.property(formula, point, (text, qs) => {
        const values = new Map(VARS.map((v, i) => [v, { q: qs[i]!, exact: true } as Value]));
        let ours: Value;
        try {
          ours = evaluateTree(parseFormula(text), (n) => values.get(n)!);
        } catch (e) {
          if (e instanceof NodeError || e instanceof ArithmeticError) return; // undefined here: a domain, a zero denominator
          throw e;
        }
        const theirs = (m: MathInstance): Rational | undefined => {
          const scope = Object.fromEntries(VARS.map((v, i) => [v, m.divide(m.bignumber(qs[i]!.n.toString()), m.bignumber(qs[i]!.d.toString()))]));
          const r = toMathjs(parseFormula(text), m).compile().evaluate(scope) as unknown;
          if (!m.isBigNumber(r) || !r.isFinite()) return undefined; // complex, infinite or NaN where ours is real
          const q = Rational.parseDecimal(r.abs().toString());
          return q && (r.isNegative() ? q.neg() : q);
        };
        const [at64, at128] = [theirs(math64), theirs(math128)];
        const close = (x: Rational, y: Rational) => x.sub(y).abs().cmp(TOLERANCE.mul(Rational.ONE.add(y.abs()))) <= 0;
        if (at64 === undefined || at128 === undefined || !close(at64, at128)) return;
        expect(close(ours.q, at128), `${text} at a=${qs[0]}, b=${qs[1]}, c=${qs[2]}: ${ours.q.toNumber()} against mathjs ${at128.toNumber()}`).toBe(true);
        compared++;
      }),
      runs(2_000),
    );
    expect(compared).toBeGreaterThan(runs(2_000) / 2);
  }, TIMEOUT);
});
