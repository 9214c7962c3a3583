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

/**
 * A value as every format shows it: exact, then its rounded form where showsRounded says so;
 * approximations only rounded. The trail shows an exact value whole however long it is; a summary
 * line (solve, breakdown, sensitivity) gives `longerThan` and then says how many digits an exact
 * value beyond it has instead of printing them.
 *
 * @example resultText({ q: Rational.of(1271, 1500), exact: true }, 3) // "1,271/1,500 ≈ 0.847"
 */
export function resultText(v: Value, digits: number, longerThan = Infinity): string {
  if (!v.exact) return `≈ ${formatRounded(v.q, digits)}`;
  const exact = formatExact(v.q);
  if (exact.length > longerThan) return `≈ ${formatRounded(v.q, digits)} (exact: ${v.q.toString().length} digits)`;
  return showsRounded(v.q, digits) ? `${exact} ≈ ${formatRounded(v.q, digits)}` : exact;
}
