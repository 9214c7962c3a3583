/**
 * Formulas compiled, once, from their trees into plain closures over float64, for sweeps of
 * millions of points. Never by turning a sheet's text into code: each node becomes a closure
 * specialised on the kinds of its operands (a slot, a constant, a sub-closure), so the common
 * shapes (`a × b`, `2 × x`, `x²`) cost one call, not three. Exact evaluation (evaluate-tree.ts)
 * stays the default for a single derivation; these are for sweeps, where floats were asked for.
 *
 * A whole program (every formula a target needs, when its canonical form is too large to expand)
 * is also written out as one function where the host allows it: its code holds only slot indices,
 * numbers printed by JavaScript itself, the four operators and calls into the function table,
 * never a name or any other text of the sheet. A page whose policy forbids it gets the closures.
 *
 * A program keeps every input and every formula in one Float64Array, in the sheet's evaluation
 * order, so a formula used twice (`forward + 2 × forward`) is computed once per point, as a
 * hand-written function would keep it in a local.
 */
import type { Sheet } from "../sheet/model.js";
import { closure } from "../algebra/sheet-forms.js";
import { functionSpec, type FunctionName } from "../syntax/functions.js";
import { assertNever, type Expr } from "../syntax/tree.js";
import type { Base, Canonical } from "../algebra/canonical.js";

export type Compiled = (x: Float64Array) => number;

const number = (text: string) => Number(text.replace(/_/g, ""));

/** A closure for one expression; `slot` gives each name's index in the value array. */
export function compileExpr(expr: Expr, slot: (name: string) => number): Compiled {
  const c = node(expr, slot);
  return c.kind === "const" ? constant(c.v) : c.kind === "slot" ? load(c.i) : c.f;
}

type Node = { kind: "const"; v: number } | { kind: "slot"; i: number } | { kind: "fn"; f: Compiled };

const constant = (v: number): Compiled => () => v;
const load = (i: number): Compiled => (x) => x[i]!;
const asFn = (n: Node): Compiled => (n.kind === "fn" ? n.f : n.kind === "slot" ? load(n.i) : constant(n.v));

function node(e: Expr, slot: (name: string) => number): Node {
  switch (e.kind) {
    case "number":
      return { kind: "const", v: number(e.text) };
    case "symbol":
      return { kind: "slot", i: slot(e.name) };
    case "group":
      return node(e.inner, slot);
    case "negate": {
      const a = node(e.arg, slot);
      if (a.kind === "const") return { kind: "const", v: -a.v };
      const f = asFn(a);
      return { kind: "fn", f: (x) => -f(x) };
    }
    case "binary":
      return binary(e.op, node(e.left, slot), node(e.right, slot));
    case "call":
      return call(e.fn, e.args.map((a) => asFn(node(a, slot))));
    default:
      return assertNever(e);
  }
}

const OPS = {
  "+": (a: number, b: number) => a + b,
  "-": (a: number, b: number) => a - b,
  "*": (a: number, b: number) => a * b,
  "/": (a: number, b: number) => a / b,
  "^": (a: number, b: number) => power(a, b),
} as const;

/** x^y as the exact evaluator reads it: a negative base to an integer power is defined. */
function power(a: number, b: number): number {
  if (b === 2) return a * a;
  if (b === 3) return a * a * a;
  return Math.pow(a, b);
}

