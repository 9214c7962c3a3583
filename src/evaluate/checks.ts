/**
 * A sheet's audit: identities decided symbolically, published figures compared with what the
 * formulas give. A check passes when its outcome is the one the sheet declares, so a known
 * inconsistency of a source (`expected: fails`) is recorded, not hidden and not an error.
 */
import type { Canonical } from "../algebra/canonical.js";
import { sheetForms, type SheetForms } from "../algebra/sheet-forms.js";
import type { Rational } from "../core/rational.js";
import { collectIssues, FlopsheetError, type Issue } from "../core/errors.js";
import { expectSheet } from "../core/arguments.js";
import { located } from "../syntax/located.js";
import type { Declared, Expectation, IdentityCheck, Scenario, Sheet } from "../sheet/model.js";
import { symbolsOf, type Expr } from "../syntax/tree.js";
import { evaluateFormulas, formulasUsed, inputsUsed, sparedOrThrow } from "./derive.js";
import { evaluateTree } from "./evaluate-tree.js";
import { constantValue, resolveSome } from "./inputs.js";
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
  const steps = checkSteps(sheet);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * runChecks a check at a time: it pauses after each identity and each scenario, so that a caller
 * that must stay responsive (the page, between two keys) can run the rest later, or drop them.
 *
 * @throws FlopsheetError, at the end, for every check that could not be run.
 */
export function* checkSteps(sheet: Sheet): Generator<void, CheckReport> {
  expectSheet(sheet, "runChecks's sheet");
  const results: CheckResult[] = [];
  const issues: Issue[] = [];
  const add = (r: CheckResult | undefined) => r && results.push(r);
  const forms = sharedForms(sheet);
  for (const check of sheet.checks) {
    add(collectIssues(issues, () => checkIdentity(sheet, check, check.given.size === 0 ? forms : undefined)));
    yield;
  }
  for (const scenario of sheet.scenarios) {
    const values = scenarioValues(sheet, scenario);
    for (const expectation of scenario.expect) add(collectIssues(issues, () => checkFigure(sheet, scenario, expectation, values)));
    yield;
  }
  // A check that cannot be run at all (a given value that divides by zero) is a mistake in the sheet: all of them at once.
  if (issues.length > 0) throw new FlopsheetError(issues);
  return { sheet, results, passed: results.every((r) => r.passed) };
}

/**
 * The canonical forms that all of a sheet's identities without given values use, expanded once
 * for them all; undefined when that fails (each identity then expands its own, so that a failure
 * is reported at its check). Canonical forms are exact: the same either way.
 */
function sharedForms(sheet: Sheet): SheetForms | undefined {
  const plain = sheet.checks.filter((c) => c.given.size === 0);
  if (plain.length < 2) return undefined;
  try {
    return sheetForms(sheet, { only: formulasUsed(sheet, plain.flatMap((c) => [c.lhs.expr, c.rhs.expr])) });
  } catch (e) {
    if (e instanceof FlopsheetError) return undefined;
    throw e;
  }
}

/** @param shared the forms sharedForms expanded, for a check with no given values. */
export function checkIdentity(sheet: Sheet, check: IdentityCheck, shared?: SheetForms): IdentityResult {
  const given = new Map<string, Rational | Expr>();
  for (const [name, w] of check.given) {
    given.set(name, symbolsOf(w.expr).size === 0 ? constantValue(w, `the given value of ‘${name}’`) : w.expr);
  }
  const forms = shared ?? sheetForms(sheet, { given, only: formulasUsed(sheet, [check.lhs.expr, check.rhs.expr]) });
  const where = `check ‘${check.name}’`;
  const lhs = forms.of(check.lhs.expr, where);
  const rhs = forms.of(check.rhs.expr, where);
  const difference = located(where, () => forms.algebra.sub(lhs, rhs), check.lhs.span);
  const outcome: Declared = difference.terms.length === 0 ? "holds" : "fails";
  return { kind: "identity", check, outcome, passed: outcome === check.expected, lhs, rhs, difference };
}

/** The value of every input and formula the targets `exprs` use, in a scenario. */
function valuesFor(sheet: Sheet, scenario: Scenario, exprs: readonly Expr[]): Map<string, Value> {
  const formulaNames = new Set(sheet.formulas.map((f) => f.name));
  const named = [...new Set(exprs.flatMap((e) => [...symbolsOf(e).keys()]))];
  const used = named.filter((n) => formulaNames.has(n));
  // As in derive: an input the scenario leaves without a value that no figure depends on is spared
  // (a link's bandwidth on one device); one the figure names itself never is.
  const found = resolveSome(sheet, inputsUsed(sheet, exprs), scenario, []);
  if (found.issues.some((i) => i.remedy?.input !== undefined && named.includes(i.remedy.input))) throw new FlopsheetError(found.issues);
  const { inputs, partial } = sparedOrThrow(sheet, used, found);
  const values = new Map<string, Value>();
  for (const [n, iv] of inputs) values.set(n, iv.value);
  for (const s of evaluateFormulas(sheet, used, inputs, partial)) values.set(s.name, s.value);
  return values;
}

/**
 * The values all of a scenario's expectations use, derived once for them all (a paper's table is
 * a dozen figures of the same formulas); undefined when that fails, and then each expectation is
 * derived alone, so that a failure is reported at the expectation it belongs to. Exact arithmetic
 * gives the same values either way.
 */
function scenarioValues(sheet: Sheet, scenario: Scenario): ReadonlyMap<string, Value> | undefined {
  if (scenario.expect.length < 2) return undefined;
  try {
    return valuesFor(sheet, scenario, scenario.expect.map((e) => e.target.expr));
  } catch (e) {
    if (e instanceof FlopsheetError) return undefined;
    throw e;
  }
}

/** @param shared the values scenarioValues derived for all of the scenario's expectations, if it could. */
export function checkFigure(sheet: Sheet, scenario: Scenario, expectation: Expectation, shared?: ReadonlyMap<string, Value>): FigureResult {
  const target = expectation.target.expr;
  const values = shared ?? valuesFor(sheet, scenario, [target]);
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
