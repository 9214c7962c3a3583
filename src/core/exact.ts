/**
 * Exact values of powers and logarithms where they are rational: 4^(3/2) = 8, log₂ 8 = 3.
 */
import { Rational } from "./rational.js";

/** c^q for rational q when the result is rational (c > 0), else undefined. */
export function rationalPower(c: Rational, q: Rational): Rational | undefined {
  const root = c.root(q.d);
  return root === undefined ? undefined : root.pow(q.n);
}

/** The whole number k with b^k = x, if there is one (x, b > 0, b ≠ 1). */
export function exactLog(x: Rational, b: Rational): Rational | undefined {
  if (x.sign <= 0 || b.sign <= 0 || b.isOne()) return undefined;
  if (x.isOne()) return Rational.ZERO;
  // Estimate k from magnitudes, then confirm with one exact power.
  const k = Math.round(log2(x) / log2(b));
  if (!Number.isFinite(k) || k === 0) return undefined;
  try {
    return b.pow(BigInt(k)).equals(x) ? Rational.of(k) : undefined;
  } catch {
    return undefined; // the power itself would be too large: not an exact logarithm we can show
  }
}

/** log₂ of a positive rational, approximately, for any size. */
function log2(r: Rational): number {
  const big = (v: bigint) => {
    const bits = v.toString(2).length;
    const shift = Math.max(0, bits - 60);
    return Math.log2(Number(v >> BigInt(shift))) + shift;
  };
  return big(r.n) - big(r.d);
}
