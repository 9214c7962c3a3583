/**
 * What a report holds: the derivation of its targets (one trail, each formula once, in dependency
 * order), the inputs they use, their canonical forms, the sheet's checks, and the sources cited.
 * Renderers turn it into LaTeX, Markdown or HTML without computing anything.
 */
import { pinFormulas } from "./pin.js";
import { checkConventions, conventionSettings, conventionsOf } from "./conventions.js";
import { symbolicForms, type SymbolicForm } from "../algebra/sheet-forms.js";
import type { Input, Scenario, Sheet } from "../sheet/model.js";
import { runChecks, type CheckReport } from "./checks.js";
import { evaluateFormulas, findScenario, findTarget, inputsUsed, sparedOrThrow, type Step } from "./derive.js";
import { resolution, resolveSome, type Chain, type InputValue, type Setting } from "./inputs.js";
import { FlopsheetError } from "../core/errors.js";
import type { Preset } from "../sheet/preset.js";

export interface Report {
  readonly sheet: Sheet;
  readonly scenario?: Scenario;
  readonly targets: readonly string[];
  readonly inputs: readonly InputValue[];
  /** Inputs with no value that no target depends on at the values given (see derive). */
  readonly unneeded: readonly Input[];
  readonly steps: readonly Step[];
  readonly symbolic: readonly { readonly name: string; readonly symbolic: SymbolicForm }[];
  readonly checks: CheckReport;
  /** Every source the report cites, each once, in order of first citation. */
  readonly sources: readonly string[];
  /** The model and hardware presets asked for, by title where they have one, else by id. */
  readonly presets: readonly string[];
  /** Why the sheet may not describe the model ("Does not fit"), worded by the caller. */
  readonly warnings: readonly string[];
  /** The defaults the results rest on ("Assumes"), worded by the caller. */
  readonly assumptions: readonly string[];
  /** Settings no result rests on ("Not read"), worded by the caller. */
  readonly notRead: readonly string[];
  /** Charts drawn by the caller (flopsheet/plot), embedded by the Markdown and HTML reports. */
  readonly figures?: readonly Figure[];
  /** True when built with `checks: false`: its checks are still to run (withChecks). */
  readonly unchecked?: boolean;
  /** Where each target stands on the counting conventions that hold for it. */
  readonly conventions: readonly { readonly target: string; readonly conventions: ReadonlyMap<string, string> }[];
}

export interface Figure {
  readonly title: string;
  readonly svg: string;
  /** Where the Markdown report links it (a file written beside the report); else a data URI. */
  readonly file?: string;
}

export interface ReportOptions {
  readonly targets?: readonly string[];
  readonly scenario?: string;
  readonly set?: readonly Setting[];
  readonly presets?: readonly Preset[];
  /** Where a quantity nothing gives may come from (see chainFrom), as in derive. */
  readonly chain?: Chain;
  /** "Does not fit" warnings to print in the report (see fitWarnings). */
  readonly warnings?: readonly string[];
  /**
   * false leaves the sheet's checks out, for a caller that shows the trail first and adds them
   * with withChecks (the web page, as a key is typed); the report is then marked `unchecked`.
   */
  readonly checks?: boolean;
  /** Counting conventions asked for, as in derive. */
  readonly conventions?: ReadonlyMap<string, string>;
}

/**
 * The targets: those named; else the formulas a scenario publishes figures for; else every
 * formula whose inputs all have values.
 */
function chooseTargets(sheet: Sheet, scenario: Scenario | undefined, options: ReportOptions): string[] {
  if (options.targets && options.targets.length > 0) {
    return options.targets.map((t) => findTarget(sheet, t).name);
  }
  const formulaNames = new Set(sheet.formulas.map((f) => f.name));
  const published = (scenario?.expect ?? []).map((e) => e.target.text.trim()).filter((t) => formulaNames.has(t));
  if (published.length > 0) return published;
  // Every formula's inputs found in one pass, each formula then taking its own (as deriveEach does).
  const used = sheet.formulas.map((f) => inputsUsed(sheet, [f.definition.expr]));
  const found = resolution(sheet, [...new Set(used.flat())], scenario, options.set ?? [], options.presets ?? [], options.chain);
  return sheet.formulas.filter((_, i) => found.some(used[i]!).issues.length === 0).map((f) => f.name);
}

