import { Rational } from "../core/rational.js";
import type { Value } from "../evaluate/value.js";
import { formatExact, formatRounded, roundsExactly } from "./numbers.js";

const MILLION = Rational.of(1_000_000);

/**
 * Whether a result shows its rounded form after the exact one: when rounding changes it, or when
 * it is a million or more and its magnitude is easier read from the power of ten
 * (`1,409,286,144 ≈ 1.41 × 10⁹`, but `128`). Every format follows this rule.
 */
export function showsRounded(q: Rational, digits: number): boolean {
  return !roundsExactly(q, digits) || q.abs().cmp(MILLION) >= 0;
}

/** A result as the trail shows it (see showsRounded); approximations are shown only rounded. */
export function resultText(v: Value, digits: number): string {
  if (!v.exact) return `≈ ${formatRounded(v.q, digits)}`;
  const exact = formatExact(v.q);
  return showsRounded(v.q, digits) ? `${exact} ≈ ${formatRounded(v.q, digits)}` : exact;
}