// One specialisation per operator and operand kinds: V8 inlines these small closures, which is
// where most of the gap to a hand-written function closes.
function binary(op: keyof typeof OPS, l: Node, r: Node): Node {
  if (l.kind === "const" && r.kind === "const") return { kind: "const", v: OPS[op](l.v, r.v) };
  if (op === "^" && r.kind === "const") {
    const k = r.v;
    const f = asFn(l);
    if (l.kind === "slot") {
      const i = l.i;
      if (k === 2) return { kind: "fn", f: (x) => x[i]! * x[i]! };
      if (k === 3) return { kind: "fn", f: (x) => x[i]! * x[i]! * x[i]! };
      return { kind: "fn", f: (x) => Math.pow(x[i]!, k) };
    }
    if (k === 2) return { kind: "fn", f: (x) => { const v = f(x); return v * v; } };
    return { kind: "fn", f: (x) => power(f(x), k) };
  }
  if (l.kind === "slot" && r.kind === "slot") {
    const i = l.i, j = r.i;
    switch (op) {
      case "+": return { kind: "fn", f: (x) => x[i]! + x[j]! };
      case "-": return { kind: "fn", f: (x) => x[i]! - x[j]! };
      case "*": return { kind: "fn", f: (x) => x[i]! * x[j]! };
      case "/": return { kind: "fn", f: (x) => x[i]! / x[j]! };
      default: return { kind: "fn", f: (x) => power(x[i]!, x[j]!) };
    }
  }
  if (l.kind === "const" && r.kind === "slot") {
    const a = l.v, j = r.i;
    switch (op) {
      case "+": return { kind: "fn", f: (x) => a + x[j]! };
      case "-": return { kind: "fn", f: (x) => a - x[j]! };
      case "*": return { kind: "fn", f: (x) => a * x[j]! };
      case "/": return { kind: "fn", f: (x) => a / x[j]! };
      default: return { kind: "fn", f: (x) => power(a, x[j]!) };
    }
  }
  if (l.kind === "slot" && r.kind === "const") {
    const i = l.i, b = r.v;
    switch (op) {
      case "+": return { kind: "fn", f: (x) => x[i]! + b };
      case "-": return { kind: "fn", f: (x) => x[i]! - b };
      case "*": return { kind: "fn", f: (x) => x[i]! * b };
      default: return { kind: "fn", f: (x) => x[i]! / b };
    }
  }
  if (l.kind === "slot") {
    const i = l.i, g = asFn(r);
    switch (op) {
      case "+": return { kind: "fn", f: (x) => x[i]! + g(x) };
      case "-": return { kind: "fn", f: (x) => x[i]! - g(x) };
      case "*": return { kind: "fn", f: (x) => x[i]! * g(x) };
      case "/": return { kind: "fn", f: (x) => x[i]! / g(x) };
      default: return { kind: "fn", f: (x) => power(x[i]!, g(x)) };
    }
  }
  if (r.kind === "slot") {
    const f = asFn(l), j = r.i;
    switch (op) {
      case "+": return { kind: "fn", f: (x) => f(x) + x[j]! };
      case "-": return { kind: "fn", f: (x) => f(x) - x[j]! };
      case "*": return { kind: "fn", f: (x) => f(x) * x[j]! };
      case "/": return { kind: "fn", f: (x) => f(x) / x[j]! };
      default: return { kind: "fn", f: (x) => power(f(x), x[j]!) };
    }
  }
  if (l.kind === "const") {
    const a = l.v, g = asFn(r);
    switch (op) {
      case "+": return { kind: "fn", f: (x) => a + g(x) };
      case "-": return { kind: "fn", f: (x) => a - g(x) };
      case "*": return { kind: "fn", f: (x) => a * g(x) };
      case "/": return { kind: "fn", f: (x) => a / g(x) };
      default: return { kind: "fn", f: (x) => power(a, g(x)) };
    }
  }
  if (r.kind === "const") {
    const f = asFn(l), b = r.v;
    switch (op) {
      case "+": return { kind: "fn", f: (x) => f(x) + b };
      case "-": return { kind: "fn", f: (x) => f(x) - b };
      case "*": return { kind: "fn", f: (x) => f(x) * b };
      default: return { kind: "fn", f: (x) => f(x) / b };
    }
  }
  const f = asFn(l), g = asFn(r);
  switch (op) {
    case "+": return { kind: "fn", f: (x) => f(x) + g(x) };
    case "-": return { kind: "fn", f: (x) => f(x) - g(x) };
    case "*": return { kind: "fn", f: (x) => f(x) * g(x) };
    case "/": return { kind: "fn", f: (x) => f(x) / g(x) };
    default: return { kind: "fn", f: (x) => power(f(x), g(x)) };
  }
}

/** A call through the function table's float form, specialised on the count of arguments. */
function call(fn: FunctionName, args: readonly Compiled[]): Node {
  const g = functionSpec(fn).float;
  const [a, b] = args as [Compiled, Compiled | undefined];
  if (args.length === 1) return { kind: "fn", f: (x) => g(a(x)) };
  if (args.length === 2) return { kind: "fn", f: (x) => g(a(x), b!(x)) };
  return { kind: "fn", f: (x) => g(...args.map((h) => h(x))) };
}

/** Every input and formula a set of targets needs, compiled into one program over a value array. */
export interface Program {
  /** Index of each input (and formula) in the value array. */
  readonly slots: ReadonlyMap<string, number>;
  /** The inputs the targets read, in the sheet's order: the caller fills their slots. */
  readonly inputs: readonly string[];
  readonly size: number;
  /** Computes every needed formula in evaluation order into the array. */
  readonly run: (x: Float64Array) => void;
}

