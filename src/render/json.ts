/**
 * Derivations and check reports as JSON documents. `value` is a JSON number (the nearest double);
 * `exact` is the exact value as a plain string (`-16777216`, `1/4`), or null when it is an
 * approximation.
 */
import { originText } from "./origin.js";
import type { CheckReport } from "../evaluate/checks.js";
import type { AuditEntry, Derivation } from "../evaluate/derive.js";
import type { Value } from "../evaluate/value.js";
import { boundName } from "../sheet/bindings.js";
import { canonicalText } from "./canonical-text.js";
import { jsonNumber } from "./numbers.js";
import { baseValue, displayUnit, humanText, humanValue } from "./quantity.js";
import type { Formula } from "../sheet/model.js";
import type { Rational } from "../core/rational.js";
import { PLAIN_SUBSTITUTION, substitutedText } from "./substituted-text.js";

const number = (v: Value) => jsonNumber(v.q);
const exactString = (v: Value) => (v.exact ? v.q.toString() : null);

/**
 * A value's unit fields: the value in base units (`base_value`, in `base_unit`: seconds, bytes,
 * FLOP) and as the text shows it (`display`), for a quantity with a unit.
 */
function unitFields(q: Rational, formula: Formula, units: ReadonlyMap<string, string> | undefined): object {
  const base = baseValue(q, formula.unit);
  const human = humanValue(q, formula.unit, displayUnit(formula, units));
  return base ? { base_value: jsonNumber(base.value), base_unit: base.unit, ...(human ? { display: humanText(human, 3), display_value: jsonNumber(human.value), display_unit: human.unit } : {}) } : {};
}

export function derivationJson(d: Derivation, options: { readonly units?: ReadonlyMap<string, string> } = {}): object {
  const last = d.steps[d.steps.length - 1]!;
  return {
    sheet: d.sheet.id,
    target: d.target,
    // The vocabulary quantity the target computes (`training_flops`), whatever the paper calls it.
    quantity: boundName(last.formula) ?? null,
    unit: last.formula.unit ?? null,
    scenario: d.scenario?.name ?? null,
    presets: d.presets,
    conventions: Object.fromEntries(d.conventions),
    inputs: Object.fromEntries(
      d.inputs.map((i) => [i.input.name, { value: number(i.value), exact: exactString(i.value), origin: i.origin, from: originText(i, d.scenario?.name), text: i.text, unit: i.input.unit ?? null, ...(i.via ? { via: i.via } : {}), ...(i.input.pinned ? { pinned: i.input.pinned.text.trim() } : {}) }]),
    ),
    // Inputs with no value that the result does not depend on at these values.
    unneeded: d.unneeded.map((i) => i.name),
    value: number(d.value),
    exact: exactString(d.value),
    ...unitFields(d.value.q, last.formula, options.units),
    symbolic: d.symbolic && "form" in d.symbolic ? canonicalText(d.symbolic.form) : null,
    ...(d.symbolic && "omitted" in d.symbolic ? { symbolic_omitted: d.symbolic.omitted } : {}),
    steps: d.steps.map((s) => ({
      name: s.name,
      formula: s.formula.definition.text.trim(),
      substituted: substitutedText(s.formula.definition.expr, s.bindings, PLAIN_SUBSTITUTION),
      value: number(s.value),
      exact: exactString(s.value),
      source: s.formula.source ?? null,
      sheet: s.sheet,
      quantity: boundName(s.formula) ?? null,
      unit: s.formula.unit ?? null,
      ...unitFields(s.value.q, s.formula, options.units),
    })),
    // Present only when a preset publishes a quantity the sheet derives: the engine's shape otherwise.
    ...(d.audit.length === 0 ? {} : { audit: d.audit.map(auditJson) }),
  };
}

/** One audit entry: a quantity a preset publishes beside what the sheet derives for it. */
export function auditJson(a: AuditEntry): object {
  return {
    formula: a.formula,
    quantity: a.quantity,
    derived: jsonNumber(a.derived.q),
    derived_exact: a.derived.exact ? a.derived.q.toString() : null,
    published: jsonNumber(a.published),
    preset: a.preset,
    source: a.source ?? null,
    relative_difference: a.relativeDifference ? jsonNumber(a.relativeDifference) : null,
    agrees: a.agrees,
    tolerance: a.tolerance,
  };
}

/** `flopsheet check --format json`: each sheet's checks, and its audit when presets were given. */
export function checkRunJson(runs: readonly { readonly report: CheckReport; readonly audit?: readonly AuditEntry[] }[]): object {
  return runs.map((r) => ({ ...checksJson(r.report), ...(r.audit ? { audit: r.audit.map(auditJson) } : {}) }));
}

export function checksJson(report: CheckReport): object {
  return {
    sheet: report.sheet.id,
    passed: report.passed,
    checks: report.results.map((r) =>
      r.kind === "identity"
        ? {
            kind: "identity",
            name: r.check.name,
            identity: `${r.check.lhs.text.trim()} == ${r.check.rhs.text.trim()}`,
            declared: r.check.expected,
            outcome: r.outcome,
            passed: r.passed,
            difference: canonicalText(r.difference),
            source: r.check.source ?? null,
          }
        : {
            kind: "figure",
            scenario: r.scenario.name,
            target: r.expectation.target.text.trim(),
            declared: r.expectation.expected,
            outcome: r.outcome,
            passed: r.passed,
            computed: number(r.computed),
            exact: exactString(r.computed),
            published: jsonNumber(r.published),
            tolerance: r.tolerance,
            source: r.expectation.source ?? null,
          },
    ),
  };
}
