/**
 * flopsheet's public API: load a sheet, take canonical forms, derive values with their trail, run
 * a sheet's checks, and render any of these. Everything else is internal.
 *
 * @example
 * import { loadShipped, derive, derivationText } from "flopsheet";
 * const sheet = loadShipped("basu-2024");
 * process.stdout.write(derivationText(derive(sheet, "Total_FLOPs", { scenario: "section-4.2" })));
 */
import { FlopsheetError, formatIssue, type Wording } from "./core/errors.js";
import { expectCommonOptions, expectOneOf, expectOptions, expectSheet, expectString } from "./core/arguments.js";
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
import * as model from "./model/index.js";
import type { Catalogue } from "./model/catalogue.js";
import type { FitOptions, FitWarning } from "./model/fit.js";
import type { ChainOptions } from "./model/chain.js";
import type { EstimateEntry, EstimateOptions } from "./model/estimate.js";
import type { ModelDerivation, ModelOptions, ReadBy } from "./model/for-model.js";
import type { CompareModelsOptions, ModelComparison } from "./model/compare-models.js";
import type { Chain, InputValue, Setting } from "./evaluate/inputs.js";
import { shippedCatalogue } from "./model/shipped.js";
import { assumptionLine, fitLine, unreadLine } from "./render/fit.js";

export { FlopsheetError, formatIssue, didYouMean, remedyText, PLAIN_WORDING, type ErrorCode, type Issue, type Location, type Remedy, type Wording } from "./core/errors.js";
export { Rational } from "./core/rational.js";
export { parseFormula } from "./syntax/parse.js";
export type { Expr } from "./syntax/tree.js";
export type { Canonical, Term, Factor } from "./algebra/canonical.js";
export type { Sheet, Input, Formula, IdentityCheck, Scenario, Expectation, Written } from "./sheet/model.js";
export type { ReadOptions, ResolveSheet } from "./sheet/load.js";
export type { Vocabulary, Term as VocabularyTerm } from "./sheet/vocabulary.js";
export type { Preset, PresetValue } from "./sheet/preset.js";
export { loadSheet, type LoadOptions } from "./model/load-sheet.js";
export type { FitWarning, FitOptions } from "./model/fit.js";
export { fitText, fitJson, fitLine, fitMessage, assumptionLine, assumptionsText, assumptionsJson, conventionsLine, conventionsJson, unreadText, unreadJson, unreadLine } from "./render/fit.js";
export type { EstimateEntry, EstimateRow, EstimateOptions } from "./model/estimate.js";
export type { ModelOptions, ModelDerivation, ReadBy } from "./model/for-model.js";
export type { Catalogue } from "./model/catalogue.js";
export type { Assumption } from "./model/assumptions.js";
export type { ChainOptions } from "./model/chain.js";
export type { ConventionAxis, ConventionSetting, Conventions } from "./sheet/conventions.js";
export { estimateText, estimateMarkdown, estimateJson, estimateProvenance } from "./render/estimate.js";
export { loadShipped, loadShippedPreset, shippedSheetIds, shippedPresetIds, shippedVocabulary, shippedResolver, shippedSheetText, shippedCatalogue, type PresetKind } from "./model/shipped.js";
export { boundName, bindsName } from "./sheet/bindings.js";
export { presetYamlFromConfig, importConfig, type ImportedConfig } from "./sheet/hf-config.js";
export { compareSheets, type CompareRow, type CompareOptions } from "./evaluate/compare.js";
export { compareText, compareMarkdown, compareJson } from "./render/compare.js";
export type { ModelComparison, CompareModelsOptions, ConventionShare } from "./model/compare-models.js";
export { auditSheet, type AuditEntry } from "./evaluate/derive.js";
export { derive, deriveEach, type Derivation, type Step, type DeriveOptions } from "./evaluate/derive.js";
export type { InputValue, Setting, Origin, Chain } from "./evaluate/inputs.js";
export { planSweep, type Sweep, type SweepRow, type SweepOptions, type InputPlan } from "./explore/sweep.js";
export { parseVary, parseConstant, pointCount, valuesOf, MAX_POINTS, type Vary, type SweepValue } from "./explore/ranges.js";
export { solve, inputNamed, type Solution } from "./explore/solve.js";
export { breakdown, crossing, type Breakdown, type Part, type Crossing } from "./explore/breakdown.js";
export { sensitivity, type Sensitivity, type SensitivityReport } from "./explore/sensitivity.js";
export { compileExpr, compileProgram, compileCanonical, type Compiled, type Program } from "./evaluate/compile.js";
export { derivative } from "./algebra/derivative.js";
export { sweepRenderer, floatText, type SweepFormat } from "./render/sweep.js";
export { solutionText, solutionJson, breakdownText, breakdownJson, sensitivityText, sensitivityJson, valueText } from "./render/explore.js";
export { runChecks, checkSteps, type CheckReport, type CheckResult, type IdentityResult, type FigureResult } from "./evaluate/checks.js";
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
  expectCommonOptions(options, "renderReport's options");
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
  expectCommonOptions(options, "renderBuiltReport's options");
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