/** Compiles what `targets` need. Each formula's closure writes its slot; a chain runs them in order. */
export function compileProgram(sheet: Sheet, targets: readonly string[]): Program {
  const needed = closure(sheet, targets);
  const inputs = sheet.inputs.map((i) => i.name).filter((n) => needed.has(n));
  const formulas = sheet.evaluationOrder.filter((n) => needed.has(n));
  const slots = new Map<string, number>();
  for (const n of [...inputs, ...formulas]) slots.set(n, slots.size);
  const byName = new Map(sheet.formulas.map((f) => [f.name, f]));
  const slot = (n: string) => {
    const i = slots.get(n);
    if (i === undefined) throw new Error(`internal error: ${n} has no slot`);
    return i;
  };
  const generated = generateProgram(formulas.map((n) => [slot(n), byName.get(n)!.definition.expr] as const), slot, slots.size);
  if (generated) return { slots, inputs, size: slots.size, run: generated };
  // A chain of closures, each running the ones before it, then writing its formula's slot: every
  // call site is monomorphic (an array of closures looped over would not be).
  let run: (x: Float64Array) => void = () => {};
  for (const name of formulas) {
    const f = compileExpr(byName.get(name)!.definition.expr, slot);
    const k = slot(name);
    const before = run;
    run = (x) => {
      before(x);
      x[k] = f(x);
    };
  }
  return { slots, inputs, size: slots.size, run };
}

/**
 * A canonical form compiled to one loop over flat typed arrays: each term's coefficient times its
 * factors' powers. One function with arrays for data, not a tree of closures, so its call sites
 * stay monomorphic; atoms (min, ceil, a power of a sum) are compiled first and read like inputs.
 * With the inputs a sweep holds fixed substituted exactly beforehand, what remains is a few terms
 * in the varied names, which costs about what a hand-written function costs.
 */
export function compileCanonical(c: Canonical, slot: (name: string) => number): Compiled {
  const atoms: Compiled[] = [];
  const atomIndex = new Map<string, number>();
  const terms: { coef: number; factors: { where: number; exp: number }[] }[] = [];
  for (const t of c.terms) {
    const factors = t.factors.map((f) => {
      let where: number;
      if (f.base.kind === "var") where = slot(f.base.name);
      else {
        let k = atomIndex.get(f.base.key);
        if (k === undefined) {
          k = atoms.length;
          atomIndex.set(f.base.key, k);
          atoms.push(compileBase(f.base, slot));
        }
        // Atoms are numbered after the value array's slots: -1 - k.
        where = -1 - k;
      }
      return { where, exp: f.exp.toNumber() };
    });
    terms.push({ coef: t.coef.toNumber(), factors });
  }
  if (atoms.length === 0 && terms.length <= SMALL) return smallPolynomial(terms);
  return loopPolynomial(terms, atoms);
}

/** Up to this many terms, each term is a closure of its own shape and the sum is written out. */
const SMALL = 8;

type FlatTerm = { coef: number; factors: { where: number; exp: number }[] };

// The shapes a term of a shipped formula takes once a sweep's fixed inputs are substituted: a
// constant, c·x, c·x², c/x, c·x·y. Each becomes one small closure V8 can inline into the sum.
function termClosure(t: FlatTerm): Compiled {
  const c = t.coef;
  const f = t.factors;
  if (f.length === 0) return () => c;
  if (f.length === 1) {
    const i = f[0]!.where, e = f[0]!.exp;
    if (e === 1) return (x) => c * x[i]!;
    if (e === 2) return (x) => c * x[i]! * x[i]!;
    if (e === -1) return (x) => c / x[i]!;
    if (e === 3) return (x) => c * x[i]! * x[i]! * x[i]!;
    return (x) => c * Math.pow(x[i]!, e);
  }
  if (f.length === 2 && f[0]!.exp === 1 && f[1]!.exp === 1) {
    const i = f[0]!.where, j = f[1]!.where;
    return (x) => c * x[i]! * x[j]!;
  }
  if (f.length === 2 && f[0]!.exp === 2 && f[1]!.exp === 1) {
    const i = f[0]!.where, j = f[1]!.where;
    return (x) => c * x[i]! * x[i]! * x[j]!;
  }
  if (f.length === 2 && f[0]!.exp === 1 && f[1]!.exp === 2) {
    const i = f[0]!.where, j = f[1]!.where;
    return (x) => c * x[i]! * x[j]! * x[j]!;
  }
  return loopPolynomial([t], []);
}

