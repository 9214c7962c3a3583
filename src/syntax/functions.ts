/**
 * The functions of the formula language, one entry each: how many arguments it takes, where it is
 * defined, its exact value where that is rational, its 64-digit approximation where it is not,
 * how canonical forms treat it, and how it is written in text and LaTeX. The lexer, the parser's
 * arity check, the algebra, evaluation and every renderer read this table, so no two of them can
 * disagree about a function.
 */
import { approximate } from "../core/approximate.js";
import { exactLog } from "../core/exact.js";
import { ArithmeticError, Rational } from "../core/rational.js";

export const FUNCTIONS = ["sqrt", "log", "ln", "log2", "log10", "exp", "min", "max", "ceil", "floor", "abs"] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/**
 * How canonical forms treat a call: `power` is x^(1/2); `log` is ln x, or ln x / ln b with a base;
 * `lattice` flattens nested calls and folds constants (min, max); `atom` stays an opaque factor,
 * folded to a constant when its arguments are constants with a rational result.
 */
export type SymbolicRule = "power" | "log" | "lattice" | "atom";

/** LaTeX of a call: an operator name before parentheses, or delimiters around the argument, or a radical. */
export type LatexForm = { readonly operator: string } | { readonly left: string; readonly right: string } | { readonly radical: true };

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

const SPECS: readonly FunctionSpec[] = [
  {
    name: "sqrt",
    arity: [1, 1],
    domain: (a) => (a[0]!.sign < 0 ? `√(${a[0]}) is not a real number` : undefined),
    exact: (a) => a[0]!.root(2n),
    approximate: (a) => approximate("sqrt", a),
    symbolic: "power",
    latex: { radical: true },
  },
  {
    name: "log",
    arity: [1, 2],
    domain: logBase,
    exact: (a) => (a.length === 2 ? exactLog(a[0]!, a[1]!) : a[0]!.isOne() ? Rational.ZERO : undefined),
    approximate: approximateLog,
    symbolic: "log",
    latex: { operator: "\\log" },
  },
  {
    name: "ln",
    arity: [1, 1],
    domain: positive("ln"),
    exact: (a) => (a[0]!.isOne() ? Rational.ZERO : undefined),
    approximate: (a) => approximate("ln", a),
    symbolic: "atom",
    latex: { operator: "\\ln" },
  },
  {
    name: "log2",
    arity: [1, 1],
    domain: positive("log2"),
    exact: (a) => exactLog(a[0]!, Rational.of(2)),
    approximate: (a) => approximate("log2", a),
    symbolic: "atom",
    latex: { operator: "\\log_2" },
  },
  {
    name: "log10",
    arity: [1, 1],
    domain: positive("log10"),
    exact: (a) => exactLog(a[0]!, Rational.of(10)),
    approximate: (a) => approximate("log10", a),
    symbolic: "atom",
    latex: { operator: "\\log_{10}" },
  },
  {
    name: "exp",
    arity: [1, 1],
    domain: () => undefined,
    exact: (a) => (a[0]!.isZero() ? Rational.ONE : undefined),
    approximate: (a) => approximate("exp", a),
    symbolic: "atom",
    latex: { operator: "\\exp" },
  },
  { name: "min", arity: [1, Infinity], domain: () => undefined, exact: pick("min"), symbolic: "lattice", latex: { operator: "\\min" } },
  { name: "max", arity: [1, Infinity], domain: () => undefined, exact: pick("max"), symbolic: "lattice", latex: { operator: "\\max" } },
  { name: "ceil", arity: [1, 1], domain: () => undefined, exact: (a) => a[0]!.ceil(), symbolic: "atom", latex: { left: "\\left\\lceil ", right: " \\right\\rceil" } },
  { name: "floor", arity: [1, 1], domain: () => undefined, exact: (a) => a[0]!.floor(), symbolic: "atom", latex: { left: "\\left\\lfloor ", right: " \\right\\rfloor" } },
  { name: "abs", arity: [1, 1], domain: () => undefined, exact: (a) => a[0]!.abs(), symbolic: "atom", latex: { left: "\\left\\lvert ", right: " \\right\\rvert" } },
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

/** A call as formula-language text, from its arguments' text: `min(a, b)`. */
export function callText(name: string, args: readonly string[]): string {
  return `${name}(${args.join(", ")})`;
}
