/**
 * Which input moves a target most: exact partial derivatives of its canonical form, and
 * elasticities ∂ln f/∂ln x = x·(∂f/∂x)/f at the point, sorted by their size. For a monomial
 * (c·x^a·y^b) the elasticities are its exponents, everywhere, and the result says so.
 */
import { FlopsheetError } from "../core/errors.js";
import { ArithmeticError, Rational } from "../core/rational.js";
import { sheetForms } from "../algebra/sheet-forms.js";
import { derivative, NotDifferentiable } from "../algebra/derivative.js";
import type { Canonical } from "../algebra/canonical.js";
import { derive, findTarget, type Derivation, type DeriveOptions } from "../evaluate/derive.js";
import { evaluateCanonical } from "../evaluate/evaluate-canonical.js";
import type { Value } from "../evaluate/value.js";
import type { Sheet } from "../sheet/model.js";

export interface Sensitivity {
  readonly input: string;
  /** ∂target/∂input, as a form and at the point. */
  readonly partial: Canonical;
  readonly partialValue: Value;
  /** x·(∂f/∂x)/f at the point; undefined where f is 0. */
  readonly elasticity?: Value;
  /** Why there is no derivative (min's arguments tie at the point). */
  readonly reason?: string;
}

export interface SensitivityReport {
  readonly sheet: Sheet;
  readonly target: string;
  readonly value: Value;
  /** The target is one monomial: its elasticities are its exponents at every point. */
  readonly monomial: boolean;
  /** Sorted by |elasticity|, largest first. */
  readonly inputs: readonly Sensitivity[];
  readonly derivation: Derivation;
}

export function sensitivity(sheet: Sheet, target: string, options: DeriveOptions = {}): SensitivityReport {
  const formula = findTarget(sheet, target);
  const derivation = derive(sheet, formula.name, { ...options, symbolic: false });
  const values = new Map<string, Value>(derivation.inputs.map((i) => [i.input.name, i.value]));
  const F = sheetForms(sheet, { only: [formula.name] });
  const form = F.forms.get(formula.name);
  if (!form) throw new FlopsheetError({ code: "INVALID_VALUE", message: `${formula.name} has no canonical form to differentiate` });
  const at = (c: Canonical) => evaluateCanonical(c, values).q.toNumber();
  const f = derivation.value;
  const out: Sensitivity[] = [];
  for (const iv of derivation.inputs) {
    const x = iv.input.name;
    try {
      const partial = derivative(F.algebra, form, x, at);
      const partialValue = evaluateCanonical(partial, values);
      const elasticity = f.q.isZero() ? undefined : { q: iv.value.q.mul(partialValue.q).div(f.q), exact: partialValue.exact && f.exact };
      out.push({ input: x, partial, partialValue, ...(elasticity ? { elasticity } : {}) });
    } catch (e) {
      // √x at 0: the derivative exists as a form, but its value there is infinite.
      const infinite = e instanceof ArithmeticError || (e instanceof FlopsheetError && e.issues.every((i) => i.code === "ARITHMETIC"));
      if (!(e instanceof NotDifferentiable) && !infinite) throw e;
      const reason = e instanceof NotDifferentiable ? e.message : `no finite derivative at ${x} = ${iv.value.q}`;
      out.push({ input: x, partial: F.algebra.zero, partialValue: { q: Rational.ZERO, exact: true }, reason });
    }
  }
  const size = (s: Sensitivity) => (s.elasticity ? s.elasticity.q.abs() : Rational.MINUS_ONE);
  out.sort((a, b) => size(b).cmp(size(a)) || a.input.localeCompare(b.input));
  // A product of powers of the inputs: exp(x), log(x) or abs(x) alone is one term, but no monomial.
  const monomial = form.terms.length === 1 && form.terms[0]!.factors.every((g) => g.base.kind === "var");
  return { sheet, target: formula.name, value: f, monomial, inputs: out, derivation };
}