/**
 * @example buildReport(sheet, { scenario: "section-4.2" }).steps.map((s) => s.name)
 * @throws FlopsheetError as derive does.
 */
export function buildReport(sheet: Sheet, options: ReportOptions = {}): Report {
  // A setting of a quantity the sheet derives replaces its formula, as in derive.
  sheet = pinFormulas(sheet, options.set ?? [], (options.targets ?? []).map((t) => findTarget(sheet, t).name));
  const scenario = options.scenario === undefined ? undefined : findScenario(sheet, options.scenario);
  const targets = chooseTargets(sheet, scenario, options);
  if (targets.length === 0) {
    // A setting that names no input (tokns for tokens) may be why: it is said first.
    const { issues } = resolveSome(sheet, [], scenario, options.set ?? [], options.presets ?? [], options.chain);
    if (issues.length > 0) throw new FlopsheetError(issues);
    throw new FlopsheetError({ code: "MISSING_INPUT", message: `no formula of sheet ${sheet.id} can be evaluated without more inputs; name a scenario or give the inputs values` });
  }
  const formulas = targets.map((t) => findTarget(sheet, t));
  const exprs = formulas.map((f) => f.definition.expr);
  // The inputs that put the targets in the conventions asked for (decoder's c), once each.
  const asked = options.set ?? [];
  const conventionSet = formulas.flatMap((f) => conventionSettings(sheet, f, options.conventions, asked)).filter((s, i, all) => all.findIndex((x) => x.name === s.name) === i);
  // As in derive: an input with no value that no target depends on at these values is spared.
  const { inputs, unneeded, partial } = sparedOrThrow(sheet, targets, resolveSome(sheet, inputsUsed(sheet, exprs), scenario, [...asked, ...conventionSet], options.presets ?? [], options.chain));
  const steps = evaluateFormulas(sheet, targets, inputs, partial);
  const conventions = formulas.map((f) => {
    const used = new Set(inputsUsed(sheet, [f.definition.expr]));
    const has = conventionsOf(f, [...inputs.values()].filter((i) => used.has(i.input.name)));
    if (options.conventions) checkConventions(sheet, f, has, options.conventions);
    return { target: f.name, conventions: has };
  });
  const forms = symbolicForms(sheet, targets);

  const sources: string[] = [];
  const cite = (s: string | undefined) => {
    if (s && !sources.includes(s)) sources.push(s);
  };
  cite(sheet.source);
  cite(scenario?.source);
  for (const p of options.presets ?? []) cite(p.source);
  // A value the sheet took from its own text cites the sheet's source; one from a preset, --set
  // or another sheet cites where it came from (the report's inputs table says so).
  for (const i of inputs.values()) if (i.origin === "default" || i.origin === "scenario") cite(i.input.source);
  for (const s of steps) cite(s.formula.source);

  // The checks come last, their sources after all others: the same whether run now or later.
  const report: Report = {
    sheet,
    scenario,
    targets,
    inputs: [...inputs.values()],
    unneeded,
    steps,
    symbolic: targets.map((name) => ({ name, symbolic: forms.get(name)! })),
    checks: { sheet, results: [], passed: true },
    sources,
    presets: (options.presets ?? []).map((p) => p.title ?? p.id),
    warnings: options.warnings ?? [],
    assumptions: [],
    notRead: [],
    unchecked: true,
    conventions,
  };
  return options.checks === false ? report : withChecks(report);
}

/**
 * A report built with `checks: false`, completed: its sheet's checks run and their sources cited
 * after every other source. buildReport ends with it, so the two make the same report.
 *
 * @example withChecks(buildReport(sheet, { scenario: "section-4.2", checks: false }))
 */
export function withChecks(report: Report): Report {
  return report.unchecked ? reportWithChecks(report, runChecks(report.sheet)) : report;
}

/** A report built with `checks: false`, with its sheet's checks as run (by checkSteps, a check at a time). */
export function reportWithChecks(report: Report, checks: CheckReport): Report {
  const sources = [...report.sources];
  for (const r of checks.results) {
    const s = r.kind === "identity" ? r.check.source : r.expectation.source;
    if (s && !sources.includes(s)) sources.push(s);
  }
  const { unchecked: _, ...rest } = report;
  return { ...rest, checks, sources };
}
