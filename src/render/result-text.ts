import { Rational } from "../core/rational.js";
import type { Value } from "../evaluate/value.js";
import { formatExact, formatRounded, roundsExactly } from "./numbers.js";

const MILLION = Rational.of(1_000_000);

/**
 * A result as the trail shows it: the exact value, then the rounded one when it says something
 * the exact one does not: when rounding changes it, or when it is a million or more and its
 * magnitude is easier read from the power of ten (`1,409,286,144 ≈ 1.41 × 10⁹`, but `128`).
 * Approximations are shown only rounded.
 */
export function resultText(v: Value, digits: number): string {
  if (!v.exact) return `≈ ${formatRounded(v.q, digits)}`;
  const exact = formatExact(v.q);
  const plain = roundsExactly(v.q, digits) && v.q.abs().cmp(MILLION) < 0;
  return plain ? exact : `${exact} ≈ ${formatRounded(v.q, digits)}`;
}