/** Every issue of an error, formatted with its location and caret excerpt, its remedy worded by the shell. */
export function formatError(e: FlopsheetError, wording?: Wording): string {
  return e.issues.map((i) => formatIssue(i, wording)).join("\n\n");
}

export { buildReport, withChecks, reportWithChecks, type Report, type ReportOptions, type Figure } from "./evaluate/report.js";
export { layoutReport, mathFragments, type ReportLayout, type LayoutOptions, type StepsMode } from "./render/report-layout.js";
export { reportLatex, type LatexOptions } from "./render/report-latex.js";
export { reportMarkdown } from "./render/report-markdown.js";
export { reportHtml } from "./render/report-html.js";
export { escapeLatexText, escapeHtml, escapeMarkdown } from "./render/escape.js";

// The model layer receives a catalogue; the public API defaults to the shipped one. Every function
// below takes `catalogue` in its options for a vocabulary and sheets of one's own.
type WithCatalogue = { readonly catalogue?: Catalogue };
const catalogueOf = (o: WithCatalogue | undefined) => o?.catalogue ?? shippedCatalogue();

/**
 * @example fitWarnings(loadShipped("kaplan-2020"), [loadShippedPreset("llama-2-70b")])[0].code // "ASSUMES"
 */
export function fitWarnings(sheet: Sheet, presets: readonly Preset[], options: FitOptions & WithCatalogue = {}): FitWarning[] {
  return model.fitWarnings(catalogueOf(options), sheet, presets, options);
}

/** @example derive(loadShipped("training-budget"), "days", { presets, chain: chainFrom(presets, { set }) }) */
export function chainFrom(presets: readonly Preset[], options: ChainOptions & WithCatalogue = {}): Chain {
  return model.chainFrom(catalogueOf(options), presets, options);
}

/** @example chainedWarnings(d.inputs, presets) // [] when every chained value came from a sheet that fits */
export function chainedWarnings(inputs: readonly InputValue[], presets: readonly Preset[], options: WithCatalogue = {}): FitWarning[] {
  return model.chainedWarnings(catalogueOf(options), inputs, presets);
}

/** @example splitSettings(loadShipped("zero-2020"), [{ name: "micro_batch_size", text: "1" }]).chained.length // 1 */
export function splitSettings(sheet: Sheet, set: readonly Setting[], options: WithCatalogue = {}) {
  return model.splitSettings(catalogueOf(options), sheet, set);
}

/** @example unusedChainedSettings(d.inputs, chained) // [] when every chained setting was read */
export function unusedChainedSettings(inputs: readonly InputValue[], chained: readonly Setting[], options: WithCatalogue = {}): Setting[] {
  return model.unusedChainedSettings(catalogueOf(options), inputs, chained);
}

/** @example estimate({ presets: [loadShippedPreset("llama-3-8b")] }).find((e) => e.quantity === "params")?.value */
export function estimate(options: EstimateOptions & WithCatalogue): EstimateEntry[] {
  if (options === undefined) expectOptions(null, "estimate's options (with the model's presets)");
  expectCommonOptions(options, "estimate's options");
  return model.estimate(catalogueOf(options), options);
}

/** @example configPreset(text, "config.json").values.get("n_layers")?.written.text // "32" */
export function configPreset(text: string, path: string, options: WithCatalogue = {}): Preset {
  expectString(text, "configPreset's text");
  expectString(path, "configPreset's path");
  return model.configPreset(text, path, catalogueOf(options).vocabulary);
}

/** @example deriveForModel(loadShipped("decoder"), "params", { presets: [loadShippedPreset("llama-3-8b")] }).derivation.value */
export function deriveForModel(sheet: Sheet, target: string, options: ModelOptions & WithCatalogue = {}): ModelDerivation {
  return model.deriveForModel(catalogueOf(options), sheet, target, options);
}

/**
 * The settings no derivation among `derived` reads (see the model layer's unreadSettings): what
 * sweep, breakdown, sensitivity and solve say beside their results.
 *
 * @example settingsNotRead([deriveForModel(decoder, "params", { presets: [llama3], set: [{ name: "seq_len", text: "8192" }] }).derivation], [{ name: "seq_len", text: "8192" }], [llama3]).length // 1
 */
export function settingsNotRead(derived: readonly ReadBy[], set: readonly Setting[], presets: readonly Preset[], options: WithCatalogue = {}): Setting[] {
  const unread = derived.map((d) => model.unreadSettings(catalogueOf(options), d, set, presets));
  return set.filter((s) => unread.every((u) => u.includes(s)));
}

/** @example renderBuiltReport(reportForModel(sheet, { targets: ["params"], presets }), "latex") */
export function reportForModel(sheet: Sheet, options: ModelOptions & WithCatalogue & { readonly targets?: readonly string[]; readonly checks?: boolean } = {}): Report {
  return model.reportForModel(catalogueOf(options), sheet, options, fitLine, assumptionLine, unreadLine);
}

/** @example compareModels([kaplan, decoder], { quantity: "params", models: [[llama3]] })[0].rows[1].derivation?.value */
export function compareModels(sheets: readonly Sheet[], options: CompareModelsOptions & WithCatalogue): ModelComparison[] {
  return model.compareModels(catalogueOf(options), sheets, options);
}
