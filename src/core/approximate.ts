/**
 * High-precision values of functions whose results are not rational: √, logarithms, exp and
 * fractional powers, to 64 significant digits. decimal.js does the arithmetic: it is the library
 * mathjs builds its BigNumbers on, so the digits are the ones mathjs gives, without loading mathjs
 * (about 1 s, 10–20× a bare Node start) and without any Node built-in, so the core runs in a
 * browser. Values go in and out as rationals, never as text to evaluate.
 */
import { Decimal } from "decimal.js";
import { ArithmeticError, Rational } from "./rational.js";

export const PRECISION = 64;

export type ApproxFunction = "sqrt" | "ln" | "log2" | "log10" | "exp" | "pow";

// A private clone: settings made here cannot leak into, or be changed by, another user of decimal.js.
const D = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -7, toExpPos: 21 });

const DECIMAL: Record<ApproxFunction, (x: Decimal, y: Decimal) => Decimal> = {
  sqrt: (x) => x.sqrt(),
  ln: (x) => x.ln(),
  log2: (x) => D.log2(x),
  log10: (x) => D.log10(x),
  exp: (x) => x.exp(),
  pow: (x, y) => x.pow(y),
};

/** Beyond this power of ten a result is refused, as exact results beyond 30,000 digits are. */
const MAX_EXPONENT = 30_000;

function toDecimal(q: Rational): Decimal {
  return q.isInteger() ? new D(q.n.toString()) : new D(q.n.toString()).div(q.d.toString());
}

function fromDecimal(x: Decimal, what: string): Rational {
  if (x.isNaN() || !x.isFinite()) throw new ArithmeticError("overflow", `${what} is not a finite number`);
  if (x.isZero()) return Rational.ZERO;
  const exponent = x.e;
  if (Math.abs(exponent) > MAX_EXPONENT) {
    throw new ArithmeticError("overflow", `${what} is ${exponent > 0 ? "larger" : "smaller"} than 10^${exponent > 0 ? "" : "-"}${MAX_EXPONENT} (about 10^${exponent})`);
  }
  const text = x.abs().toString();
  const q = Rational.parseDecimal(text);
  if (q === undefined) throw new ArithmeticError("domain", `${what} is not a real number`);
  return x.isNegative() ? q.neg() : q;
}

/**
 * An approximation of fn(args) to 64 significant digits. Domains are checked by the caller.
 *
 * @example approximate("sqrt", [Rational.of(2)]).toString() // "1414213562373095048801688724209698078569671875376948073176679738/1000…0"
 */
export function approximate(fn: ApproxFunction, args: readonly Rational[]): Rational {
  const [x, y] = args.map(toDecimal) as [Decimal, Decimal | undefined];
  const what = `${fn}(${args.map(String).join(", ")})`;
  return fromDecimal(DECIMAL[fn](x, y!), what);
}
