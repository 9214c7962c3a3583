/**
 * flopsheet's public API: load a sheet, take canonical forms, derive values with their trail, run
 * a sheet's checks, and render any of these. Everything else is internal.
 *
 * @example
 * import { loadSheet, derive, derivationText } from "flopsheet";
 * const sheet = loadSheet(readFileSync("formulas/basu-2024.yaml", "utf8"), "formulas/basu-2024.yaml");
 * process.stdout.write(derivationText(derive(sheet, "Total_FLOPs", { scenario: "section-4.2" })));
 */
import { FlopsheetError, formatIssue } from "./core/errors.js";
import { sheetForms } from "./algebra/sheet-forms.js";
import type { Canonical } from "./algebra/canonical.js";
import { findTarget, presetInputs } from "./evaluate/derive.js";
import type { Preset } from "./sheet/preset.js";
import { valueIssues } from "./evaluate/validate-values.js";
import { readSheet, type ReadOptions } from "./sheet/load.js";
import { bindingIssues } from "./sheet/bindings.js";
import type { Vocabulary } from "./sheet/vocabulary.js";
import type { Sheet } from "./sheet/model.js";
import { buildReport, type ReportOptions } from "./evaluate/report.js";
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
export { readVocabulary as loadVocabulary, type Vocabulary, type Term as VocabularyTerm } from "./sheet/vocabulary.js";
export { readPreset as loadPreset, type Preset, type PresetValue } from "./sheet/preset.js";
export { boundName, bindsName } from "./sheet/bindings.js";
export { presetYamlFromConfig } from "./sheet/hf-config.js";
export { compareSheets, type CompareRow } from "./evaluate/compare.js";
export { compareText, compareMarkdown, compareJson } from "./render/compare.js";
export { auditSheet, type AuditEntry } from "./evaluate/derive.js";
export { derive, type Derivation, type Step, type DeriveOptions } from "./evaluate/derive.js";
export type { InputValue, Setting, Origin } from "./evaluate/inputs.js";
export { runChecks, type CheckReport, type CheckResult, type IdentityResult, type FigureResult } from "./evaluate/checks.js";
export type { Value } from "./evaluate/value.js";
export { canonicalText } from "./render/canonical-text.js";
export { canonicalLatex } from "./render/canonical-latex.js";
export { latexSymbol } from "./render/latex-symbols.js";
export { derivationText, type TextOptions } from "./render/derivation-text.js";
export { checksText } from "./render/checks-text.js";
export { derivationJson, checksJson } from "./render/json.js";
export { PLAIN, type Style } from "./render/style.js";
export { resultText } from "./render/result-text.js";
export { formatExact as formatNumber } from "./render/numbers.js";
export { percent as formatPercent } from "./render/numbers.js";

/**
 * Loads and validates a sheet: its YAML, its formulas, names, dependency cycles, and every value
 * against its declared range. `path` names the file in messages; the sheet's id is its file name.
 * A sheet that `extends` another needs `options.resolve` to find the base's text.
 *
 * @example loadSheet("inputs:\n  N: parameters\n  D: tokens\nformulas:\n  C: 6 × N × D\n", "six.yaml").id // "six"
 * @throws FlopsheetError listing every problem found, each with file, line and column.
 */
export function loadSheet(text: string, path = "<sheet>", options: ReadOptions & { vocabulary?: Vocabulary } = {}): Sheet {
  const sheet = readSheet(text, path, options);
  const issues = [...valueIssues(sheet), ...(options.vocabulary ? bindingIssues(sheet, options.vocabulary) : [])];
  if (issues.length > 0) throw new FlopsheetError(issues);
  return sheet;
}

/**
 * A formula's canonical form in terms of the sheet's inputs: an expanded sum of monomials with
 * exact rational coefficients.
 *
 * @example canonicalText(canonicalForm(sheet, "FLOPs_attention")) // "2·d_model² + n·d_model²"
 */
export function canonicalForm(sheet: Sheet, target: string): Canonical {
  findTarget(sheet, target);
  return sheetForms(sheet, { only: [target] }).forms.get(target)!;
}

/**
 * Canonical forms of several formulas (all of the sheet's when `targets` is omitted), in sheet
 * order. With presets, the inputs they give become numbers and the rest stay symbols.
 */
export function canonicalForms(sheet: Sheet, targets?: readonly string[], presets: readonly Preset[] = []): Map<string, Canonical> {
  for (const t of targets ?? []) findTarget(sheet, t);
  const names = targets ?? sheet.formulas.map((f) => f.name);
  const { forms } = sheetForms(sheet, { given: presetInputs(sheet, presets), only: names });
  return new Map(names.map((n) => [n, forms.get(n)!]));
}

export type ReportFormat = "latex" | "markdown" | "html";

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
  const layout = layoutReport(buildReport(sheet, options), options);
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

export { buildReport, type Report, type ReportOptions } from "./evaluate/report.js";
export { layoutReport, mathFragments, type ReportLayout, type LayoutOptions, type StepsMode } from "./render/report-layout.js";
export { reportLatex, type LatexOptions } from "./render/report-latex.js";
export { reportMarkdown } from "./render/report-markdown.js";
export { reportHtml } from "./render/report-html.js";
export { escapeLatexText, escapeHtml, escapeMarkdown } from "./render/escape.js";
