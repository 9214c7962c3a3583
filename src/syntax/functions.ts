/**
 * The functions of the formula language, one entry each: how many arguments it takes, where it is
 * defined, its exact value where that is rational, its 64-digit approximation where it is not, its
 * float form for sweeps, its derivative (and where it has none), how units pass through it, how
 * canonical forms treat it, and how it is written in text and LaTeX. The lexer, the parser's arity
 * check, the algebra, the dimension check, evaluation, compilation and every renderer read this
 * table and switch over no function's name, so no two of them can disagree about a function, and
 * a function added here is complete or fails the test that walks the table.
 */
import { approximate } from "../core/approximate.js";
import { exactLog } from "../core/exact.js";
import { ArithmeticError, Rational } from "../core/rational.js";

export const FUNCTIONS = ["sqrt", "log", "ln", "log2", "log10", "exp", "min", "max", "ceil", "floor", "abs"] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/**
 * How canonical forms treat a call: `power` is x^(1/2); `base-change` is ln x, or ln x / ln b with
 * a base; `natural` is an atom whose constant arguments split into logarithms of integers
 * (ln 4 = 2·ln 2);
 * `lattice` flattens nested calls and folds constants (min, max); `atom` stays an opaque factor,
 * folded to a constant when its arguments are constants with a rational result.
 */
export type SymbolicRule = "power" | "base-change" | "natural" | "lattice" | "atom";

/** LaTeX of a call: an operator name before parentheses, or delimiters around the argument, or a radical. */
export type LatexForm = { readonly operator: string } | { readonly left: string; readonly right: string } | { readonly radical: true };

/**
 * What a derivative rule builds with: the algebra's operations, handed in so that this table needs
 * nothing above the syntax layer. `F` is whatever the caller differentiates (canonical forms).
 */
export interface Calculus<F> {
  constant(q: Rational): F;
  add(a: F, b: F): F;
  mul(a: F, b: F): F;
  div(a: F, b: F): F;
  call(fn: FunctionName, args: readonly F[]): F;
  /** Whether two forms are the same (min's tied arguments must move alike). */
  same(a: F, b: F): boolean;
  /** The derivative of argument i. */
  d(i: number): F;
  /** The float value of argument i at the point asked; undefined when no point was given. */
  readonly at?: (i: number) => number;
  /** Refuses: there is no derivative here, and why. */
  none(why: string): never;
}

/**
 * How units pass through a call: `pure` takes and gives pure numbers (a logarithm of bytes has no
 * unit); `root` halves its argument's dimension; `same` keeps its argument's; `alike` takes
 * arguments of one dimension and keeps it.
 */
export type DimensionRule = "pure" | "root" | "same" | "alike";

export interface FunctionSpec {
  readonly name: FunctionName;
  /** Fewest and most arguments. */
  readonly arity: readonly [number, number];
  /** Why these arguments are outside the domain, or undefined when they are inside it. */
  readonly domain: (args: readonly Rational[]) => string | undefined;
  /** The value at exact arguments when it is rational, else undefined. */
  readonly exact: (args: readonly Rational[]) => Rational | undefined;
  /**
   * The 64-digit approximation where `exact` has no answer. Functions without one (floor, min, …)
   * are closed over the rationals: applied to an approximation, their value is approximate too.
   */
  readonly approximate?: (args: readonly Rational[]) => Rational;
  /** The value in doubles, for sweeps: the same function as `exact`/`approximate`, rounded. */
  readonly float: (...args: number[]) => number;
  /** ∂f(u, …)/∂x through its arguments' derivatives; refuses through `none` where there is none. */
  readonly derivative: <F>(c: Calculus<F>, args: readonly F[]) => F;
  /** Where the function has no derivative, in words: documentation the table's test checks. */
  readonly notDifferentiable?: string;
  readonly dimension: DimensionRule;
  /**
   * Piecewise constant with steps at whole numbers (floor, ceil): an approximate argument next to
   * a step is decided from exact values, since a 64-digit rounding could land on either side.
   */
  readonly steps?: boolean;
  readonly symbolic: SymbolicRule;
  readonly latex: LatexForm;
}

const positive = (fn: string) => (args: readonly Rational[]) =>
  args[0]!.sign <= 0 ? `${fn}(${args[0]}) is undefined: its argument must be positive` : undefined;

const logBase = (args: readonly Rational[]) => {
  const base = args[1];
  if (base !== undefined && (base.sign <= 0 || base.isOne())) return `a logarithm to base ${base} is undefined`;
  return positive("log")(args);
};

