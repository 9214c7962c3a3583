/**
 * A canonical term split the way people write it: sign, numerator (coefficient and factors with
 * positive exponents), denominator (the rest, exponents made positive). Both printers use it.
 */
import type { Factor, Term } from "../algebra/canonical.js";

export interface TermLayout {
  readonly negative: boolean;
  /** The coefficient's numerator, or undefined when it is 1 and there are factors to show. */
  readonly numeratorCoef?: bigint;
  readonly numerator: readonly Factor[];
  readonly denominatorCoef?: bigint;
  readonly denominator: readonly Factor[];
}

export function layoutTerm(t: Term): TermLayout {
  const numerator = t.factors.filter((f) => f.exp.sign > 0);
  const denominator = t.factors.filter((f) => f.exp.sign < 0).map((f) => ({ ...f, exp: f.exp.neg() }));
  const n = t.coef.n < 0n ? -t.coef.n : t.coef.n;
  return {
    negative: t.coef.sign < 0,
    numeratorCoef: n === 1n && numerator.length > 0 ? undefined : n,
    numerator,
    denominatorCoef: t.coef.d === 1n ? undefined : t.coef.d,
    denominator,
  };
}
