import type { Rational } from "../core/rational.js";

/**
 * A computed value. `exact` values are the true rational result; the others are decimal
 * approximations to 64 significant digits (from √, logarithms, exp, fractional powers), held as
 * rationals so rounding and comparison stay exact arithmetic on the approximation.
 */
export interface Value {
  readonly q: Rational;
  readonly exact: boolean;
}
