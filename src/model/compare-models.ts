/**
 * Models × sheets: each model through each sheet, with the sheets that do not describe the model
 * marked on their rows, quantities nothing gives taken from the sheet that derives them for the
 * model (chaining), and each `--set` given only to the sheets that read it.
 */
import { didYouMean, FlopsheetError } from "../core/errors.js";
import { shippedVocabulary } from "./shipped.js";
import { compareSheets, type CompareRow } from "../evaluate/compare.js";
import type { Setting } from "../evaluate/inputs.js";
import { chainedWarnings, chainFrom, settingsFor } from "./chain.js";
import { fitWarnings, type FitWarning } from "./fit.js";
import { bindsName } from "../sheet/bindings.js";
import type { Sheet } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";

export interface ModelComparison {
  /** The model's preset id (a config's file name for a config.json). */
  readonly model: string;
  /** One row per sheet, in the order given; ratios are to this model's first computed row. */
  readonly rows: readonly (CompareRow & { readonly warnings: readonly FitWarning[] })[];
}

export interface CompareModelsOptions {
  readonly quantity: string;
  /** One entry per model: its presets (the model's, then any hardware). */
  readonly models: readonly (readonly Preset[])[];
  readonly set?: readonly Setting[];
  /** Where chained quantities come from (`params` → `megatron-2021`); decoder by default. */
  readonly from?: ReadonlyMap<string, string>;
}

/**
 * @example compareModels([kaplan, decoder], { quantity: "params", models: [[llama3]] })[0].rows[1].derivation?.value
 * @throws FlopsheetError for a quantity the vocabulary does not name, or a --set that none of the
 *   sheets reads (it would be silently ignored).
 */
export function compareModels(sheets: readonly Sheet[], options: CompareModelsOptions): ModelComparison[] {
  const set = options.set ?? [];
  const terms = shippedVocabulary().terms;
  if (!terms.has(options.quantity)) {
    const guess = didYouMean(options.quantity, terms.keys());
    throw new FlopsheetError({ code: "UNKNOWN_TARGET", message: `‘${options.quantity}’ is not a quantity of the vocabulary${guess ? `; did you mean ‘${guess}’?` : " (flopsheet vocabulary lists them)"}` });
  }
  const unread = set.filter((s) => !sheets.some((sheet) => bindsName(sheet, s.name) || sheet.inputs.some((i) => i.name === s.name)));
  if (unread.length > 0) {
    throw new FlopsheetError(
      unread.map((s) => ({ code: "UNKNOWN_IDENTIFIER" as const, message: `--set ${s.name}: none of the sheets compared reads ‘${s.name}’ (an input's symbol or a vocabulary name one binds)` })),
    );
  }
  return options.models.map((presets) => {
    const chain = chainFrom(presets, set, options.from ?? new Map());
    const rows = compareSheets(sheets, { quantity: options.quantity, presets, chain, settingsFor: (sheet) => settingsFor(sheet, set, { bySymbol: true }) });
    return {
      model: presets[0]?.id ?? "",
      rows: rows.map((r) => ({
        ...r,
        warnings: [...(r.formula ? fitWarnings(r.sheet, presets, { targets: [r.formula] }) : []), ...(r.derivation ? chainedWarnings(r.derivation.inputs, presets) : [])],
      })),
    };
  });
}
