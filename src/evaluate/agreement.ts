/**
 * Whether a computed value agrees with a published one: within a relative tolerance where one is
 * stated, else when both round to the same significant digits. Published figures in a sheet's
 * scenarios and quantities a preset publishes are judged by this one rule.
 */
import type { Rational } from "../core/rational.js";
import { roundedValue, roundSignificant } from "../core/significant.js";
import type { Written } from "../sheet/model.js";
import { constantValue } from "./inputs.js";

export interface Agreement {
  readonly agrees: boolean;
  /** How the two were compared: "3 significant digits" or "rel ≤ 0.01". */
  readonly tolerance: string;
  /** (computed − published) / published; undefined when the published value is zero. */
  readonly relativeDifference?: Rational;
}

/** @example agreement(Rational.of(1409286144n), Rational.of(1410000000n), { digits: 3 }).agrees // true: both round to 1.41 × 10⁹ */
export function agreement(computed: Rational, published: Rational, tolerance: { readonly rel?: Written; readonly digits: number }): Agreement {
  const relativeDifference = published.isZero() ? undefined : computed.sub(published).div(published);
  if (tolerance.rel !== undefined) {
    const rel = constantValue(tolerance.rel, "a tolerance");
    const agrees = relativeDifference !== undefined ? relativeDifference.abs().cmp(rel) <= 0 : computed.isZero();
    return { agrees, tolerance: `rel ≤ ${tolerance.rel.text.trim()}`, relativeDifference };
  }
  const d = tolerance.digits;
  const agrees = roundedValue(roundSignificant(computed, d)).equals(roundedValue(roundSignificant(published, d)));
  return { agrees, tolerance: `${d} significant digit${d === 1 ? "" : "s"}`, relativeDifference };
}
