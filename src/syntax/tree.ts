/**
 * The expression tree. Every node has a span into the text it was parsed from (for a formula in a
 * sheet: into the YAML file), and keeps how it was written (`2k`, `d_model²`, `√x`, `×`) so the
 * trail can show a formula as its author wrote it. Trees are never mutated.
 */
import { memo } from "../core/memo.js";
import type { Span } from "../core/errors.js";
import type { ArithmeticError, Rational } from "../core/rational.js";
import type { FunctionName } from "./functions.js";

export type { FunctionName } from "./functions.js";

export type Expr = NumberLit | Symbol | Negate | Binary | Call | Group;

export interface NumberLit {
  readonly kind: "number";
  /** ASCII digits as parsed: `6.71`, `1e12`, `70_000`, or a superscript's value `23`, `-1`. */
  readonly text: string;
  readonly span: Span;
}

export interface Symbol {
  readonly kind: "symbol";
  readonly name: string;
  readonly span: Span;
}

export interface Negate {
  readonly kind: "negate";
  readonly arg: Expr;
  readonly span: Span;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "^";

export interface Binary {
  readonly kind: "binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  /** `implicit` for `2k`; `superscript` for `x²` (the right side is then a number literal). */
  readonly style: "explicit" | "implicit" | "superscript";
  /** The operator as written (`×`, `·`, `*`, `−`), for printing a formula back in its author's notation. */
  readonly opText: string;
  readonly span: Span;
}

export interface Call {
  readonly kind: "call";
  readonly fn: FunctionName;
  readonly args: readonly Expr[];
  /** `radical` for `√x`. */
  readonly style: "call" | "radical";
  readonly span: Span;
}

/** Parentheses as written; kept so `2 × d² + (n × d²)` prints back as written. */
export interface Group {
  readonly kind: "group";
  readonly inner: Expr;
  readonly span: Span;
}

/** A rational as an expression tree: a number literal, or numerator / denominator. */
export function rationalExpr(q: Rational, span: Span): Expr {
  const num = (n: bigint): Expr => ({ kind: "number", text: (n < 0n ? -n : n).toString(), span });
  const body: Expr = q.isInteger() ? num(q.n) : { kind: "binary", op: "/", left: num(q.n), right: num(q.d), style: "explicit", opText: "/", span };
  return q.sign < 0 ? { kind: "negate", arg: body, span } : body;
}

export function assertNever(x: never): never {
  throw new Error(`unhandled node: ${JSON.stringify(x)}`);
}

/** Every symbol a tree mentions, in order of first appearance, with the span of that appearance. */
export function symbolsOf(expr: Expr): ReadonlyMap<string, Span> {
  // Trees are immutable, and a formula's names are asked for with every evaluation of it.
  return symbolsMemo.of(expr, () => symbolsIn(expr));
}

// Not lasting: a map for each of the shipped sheets' formulas was 170 kB of the start-up snapshot,
// 1.5–2 ms of every start, and a command finds the few it asks for faster than that.
const symbolsMemo = memo<Expr, ReadonlyMap<string, Span>>();

function symbolsIn(expr: Expr): ReadonlyMap<string, Span> {
  const found = new Map<string, Span>();
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.kind) {
      case "number":
        break;
      case "symbol":
        if (!found.has(e.name)) found.set(e.name, e.span);
        break;
      case "negate":
        stack.push(e.arg);
        break;
      case "binary":
        stack.push(e.right, e.left);
        break;
      case "call":
        for (let i = e.args.length - 1; i >= 0; i--) stack.push(e.args[i]!);
        break;
      case "group":
        stack.push(e.inner);
        break;
      default:
        assertNever(e);
    }
  }
  return found;
}

const CHAIN: Record<BinaryOp, "sum" | "product" | undefined> = { "+": "sum", "-": "sum", "*": "product", "/": "product", "^": undefined };

/**
 * The operands of a left-associative chain (`a + b − c`, `a × b / c`) with the operator before
 * each (the first gets `+` or `*`) and the node that joins each to what precedes it (undefined
 * for the first; printers read its `opText` and `style`). Collected without recursion, so a
 * 5,000-term sum is no deeper than a 2-term one for the passes that use it.
 */
export function leftChain(expr: Binary): { ops: BinaryOp[]; operands: Expr[]; links: (Binary | undefined)[] } {
  const cls = CHAIN[expr.op];
  const ops: BinaryOp[] = [];
  const operands: Expr[] = [];
  const links: (Binary | undefined)[] = [];
  let e: Expr = expr;
  // The root is always taken apart; below it, only the same kind of explicit operator continues the chain.
  do {
    const b: Binary = e as Binary;
    ops.push(b.op);
    operands.push(b.right);
    links.push(b);
    e = b.left;
  } while (e.kind === "binary" && cls !== undefined && CHAIN[e.op] === cls && e.style !== "implicit");
  ops.push(cls === "sum" ? "+" : "*");
  operands.push(e);
  links.push(undefined);
  return { ops: ops.reverse(), operands: operands.reverse(), links: links.reverse() };
}

/**
 * How deeply a tree nests, counting a left-associative chain as one level (see leftChain), with
 * the deepest node and the first node found past `limit`. Iterative, so it can measure trees
 * that recursion could not.
 */
export function nesting(expr: Expr, limit = Infinity): { depth: number; deepest: Expr; beyondLimit?: Expr } {
  let best: { depth: number; deepest: Expr; beyondLimit?: Expr } = { depth: 1, deepest: expr };
  const stack: [Expr, number][] = [[expr, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    if (d > best.depth) best = { ...best, depth: d, deepest: e };
    if (d === limit + 1 && best.beyondLimit === undefined) best.beyondLimit = e;
    switch (e.kind) {
      case "number":
      case "symbol":
        break;
      case "negate":
        stack.push([e.arg, d + 1]);
        break;
      case "binary": {
        const sameChain = (child: Expr) =>
          child.kind === "binary" && CHAIN[e.op] !== undefined && CHAIN[child.op] === CHAIN[e.op] && child.style !== "implicit" && e.style !== "implicit";
        stack.push([e.left, sameChain(e.left) ? d : d + 1], [e.right, d + 1]);
        break;
      }
      case "call":
        for (const a of e.args) stack.push([a, d + 1]);
        break;
      case "group":
        stack.push([e.inner, d + 1]);
        break;
      default:
        assertNever(e);
    }
  }
  return best;
}

/** Raised where arithmetic on a node fails, so callers can point at the node in its file. */
export class NodeError extends Error {
  constructor(
    readonly reason: ArithmeticError["reason"],
    message: string,
    readonly node: Expr,
  ) {
    super(message);
    this.name = "NodeError";
  }
}
