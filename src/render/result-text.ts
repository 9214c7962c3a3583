import type { Value } from "../evaluate/value.js";
import { formatExact, formatRounded, roundsExactly } from "./numbers.js";

/**
 * A result as the trail shows it: the exact value, then the rounded one when it says something
 * the exact one does not (`1,409,286,144 ≈ 1.41 × 10⁹`, but `128`); approximations only rounded.
 */
export function resultText(v: Value, digits: number): string {
  if (!v.exact) return `≈ ${formatRounded(v.q, digits)}`;
  const exact = formatExact(v.q);
  return roundsExactly(v.q, digits) ? exact : `${exact} ≈ ${formatRounded(v.q, digits)}`;
}
