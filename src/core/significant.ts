/**
 * Rounding to significant figures, exactly: a rational in, a mantissa of whole digits and a power
 * of ten out. Halves round away from zero, as papers round their figures.
 */
import { Rational } from "./rational.js";

export interface Rounded {
  readonly sign: -1 | 0 | 1;
  /** Exactly `digits` digits, no leading zero (e.g. "141"), or "0…0" for zero. */
  readonly mantissa: string;
  /** The power of ten of the first digit: 1.41 × 10⁹ has exponent 9. */
  readonly exponent: number;
}

const TEN = 10n;

/** floor(log10(|x|)) for x ≠ 0, exactly. */
export function decimalExponent(x: Rational): number {
  const n = x.n < 0n ? -x.n : x.n;
  let e = n.toString().length - x.d.toString().length;
  // 10^e ≤ n/d < 10^(e+1), adjusting the estimate by at most one step either way, in integers:
  // a Rational here reduced 17,000-digit numbers by their gcd, seconds a comparison.
  const below = (k: number) => (k >= 0 ? n < x.d * TEN ** BigInt(k) : n * TEN ** BigInt(-k) < x.d);
  while (below(e)) e--;
  while (!below(e + 1)) e++;
  return e;
}

/**
 * @example roundSignificant(Rational.of(1409286144n), 3) // { sign: 1, mantissa: "141", exponent: 9 }
 */
export function roundSignificant(x: Rational, digits: number): Rounded {
  if (x.isZero()) return { sign: 0, mantissa: "0".repeat(digits), exponent: 0 };
  let exponent = decimalExponent(x);
  const shift = digits - 1 - exponent;
  // |x|·10^shift rounded half away from zero, as floor((2·num + den) / (2·den)), in integers only:
  // a rational here would reduce by a gcd of 30,000-digit numbers, which took seconds.
  const n = x.n < 0n ? -x.n : x.n;
  const num = shift >= 0 ? n * TEN ** BigInt(shift) : n;
  const den = shift >= 0 ? x.d : x.d * TEN ** BigInt(-shift);
  let m = (2n * num + den) / (2n * den);
  if (m.toString().length > digits) {
    m /= TEN;
    exponent++;
  }
  return { sign: x.sign, mantissa: m.toString(), exponent };
}

/** The rounded value as a rational again (for comparing a result with a published figure). */
export function roundedValue(r: Rounded): Rational {
  const m = Rational.of(BigInt(r.mantissa) * BigInt(r.sign));
  const e = r.exponent - (r.mantissa.length - 1);
  return e >= 0 ? m.mul(Rational.of(TEN ** BigInt(e))) : m.div(Rational.of(TEN ** BigInt(-e)));
}

/**
 * The significant digits a number is written to: `70e9` and `70000000000` to 1, `174600e6` to 4,
 * `6.70e9` to 3 (a trailing zero after the point is a digit stated), `8030261248` to 10.
 *
 * @example writtenDigits("1.35 × 10^23") // 3
 */
export function writtenDigits(text: string): number {
  const mantissa = text.trim().replace(/^[-−+]/, "").split(/\s*(?:[eE]|×|\*)/)[0]!.replace(/_/g, "");
  const hasPoint = mantissa.includes(".");
  let digits = mantissa.replace(".", "").replace(/^0+/, "");
  if (!hasPoint) digits = digits.replace(/0+$/, "");
  return Math.max(1, digits.length);
}
