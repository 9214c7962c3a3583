/**
 * flopsheet's public API: load a sheet, take canonical forms, derive values with their trail, run
 * a sheet's checks, and render any of these. Everything else is internal.
 *
 * @example
 * import { loadShipped, derive, derivationText } from "flopsheet";
 * const sheet = loadShipped("basu-2024");
 * process.stdout.write(derivationText(derive(sheet, "Total_FLOPs", { scenario: "section-4.2" })));
 */
import { FlopsheetError, formatIssue } from "./core/errors.js";
import { expectOneOf, expectOptions, expectSheet, expectString } from "./core/arguments.js";
import { sheetForms } from "./algebra/sheet-forms.js";
import type { Canonical } from "./algebra/canonical.js";
import { findTarget, presetInputs } from "./evaluate/derive.js";
import type { Preset } from "./sheet/preset.js";
import { readVocabulary, type Vocabulary } from "./sheet/vocabulary.js";
import { readPreset } from "./sheet/preset.js";
import type { Sheet } from "./sheet/model.js";
import { buildReport, type Report, type ReportOptions } from "./evaluate/report.js";
import { layoutReport, type LayoutOptions } from "./render/report-layout.js";
import { reportLatex, type LatexOptions } from "./render/report-latex.js";
import { reportMarkdown } from "./render/report-markdown.js";
import { reportHtml } from "./render/report-html.js";

export { FlopsheetError, formatIssue, didYouMean, type ErrorCode, type Issue, type Location } from "./core/errors.js";
export { Rational } from "./core/rational.js";
export { parseFormula } from "./syntax/parse.js";
export type { Expr } from "./syntax/tree.js";
export type { Canonical, Term, Factor } from "./algebra/canonical.js";
export type { Sheet, Input, Formula, IdentityCheck, Scenario, Expectation, Written } from "./sheet/model.js";
export type { ReadOptions, ResolveSheet } from "./sheet/load.js";
export type { Vocabulary, Term as VocabularyTerm } from "./sheet/vocabulary.js";
export type { Preset, PresetValue } from "./sheet/preset.js";
export { loadSheet, type LoadOptions } from "./model/load-sheet.js";
export { fitWarnings, type FitWarning } from "./model/fit.js";
export { fitText, fitJson, fitLine } from "./render/fit.js";
export { chainFrom, chainedWarnings, splitSettings, unusedChainedSettings } from "./model/chain.js";
export { estimate, type EstimateEntry, type EstimateRow } from "./model/estimate.js";
export { configPreset, deriveForModel, reportForModel, type ModelOptions } from "./model/for-model.js";
export { estimateText, estimateMarkdown, estimateJson } from "./render/estimate.js";
export { loadShipped, loadShippedPreset, shippedSheetIds, shippedPresetIds, shippedVocabulary, shippedResolver, shippedSheetText, type PresetKind } from "./model/shipped.js";
export { boundName, bindsName } from "./sheet/bindings.js";
export { presetYamlFromConfig, importConfig, type ImportedConfig } from "./sheet/hf-config.js";
export { compareSheets, type CompareRow, type CompareOptions } from "./evaluate/compare.js";
export { compareText, compareMarkdown, compareJson } from "./render/compare.js";
export { compareModels, type ModelComparison, type CompareModelsOptions } from "./model/compare-models.js";
export { auditSheet, type AuditEntry } from "./evaluate/derive.js";
export { derive, type Derivation, type Step, type DeriveOptions } from "./evaluate/derive.js";
export type { InputValue, Setting, Origin, Chain } from "./evaluate/inputs.js";
export { planSweep, type Sweep, type SweepRow, type SweepOptions, type InputPlan } from "./explore/sweep.js";
export { parseVary, parseConstant, pointCount, MAX_POINTS, type Vary, type SweepValue } from "./explore/ranges.js";
export { solve, inputNamed, type Solution } from "./explore/solve.js";
export { breakdown, crossing, type Breakdown, type Part, type Crossing } from "./explore/breakdown.js";
export { sensitivity, type Sensitivity, type SensitivityReport } from "./explore/sensitivity.js";
export { compileExpr, compileProgram, compileCanonical, type Compiled, type Program } from "./evaluate/compile.js";
export { derivative } from "./algebra/derivative.js";
export { sweepRenderer, floatText, type SweepFormat } from "./render/sweep.js";
export { solutionText, solutionJson, breakdownText, breakdownJson, sensitivityText, sensitivityJson, valueText } from "./render/explore.js";
export { runChecks, type CheckReport, type CheckResult, type IdentityResult, type FigureResult } from "./evaluate/checks.js";
export type { Value } from "./evaluate/value.js";
export { canonicalText } from "./render/canonical-text.js";
export { canonicalLatex } from "./render/canonical-latex.js";
export { latexSymbol } from "./render/latex-symbols.js";
export { derivationText, type TextOptions } from "./render/derivation-text.js";
export { humanValue, humanText, quantityText, type HumanValue } from "./render/quantity.js";
export { displayUnits } from "./evaluate/display-units.js";
export { checksText } from "./render/checks-text.js";
export { originText } from "./render/origin.js";
export { sheetsText, sheetsJson, presetsText, presetsJson, vocabularyText, vocabularyJson, formsText, formsLatex, formsJson, auditText } from "./render/lists.js";
export { derivationJson, checksJson, checkRunJson, auditJson } from "./render/json.js";
export { PLAIN, type Style } from "./render/style.js";
export { resultText } from "./render/result-text.js";
export { formatExact as formatNumber } from "./render/numbers.js";
export { percent as formatPercent } from "./render/numbers.js";

