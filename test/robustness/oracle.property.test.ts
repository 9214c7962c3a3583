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

const math = create(all!, { number: "BigNumber", precision: 64 });
const VARS = ["a", "b", "c"];

const OPERATORS = { "+": ["+", "add"], "-": ["-", "subtract"], "*": ["*", "multiply"], "/": ["/", "divide"], "^": ["^", "pow"] } as const;
// flopsheet's names for mathjs's: ln is mathjs' one-argument log.
const FUNCTION_NAMES: Record<string, string> = { ln: "log" };

/** Our tree as a mathjs expression tree, built node by node. */
function toMathjs(e: Expr): MathNode {
  switch (e.kind) {
    case "number": {
      const q = numberValue(e);
      const big = (n: bigint) => new math.ConstantNode(math.bignumber(n.toString()));
      return q.isInteger() ? big(q.n) : new math.OperatorNode("/", "divide", [big(q.n), big(q.d)]);
    }
    case "symbol":
      return new math.SymbolNode(e.name);
    case "negate":
      return new math.OperatorNode("-", "unaryMinus", [toMathjs(e.arg)]);
    case "group":
      return new math.ParenthesisNode(toMathjs(e.inner));
    case "call":
      return new math.FunctionNode(new math.SymbolNode(FUNCTION_NAMES[e.fn] ?? e.fn), e.args.map(toMathjs));
    case "binary": {
      if (e.op === "^") return new math.OperatorNode("^", "pow", [toMathjs(e.left), toMathjs(e.right)]);
      const { ops, operands } = leftChain(e);
      return operands.slice(1).reduce<MathNode>((acc, o, i) => {
        const [op, fn] = OPERATORS[ops[i + 1]!];
        return new math.OperatorNode(op, fn, [acc, toMathjs(o)]);
      }, toMathjs(operands[0]!));
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

const TOLERANCE = Rational.parseDecimal("1e-40")!;

describe("an independent oracle agrees", () => {
  test(`flopsheet and mathjs (64-digit BigNumbers) give the same values (${runs(2_000)} random formulas and points)`, async () => {
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
        const scope = Object.fromEntries(VARS.map((v, i) => [v, math.divide(math.bignumber(qs[i]!.n.toString()), math.bignumber(qs[i]!.d.toString()))]));
        const theirs = toMathjs(parseFormula(text)).compile().evaluate(scope) as { toString(): string; isFinite?: () => boolean };
        const q = Rational.parseDecimal(theirs.toString().replace(/^-/, ""));
        expect(q, `${text}: mathjs gives ${theirs.toString()}`).toBeDefined();
        const theirsQ = theirs.toString().startsWith("-") ? q!.neg() : q!;
        const scale = Rational.ONE.add(ours.q.abs());
        expect(ours.q.sub(theirsQ).abs().cmp(TOLERANCE.mul(scale)) <= 0, `${text} at a=${qs[0]}, b=${qs[1]}, c=${qs[2]}: ${ours.q.toNumber()} against mathjs ${theirs.toString()}`).toBe(true);
        compared++;
      }),
      runs(2_000),
    );
    expect(compared).toBeGreaterThan(runs(2_000) / 2);
  }, TIMEOUT);
});
