/**
 * Every quantity the vocabulary knows that can be derived for a model: for each, the shipped
 * sheets that bind it, the value each gives, whether each fits the model, and the one to quote
 * (`decoder` when it fits and computes it, else the first sheet that fits and computes it).
 */
import { FlopsheetError } from "../core/errors.js";
import { derive } from "../evaluate/derive.js";
import type { Setting } from "../evaluate/inputs.js";
import type { Value } from "../evaluate/value.js";
import { chainedWarnings, chainFrom, settingsFor } from "./chain.js";
import { fitWarnings, type FitWarning } from "./fit.js";
import { boundName } from "../sheet/bindings.js";
import type { Preset } from "../sheet/preset.js";
import { loadShipped, shippedSheetIds, shippedVocabulary } from "./shipped.js";

export interface EstimateRow {
  readonly sheet: string;
  readonly formula: string;
  readonly value?: Value;
  readonly failure?: string;
  readonly warnings: readonly FitWarning[];
}

export interface EstimateEntry {
  readonly quantity: string;
  readonly unit?: string;
  readonly description: string;
  /** The value to quote, from a sheet that fits the model; undefined when none could compute it. */
  readonly value?: Value;
  readonly sheet?: string;
  /** Every sheet that binds the quantity: its value (or why none), and whether it fits. */
  readonly sheets: readonly EstimateRow[];
}

/** @example estimate({ presets: [loadShippedPreset("llama-3-8b")] }).find((e) => e.quantity === "params")?.value */
export function estimate(options: { readonly presets: readonly Preset[]; readonly set?: readonly Setting[] }): EstimateEntry[] {
  const { presets, set = [] } = options;
  const chain = chainFrom(presets, set);
  const sheets = shippedSheetIds().map((id) => loadShipped(id));
  const out: EstimateEntry[] = [];
  for (const term of shippedVocabulary().terms.values()) {
    if (term.group !== "results") continue;
    const rows = sheets.flatMap((sheet): EstimateRow[] => {
      const formula = sheet.formulas.find((f) => boundName(f) === term.name);
      if (!formula) return [];
      // Judged on what this formula reads: a KV cache does not depend on the feed-forward block.
      const warnings = fitWarnings(sheet, presets, { targets: [formula.name] });
      try {
        const d = derive(sheet, formula.name, { presets, set: settingsFor(sheet, set, { bySymbol: true }), chain, symbolic: false });
        return [{ sheet: sheet.id, formula: formula.name, value: d.value, warnings: [...warnings, ...chainedWarnings(d.inputs, presets)] }];
      } catch (e) {
        if (!(e instanceof FlopsheetError)) throw e;
        return [{ sheet: sheet.id, formula: formula.name, failure: e.issues[0]!.message, warnings }];
      }
    });
    if (rows.length === 0) continue;
    const fitting = rows.filter((r) => r.value && r.warnings.length === 0);
    const chosen = fitting.find((r) => r.sheet === "decoder") ?? fitting[0];
    out.push({ quantity: term.name, unit: term.unit, description: term.description, value: chosen?.value, sheet: chosen?.sheet, sheets: rows });
  }
  return out;
}