const pick = (fn: "min" | "max") => (args: readonly Rational[]) =>
  args.reduce((best, x) => ((fn === "min" ? x.cmp(best) < 0 : x.cmp(best) > 0) ? x : best));

/** ln x / ln b, to 64 digits. */
function approximateLog(args: readonly Rational[]): Rational {
  const ln = approximate("ln", [args[0]!]);
  return args.length === 2 ? ln.div(approximate("ln", [args[1]!])) : ln;
}

const TWO = Rational.of(2);
const neg = <F>(c: Calculus<F>, a: F) => c.mul(c.constant(Rational.of(-1)), a);
/** u′ / (u · ln b): the derivative of a logarithm to a constant base b. */
const logDerivative = (base?: Rational) => <F>(c: Calculus<F>, [u]: readonly F[]) =>
  c.div(c.d(0), base === undefined ? u! : c.mul(u!, c.call("ln", [c.constant(base)])));

/** min and max: the derivative of the argument active at the point; tied arguments must agree. */
const activeDerivative = (fn: "min" | "max") => <F>(c: Calculus<F>, args: readonly F[]): F => {
  if (!c.at) return c.none(`${fn} has no derivative without a point`);
  const values = args.map((_, i) => c.at!(i));
  const best = functionSpec(fn).float(...values);
  const ds = args.flatMap((_, i) => (values[i] === best ? [c.d(i)] : []));
  if (ds.some((d) => !c.same(d, ds[0]!))) c.none(`${fn}'s arguments tie at this point and move apart: no derivative here`);
  return ds[0]!;
};

/** floor and ceil: zero between their steps, and undefined on them, which a point almost never is. */
const stepDerivative = (fn: "floor" | "ceil") => <F>(c: Calculus<F>): F => {
  if (!c.at) return c.none(`${fn} has no derivative without a point`);
  return c.constant(Rational.ZERO);
};

/** min and max: any number of arguments of one dimension; the active one's derivative. */
function lattice(name: "min" | "max", float: (...args: number[]) => number): FunctionSpec {
  return {
    name,
    arity: [1, Infinity],
    domain: () => undefined,
    exact: pick(name),
    float,
    derivative: activeDerivative(name),
    notDifferentiable: "where two arguments tie and move apart; asked without a point",
    dimension: "alike",
    symbolic: "lattice",
    latex: { operator: `\\${name}` },
  };
}

/** ceil and floor: steps at whole numbers, flat between them. */
function step(name: "ceil" | "floor", float: (x: number) => number, latex: LatexForm): FunctionSpec {
  return {
    name,
    arity: [1, 1],
    domain: () => undefined,
    exact: (a) => (name === "ceil" ? a[0]!.ceil() : a[0]!.floor()),
    float,
    derivative: stepDerivative(name),
    notDifferentiable: "at whole numbers; asked without a point",
    dimension: "same",
    steps: true,
    symbolic: "atom",
    latex,
  };
}

