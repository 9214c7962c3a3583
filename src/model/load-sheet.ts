import { FlopsheetError } from "../core/errors.js";
import { expectOptions, expectString } from "../core/arguments.js";
import { valueIssues } from "../evaluate/validate-values.js";
import { dimensionIssues } from "../algebra/dimensions.js";
import { bindingIssues } from "../sheet/bindings.js";
import { readSheet, type ReadOptions } from "../sheet/load.js";
import type { Sheet, Written } from "../sheet/model.js";
import type { Vocabulary } from "../sheet/vocabulary.js";

export interface LoadOptions extends ReadOptions {
  /** How messages name the file (default `<sheet>`); a sheet's id is its file name. */
  readonly path?: string;
  /** Checks every `bind:` against it. */
  readonly vocabulary?: Vocabulary;
}

/**
 * Loads and validates a sheet: its YAML, its formulas, names, dependency cycles, and every value
 * against its declared range. A sheet that `extends` another needs `options.resolve` to find the
 * base's text (`shippedResolver` finds the shipped ones).
 *
 * @example loadSheet("inputs:\n  N: parameters\n  D: tokens\nformulas:\n  C: 6 × N × D\n", { path: "six.yaml" }).id // "six"
 * @throws FlopsheetError listing every problem found, each with file, line and column.
 */
export function loadSheet(text: string, options: LoadOptions = {}): Sheet {
  expectString(text, "loadSheet's text");
  expectOptions(options, "loadSheet's options");
  const sheet = readSheet(text, options.path ?? "<sheet>", options);
  const issues = [...valueIssues(sheet), ...(options.vocabulary ? bindingIssues(sheet, options.vocabulary) : [])];
  // Dimensions are checked over names that resolve; a sheet with unknown bindings reports those.
  if (issues.length === 0) issues.push(...dimensionIssues(sheet, options.vocabulary));
  if (issues.length > 0) throw new FlopsheetError(issues);
  return options.vocabulary ? withVocabularyUnits(sheet, options.vocabulary) : sheet;
}

/** An input or formula bound to one vocabulary quantity takes its unit, where the sheet gives none. */
function withVocabularyUnits(sheet: Sheet, vocabulary: Vocabulary): Sheet {
  const unitOf = <T extends { readonly unit?: string; readonly bind?: Written }>(x: T): T => {
    if (x.unit !== undefined || x.bind?.expr.kind !== "symbol") return x;
    const unit = vocabulary.terms.get(x.bind.expr.name)?.unit;
    return unit === undefined ? x : { ...x, unit };
  };
  return { ...sheet, inputs: sheet.inputs.map(unitOf), formulas: sheet.formulas.map(unitOf) };
}
