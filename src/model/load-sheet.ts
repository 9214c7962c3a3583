import { FlopsheetError } from "../core/errors.js";
import { expectOptions, expectString } from "../core/arguments.js";
import { valueIssues } from "../evaluate/validate-values.js";
import { dimensionIssues } from "../algebra/dimensions.js";
import { bindingIssues } from "../sheet/bindings.js";
import { readSheet, type ReadOptions } from "../sheet/load.js";
import type { Input, Sheet, Written } from "../sheet/model.js";
import type { Vocabulary } from "../sheet/vocabulary.js";
import { conventionIssues, resolveConventions } from "../sheet/conventions.js";

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
  const issues = [...valueIssues(sheet), ...(options.vocabulary ? [...bindingIssues(sheet, options.vocabulary), ...sheetConventionIssues(sheet, options.vocabulary)] : [])];
  // Dimensions are checked over names that resolve; a sheet with unknown bindings reports those.
  if (issues.length === 0) issues.push(...dimensionIssues(sheet, options.vocabulary));
  if (issues.length > 0) throw new FlopsheetError(issues);
  return options.vocabulary ? withVocabulary(sheet, options.vocabulary) : sheet;
}

function sheetConventionIssues(sheet: Sheet, vocabulary: Vocabulary) {
  const inputs = new Set(sheet.inputs.map((i) => i.name));
  return [
    ...conventionIssues(sheet.conventions, vocabulary.conventions, inputs, `sheet ${sheet.id}`),
    ...sheet.formulas.flatMap((f) => (f.sheet === sheet.id && f.stated ? conventionIssues(f.stated, vocabulary.conventions, inputs, `formula ‘${f.name}’`) : [])),
  ];
}

/**
 * An input or formula bound to one vocabulary quantity takes its unit, and an input its range,
 * where the sheet gives none; each formula takes the conventions that hold for it
 * (resolveConventions).
 */
function withVocabulary(sheet: Sheet, vocabulary: Vocabulary): Sheet {
  const unitOf = <T extends { readonly unit?: string; readonly bind?: Written }>(x: T): T => {
    if (x.unit !== undefined || x.bind?.expr.kind !== "symbol") return x;
    const unit = vocabulary.terms.get(x.bind.expr.name)?.unit;
    return unit === undefined ? x : { ...x, unit };
  };
  // A count that cannot be below 1 (seq_len, n_devices) is checked in every sheet that reads it.
  const rangeOf = <T extends { readonly range?: Input["range"]; readonly bind?: Written }>(x: T): T => {
    if (x.range !== undefined || x.bind?.expr.kind !== "symbol") return x;
    const range = vocabulary.terms.get(x.bind.expr.name)?.range;
    return range === undefined ? x : { ...x, range };
  };
  const formulas = resolveConventions(sheet.formulas.map((f) => rangeOf(unitOf(f))), sheet.evaluationOrder, sheet.uses, sheet.conventions, vocabulary.conventions);
  return { ...sheet, inputs: sheet.inputs.map((i) => rangeOf(unitOf(i))), formulas };
}
