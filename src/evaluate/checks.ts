/**
 * A sheet's audit: identities decided symbolically, published figures compared with what the
 * formulas give. A check passes when its outcome is the one the sheet declares, so a known
 * inconsistency of a source (`expected: fails`) is recorded, not hidden and not an error.
 */
import type { Canonical } from "../algebra/canonical.js";
import { sheetForms } from "../algebra/sheet-forms.js";
import type { Rational } from "../core/rational.js";
import { collectIssues, FlopsheetError, type Issue } from "../core/errors.js";
import { expectSheet } from "../core/arguments.js";
import { located } from "../syntax/located.js";
import type { Declared, Expectation, IdentityCheck, Scenario, Sheet } from "../sheet/model.js";
import { symbolsOf, type Expr } from "../syntax/tree.js";
import { evaluateFormulas, formulasUsed, inputsUsed } from "./derive.js";
import { evaluateTree } from "./evaluate-tree.js";
import { constantValue, resolveInputs } from "./inputs.js";
import type { Value } from "./value.js";
import { agreement } from "./agreement.js";

/** Significant digits a published figure is compared to when its expectation names neither. */
export const DEFAULT_DIGITS = 3;

export interface IdentityResult {
  readonly kind: "identity";
  readonly check: IdentityCheck;
  readonly outcome: Declared;
  /** Whether the outcome is the declared one. */
  readonly passed: boolean;
  readonly lhs: Canonical;
  readonly rhs: Canonical;
  /** lhs − rhs; zero exactly when the identity holds. */
  readonly difference: Canonical;
}

export interface FigureResult {
  readonly kind: "figure";
  readonly scenario: Scenario;
  readonly expectation: Expectation;
  readonly outcome: Declared;
  readonly passed: boolean;
  readonly computed: Value;
  readonly published: Rational;
  /** (computed − published) / published, exactly (on the approximation, if computed is one). */
  readonly relativeDifference?: Rational;
  /** How the two were compared: "3 significant digits" or "rel ≤ 0.01". */
  readonly tolerance: string;
}

export type CheckResult = IdentityResult | FigureResult;

export interface CheckReport {
  readonly sheet: Sheet;
  readonly results: readonly CheckResult[];
  /** Every outcome matched its declaration. */
  readonly passed: boolean;
}

/**
 * Runs every check of a sheet: its identities, then each scenario's expected figures.
 *
 * @example runChecks(sheet).passed // true when every outcome is as declared
 * @throws FlopsheetError listing every check that cannot be run, each located.
 */
export function runChecks(sheet: Sheet): CheckReport {
  expectSheet(sheet, "runChecks's sheet");
  const results: CheckResult[] = [];
  const issues: Issue[] = [];
  const add = (r: CheckResult | undefined) => r && results.push(r);
  for (const check of sheet.checks) add(collectIssues(issues, () => checkIdentity(sheet, check)));
  for (const scenario of sheet.scenarios) {
    for (const expectation of scenario.expect) add(collectIssues(issues, () => checkFigure(sheet, scenario, expectation)));
  }
  // A check that cannot be run at all (a given value that divides by zero) is a mistake in the sheet: all of them at once.
  if (issues.length > 0) throw new FlopsheetError(issues);
  return { sheet, results, passed: results.every((r) => r.passed) };
}

export function checkIdentity(sheet: Sheet, check: IdentityCheck): IdentityResult {
  const given = new Map<string, Rational | Expr>();
  for (const [name, w] of check.given) {
    given.set(name, symbolsOf(w.expr).size === 0 ? constantValue(w, `the given value of ‘${name}’`) : w.expr);
  }
  const forms = sheetForms(sheet, { given, only: formulasUsed(sheet, [check.lhs.expr, check.rhs.expr]) });
  const where = `check ‘${check.name}’`;
  const lhs = forms.of(check.lhs.expr, where);
  const rhs = forms.of(check.rhs.expr, where);
  const difference = located(where, () => forms.algebra.sub(lhs, rhs), check.lhs.span);
  const outcome: Declared = difference.terms.length === 0 ? "holds" : "fails";
  return { kind: "identity", check, outcome, passed: outcome === check.expected, lhs, rhs, difference };
}

export function checkFigure(sheet: Sheet, scenario: Scenario, expectation: Expectation): FigureResult {
  const target = expectation.target.expr;
  const inputs = resolveInputs(sheet, inputsUsed(sheet, [target]), scenario, []);
  const formulaNames = new Set(sheet.formulas.map((f) => f.name));
  const used = [...symbolsOf(target).keys()].filter((n) => formulaNames.has(n));
  const steps = evaluateFormulas(sheet, used, inputs);
  const values = new Map<string, Value>();
  for (const [n, iv] of inputs) values.set(n, iv.value);
  for (const s of steps) values.set(s.name, s.value);
  const computed = located(`the expectation for ‘${expectation.target.text}’`, () => evaluateTree(target, (n) => values.get(n)!), target.span);
  const published = constantValue(expectation.value, `the published value of ‘${expectation.target.text}’`);
  const { agrees, tolerance, relativeDifference } = agreement(computed.q, published, { rel: expectation.rel, digits: expectation.digits ?? DEFAULT_DIGITS });
  const outcome: Declared = agrees ? "holds" : "fails";
  return {
    kind: "figure",
    scenario,
    expectation,
    outcome,
    passed: outcome === expectation.expected,
    computed,
    published,
    relativeDifference,
    tolerance,
  };
}