const SPECS: readonly FunctionSpec[] = [
  {
    name: "sqrt",
    arity: [1, 1],
    domain: (a) => (a[0]!.sign < 0 ? `√(${a[0]}) is not a real number` : undefined),
    exact: (a) => a[0]!.root(2n),
    approximate: (a) => approximate("sqrt", a),
    float: Math.sqrt,
    // u′ / (2√u); at 0 the slope is vertical.
    derivative: (c, [u]) => {
      if (c.at?.(0) === 0) c.none("√x has no derivative at 0");
      return c.div(c.d(0), c.mul(c.constant(TWO), c.call("sqrt", [u!])));
    },
    notDifferentiable: "at 0",
    dimension: "root",
    symbolic: "power",
    latex: { radical: true },
  },
  {
    name: "log",
    arity: [1, 2],
    domain: logBase,
    exact: (a) => (a.length === 2 ? exactLog(a[0]!, a[1]!) : a[0]!.isOne() ? Rational.ZERO : undefined),
    approximate: approximateLog,
    float: (x, b) => (b === undefined ? Math.log(x!) : Math.log(x!) / Math.log(b)),
    // log_b u = ln u / ln b: (u′/u · ln b − ln u · b′/b) / (ln b)².
    derivative: (c, [u, b]) => {
      if (b === undefined) return c.div(c.d(0), u!);
      const lnU = c.call("ln", [u!]);
      const lnB = c.call("ln", [b]);
      const top = c.add(c.mul(c.div(c.d(0), u!), lnB), neg(c, c.mul(lnU, c.div(c.d(1), b))));
      return c.div(top, c.mul(lnB, lnB));
    },
    dimension: "pure",
    symbolic: "base-change",
    latex: { operator: "\\log" },
  },
  {
    name: "ln",
    arity: [1, 1],
    domain: positive("ln"),
    exact: (a) => (a[0]!.isOne() ? Rational.ZERO : undefined),
    approximate: (a) => approximate("ln", a),
    float: Math.log,
    derivative: logDerivative(),
    dimension: "pure",
    symbolic: "natural",
    latex: { operator: "\\ln" },
  },
  {
    name: "log2",
    arity: [1, 1],
    domain: positive("log2"),
    exact: (a) => exactLog(a[0]!, TWO),
    approximate: (a) => approximate("log2", a),
    float: Math.log2,
    derivative: logDerivative(TWO),
    dimension: "pure",
    symbolic: "atom",
    latex: { operator: "\\log_2" },
  },
  {
    name: "log10",
    arity: [1, 1],
    domain: positive("log10"),
    exact: (a) => exactLog(a[0]!, Rational.of(10)),
    approximate: (a) => approximate("log10", a),
    float: Math.log10,
    derivative: logDerivative(Rational.of(10)),
    dimension: "pure",
    symbolic: "atom",
    latex: { operator: "\\log_{10}" },
  },
  {
    name: "exp",
    arity: [1, 1],
    domain: () => undefined,
    exact: (a) => (a[0]!.isZero() ? Rational.ONE : undefined),
    approximate: (a) => approximate("exp", a),
    float: Math.exp,
    derivative: (c, [u]) => c.mul(c.call("exp", [u!]), c.d(0)),
    dimension: "pure",
    symbolic: "atom",
    latex: { operator: "\\exp" },
  },
  lattice("min", Math.min),
  lattice("max", Math.max),
  step("ceil", Math.ceil, { left: "\\left\\lceil ", right: " \\right\\rceil" }),
  step("floor", Math.floor, { left: "\\left\\lfloor ", right: " \\right\\rfloor" }),
  {
    name: "abs",
    arity: [1, 1],
    domain: () => undefined,
    exact: (a) => a[0]!.abs(),
    float: Math.abs,
    derivative: (c) => {
      if (!c.at) return c.none("abs has no derivative without a point");
      const s = Math.sign(c.at(0));
      if (s === 0) c.none("abs has no derivative at 0");
      return c.mul(c.constant(Rational.of(s)), c.d(0));
    },
    notDifferentiable: "at 0; asked without a point",
    dimension: "same",
    symbolic: "atom",
    latex: { left: "\\left\\lvert ", right: " \\right\\rvert" },
  },
];

const TABLE = new Map<string, FunctionSpec>(SPECS.map((s) => [s.name, s]));

/** The entry of a function of the language. */
export function functionSpec(name: FunctionName): FunctionSpec {
  return TABLE.get(name)!;
}

export function isFunctionName(name: string): name is FunctionName {
  return TABLE.has(name);
}

/** Throws an ArithmeticError when the arguments are outside the function's domain. */
export function checkDomain(name: FunctionName, args: readonly Rational[]): void {
  const why = functionSpec(name).domain(args);
  if (why !== undefined) throw new ArithmeticError("domain", why);
}

/** "sqrt takes 1 argument, got 2", or undefined when the count is right. */
export function arityProblem(name: FunctionName, count: number): string | undefined {
  const [min, max] = functionSpec(name).arity;
  if (count >= min && count <= max) return undefined;
  const wanted = max === Infinity ? `at least ${min}` : min === max ? `${min}` : `${min} or ${max}`;
  return `${name} takes ${wanted} argument${wanted === "1" ? "" : "s"}, got ${count}`;
}

/** A call as LaTeX, from its arguments' LaTeX. */
export function callLatex(name: FunctionName, args: readonly string[]): string {
  const form = functionSpec(name).latex;
  if ("radical" in form) return `\\sqrt{${args[0]}}`;
  if ("left" in form) return `${form.left}${args[0]}${form.right}`;
  return `${form.operator}\\left(${args.join(", ")}\\right)`;
}

/**
 * A call split for line breaking: its opening and closing LaTeX with fixed-size parentheses, which
 * may stand on different lines; undefined for a function drawn around its argument (√, ⌈⌉, |·|).
 */
export function callLatexEnds(name: FunctionName): { open: string; close: string } | undefined {
  const form = functionSpec(name).latex;
  return "operator" in form ? { open: `${form.operator}\\bigl(`, close: "\\bigr)" } : undefined;
}

/** A call as formula-language text, from its arguments' text: `min(a, b)`. */
export function callText(name: string, args: readonly string[]): string {
  return `${name}(${args.join(", ")})`;
}
