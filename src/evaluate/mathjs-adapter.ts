/**
 * The one place mathjs is used: high-precision values of functions whose results are not
 * rational. mathjs is loaded on first use (loading it costs about 0.6 s, 12× a bare Node start)
 * and built with only the functions needed, on BigNumbers of 64 significant digits. Values go in
 * and out as numbers, never as strings to evaluate.
 */
import { createRequire } from "node:module";
import { ArithmeticError, Rational } from "../core/rational.js";

export const PRECISION = 64;

export type ApproxFunction = "sqrt" | "ln" | "log2" | "log10" | "exp" | "pow";

interface BigNumber {
  toString(): string;
  isFinite(): boolean;
  isNaN(): boolean;
}

interface MathInstance {
  bignumber(x: string): BigNumber;
  divide(a: BigNumber, b: BigNumber): BigNumber;
  sqrt(x: BigNumber): BigNumber;
  log(x: BigNumber): BigNumber;
  log2(x: BigNumber): BigNumber;
  log10(x: BigNumber): BigNumber;
  exp(x: BigNumber): BigNumber;
  pow(x: BigNumber, y: BigNumber): BigNumber;
}

let instance: MathInstance | undefined;

function math(): MathInstance {
  if (!instance) {
    // Synchronous on purpose: evaluation is synchronous, and this runs only when a formula needs it.
    const m = createRequire(import.meta.url)("mathjs") as Record<string, unknown> & { create: (deps: object, config: object) => MathInstance };
    instance = m.create(
      {
        bignumberDependencies: m.bignumberDependencies,
        divideDependencies: m.divideDependencies,
        sqrtDependencies: m.sqrtDependencies,
        logDependencies: m.logDependencies,
        log2Dependencies: m.log2Dependencies,
        log10Dependencies: m.log10Dependencies,
        expDependencies: m.expDependencies,
        powDependencies: m.powDependencies,
      },
      { number: "BigNumber", precision: PRECISION },
    );
  }
  return instance;
}

function toBig(m: MathInstance, q: Rational): BigNumber {
  return q.isInteger() ? m.bignumber(q.n.toString()) : m.divide(m.bignumber(q.n.toString()), m.bignumber(q.d.toString()));
}

/** Beyond this power of ten a result is refused, as exact results beyond 30,000 digits are. */
const MAX_EXPONENT = 30_000;

function fromBig(b: BigNumber, what: string): Rational {
  if (b.isNaN() || !b.isFinite()) throw new ArithmeticError("overflow", `${what} is not a finite number`);
  const text = b.toString();
  const exponent = Number(/e([+-]\d+)$/.exec(text)?.[1] ?? 0);
  if (Math.abs(exponent) > MAX_EXPONENT) {
    throw new ArithmeticError("overflow", `${what} is ${exponent > 0 ? "larger" : "smaller"} than 10^${exponent > 0 ? "" : "-"}${MAX_EXPONENT} (about 10^${exponent})`);
  }
  const negative = text.startsWith("-");
  const q = Rational.parseDecimal(negative ? text.slice(1) : text);
  if (q === undefined) throw new ArithmeticError("domain", `${what} is not a real number`);
  return negative ? q.neg() : q;
}

/**
 * An approximation of fn(args) to 64 significant digits. Domains are checked by the caller.
 *
 * @example approximate("sqrt", [Rational.of(2)]) // 1.414213562373095048801688724209698078569671875376948073176679738
 */
export function approximate(fn: ApproxFunction, args: readonly Rational[]): Rational {
  const m = math();
  const xs = args.map((a) => toBig(m, a));
  const what = `${fn === "ln" ? "ln" : fn}(${args.map(String).join(", ")})`;
  switch (fn) {
    case "sqrt":
      return fromBig(m.sqrt(xs[0]!), what);
    case "ln":
      return fromBig(m.log(xs[0]!), what);
    case "log2":
      return fromBig(m.log2(xs[0]!), what);
    case "log10":
      return fromBig(m.log10(xs[0]!), what);
    case "exp":
      return fromBig(m.exp(xs[0]!), what);
    case "pow":
      return fromBig(m.pow(xs[0]!, xs[1]!), what);
  }
}