function smallPolynomial(terms: readonly FlatTerm[]): Compiled {
  const t = terms.map(termClosure);
  const [a, b, c, d, e, f, g, h] = t as Compiled[];
  switch (t.length) {
    case 0: return () => 0;
    case 1: return a!;
    case 2: return (x) => a!(x) + b!(x);
    case 3: return (x) => a!(x) + b!(x) + c!(x);
    case 4: return (x) => a!(x) + b!(x) + c!(x) + d!(x);
    case 5: return (x) => a!(x) + b!(x) + c!(x) + d!(x) + e!(x);
    case 6: return (x) => a!(x) + b!(x) + c!(x) + d!(x) + e!(x) + f!(x);
    case 7: return (x) => a!(x) + b!(x) + c!(x) + d!(x) + e!(x) + f!(x) + g!(x);
    default: return (x) => a!(x) + b!(x) + c!(x) + d!(x) + e!(x) + f!(x) + g!(x) + h!(x);
  }
}

/** Any number of terms: one loop over flat typed arrays, its call sites monomorphic. */
function loopPolynomial(terms: readonly FlatTerm[], atoms: readonly Compiled[]): Compiled {
  const C = Float64Array.from(terms.map((t) => t.coef));
  const S = Int32Array.from([0, ...terms.map((_, i) => terms.slice(0, i + 1).reduce((n, t) => n + t.factors.length, 0))]);
  const W = Int32Array.from(terms.flatMap((t) => t.factors.map((f) => f.where)));
  const P = Float64Array.from(terms.flatMap((t) => t.factors.map((f) => f.exp)));
  const nTerms = C.length;
  const A = new Float64Array(atoms.length);
  const nAtoms = atoms.length;
  return (x) => {
    for (let a = 0; a < nAtoms; a++) A[a] = atoms[a]!(x);
    let sum = 0;
    for (let t = 0; t < nTerms; t++) {
      let v = C[t]!;
      for (let k = S[t]!, end = S[t + 1]!; k < end; k++) {
        const w = W[k]!;
        const b = w >= 0 ? x[w]! : A[-1 - w]!;
        const e = P[k]!;
        v *= e === 1 ? b : e === 2 ? b * b : e === -1 ? 1 / b : e === 3 ? b * b * b : Math.pow(b, e);
      }
      sum += v;
    }
    return sum;
  };
}

function compileBase(b: Base, slot: (name: string) => number): Compiled {
  switch (b.kind) {
    case "var": {
      const i = slot(b.name);
      return (x) => x[i]!;
    }
    case "pow":
      return compileCanonical(b.base, slot);
    case "call": {
      const args = b.args.map((a) => compileCanonical(a, slot));
      if (b.fn === "pow") {
        const [f, g] = args as [Compiled, Compiled];
        return (x) => power(f(x), g(x));
      }
      const n = call(b.fn, args);
      return asFn(n);
    }
    default:
      return assertNever(b);
  }
}

/**
 * The formulas as one function, `x[k] = …;` a line each, in evaluation order: about what a
 * hand-written function costs, where a chain of closures cost 75 times that. Undefined where the
 * host refuses to make functions from text (a page's Content-Security-Policy) or the nesting is
 * deeper than its parser goes: the closures serve then.
 */
function generateProgram(lines: readonly (readonly [number, Expr])[], slot: (name: string) => number, size: number): ((x: Float64Array) => void) | undefined {
  const fns: ((...args: number[]) => number)[] = [];
  const literal = (v: number) => (Number.isFinite(v) && !Object.is(v, -0) ? `(${String(v)})` : v !== v ? "NaN" : v === Infinity ? "Infinity" : v === -Infinity ? "(-Infinity)" : "(-0)");
  const code = (e: Expr): string => {
    switch (e.kind) {
      case "number":
        return literal(number(e.text));
      case "symbol":
        return `x[${slot(e.name)}]`;
      case "group":
        return code(e.inner);
      case "negate":
        return `(-${code(e.arg)})`;
      case "binary":
        return e.op === "^" ? `p(${code(e.left)}, ${code(e.right)})` : `(${code(e.left)} ${e.op} ${code(e.right)})`;
      case "call":
        fns.push(functionSpec(e.fn).float);
        return `f[${fns.length - 1}](${e.args.map(code).join(", ")})`;
      default:
        return assertNever(e);
    }
  };
  const body = lines.map(([k, e]) => `x[${k}] = ${code(e)};`).join("\n");
  try {
    const program = new Function("f", "p", `"use strict"; return function program(x) {\n${body}\n};`)(fns, power) as (x: Float64Array) => void;
    // V8 compiles the inner function at its first call: call it once here, where a nesting too
    // deep for the parser is still caught.
    program(new Float64Array(size));
    return program;
  } catch (e) {
    // EvalError where a policy forbids it; RangeError where a formula nests deeper than the parser goes.
    if (e instanceof EvalError || e instanceof RangeError) return undefined;
    throw e;
  }
}