/**
 * A model or hardware preset from its YAML text; its values are checked against the vocabulary.
 *
 * @example loadPreset("values:\n  n_layers: 96\n", { path: "my-model.yaml", vocabulary: shippedVocabulary() })
 */
export function loadPreset(text: string, options: { readonly path?: string; readonly vocabulary: Vocabulary }): Preset {
  expectString(text, "loadPreset's text");
  expectOptions(options, "loadPreset's options");
  return readPreset(text, options.path ?? "<preset>", options.vocabulary);
}

/** The vocabulary from its YAML text (the shipped one is `shippedVocabulary()`). */
export function loadVocabulary(text: string, options: { readonly path?: string } = {}): Vocabulary {
  expectString(text, "loadVocabulary's text");
  expectOptions(options, "loadVocabulary's options");
  return readVocabulary(text, options.path ?? "<vocabulary>");
}

/**
 * A formula's canonical form in terms of the sheet's inputs: an expanded sum of monomials with
 * exact rational coefficients.
 *
 * @example canonicalText(canonicalForm(sheet, "FLOPs_attention")) // "2·d_model² + n·d_model²"
 */
export function canonicalForm(sheet: Sheet, target: string): Canonical {
  expectSheet(sheet, "canonicalForm's sheet");
  expectString(target, "canonicalForm's target");
  const name = findTarget(sheet, target).name;
  return sheetForms(sheet, { only: [name] }).forms.get(name)!;
}

/**
 * Canonical forms of several formulas (all of the sheet's when `targets` is omitted), in sheet
 * order. With presets, the inputs they give become numbers and the rest stay symbols.
 *
 * @example canonicalForms(loadShipped("kaplan-2020"), { targets: ["N"], presets: [loadShippedPreset("gpt3-175b")] })
 */
export function canonicalForms(sheet: Sheet, options: { readonly targets?: readonly string[]; readonly presets?: readonly Preset[] } = {}): Map<string, Canonical> {
  expectSheet(sheet, "canonicalForms's sheet");
  expectOptions(options, "canonicalForms's options");
  const targets = options.targets && options.targets.length > 0 ? options.targets.map((t) => findTarget(sheet, t).name) : undefined;
  const names = targets ?? sheet.formulas.map((f) => f.name);
  const { forms } = sheetForms(sheet, { given: presetInputs(sheet, options.presets ?? []), only: names });
  return new Map(names.map((n) => [n, forms.get(n)!]));
}

export const REPORT_FORMATS = ["latex", "markdown", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * A report of a sheet in one of the publishing formats.
 *
 * @example renderReport(sheet, "latex", { scenario: "section-4.2", macros: true })
 */
export function renderReport(
  sheet: Sheet,
  format: ReportFormat,
  options: ReportOptions & LayoutOptions & LatexOptions = {},
): string {
  expectSheet(sheet, "renderReport's sheet");
  expectOneOf(format, REPORT_FORMATS, "renderReport's format");
  expectOptions(options, "renderReport's options");
  return renderBuiltReport(buildReport(sheet, options), format, options);
}

/**
 * A report already built (buildReport) in one of the publishing formats: for a caller that reads
 * the report's targets and inputs first (the CLI judges the model's fit on them).
 *
 * @example renderBuiltReport(buildReport(sheet, { scenario: "section-4.2" }), "markdown")
 */
export function renderBuiltReport(report: Report, format: ReportFormat, options: LayoutOptions & LatexOptions = {}): string {
  expectOneOf(format, REPORT_FORMATS, "renderBuiltReport's format");
  expectOptions(options, "renderBuiltReport's options");
  const layout = layoutReport(report, options);
  switch (format) {
    case "latex":
      return reportLatex(layout, options);
    case "markdown":
      return reportMarkdown(layout);
    case "html":
      return reportHtml(layout);
  }
}

/** Every issue of an error, formatted with its location and caret excerpt. */
export function formatError(e: FlopsheetError): string {
  return e.issues.map(formatIssue).join("\n\n");
}

export { buildReport, withChecks, type Report, type ReportOptions, type Figure } from "./evaluate/report.js";
export { layoutReport, mathFragments, type ReportLayout, type LayoutOptions, type StepsMode } from "./render/report-layout.js";
export { reportLatex, type LatexOptions } from "./render/report-latex.js";
export { reportMarkdown } from "./render/report-markdown.js";
export { reportHtml } from "./render/report-html.js";
export { escapeLatexText, escapeHtml, escapeMarkdown } from "./render/escape.js";
