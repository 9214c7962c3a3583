/**
 * Chaining through the vocabulary: a sheet that needs a quantity nothing gives (zero-2020 needs
 * `params`) takes it from the shipped sheet that derives it for the same model: `decoder` unless
 * `from` names another, and where decoder does not derive it (activations), the first shipped
 * sheet that does. The trail shows it as an input whose origin is that sheet, and a sheet that
 * does not fit the model is warned (chainedWarnings).
 */
import { FlopsheetError } from "../core/errors.js";
import { derive } from "../evaluate/derive.js";
import type { Chain, Setting } from "../evaluate/inputs.js";
import { bindsName, boundName } from "../sheet/bindings.js";
import type { Sheet } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";
import { loadShipped, shippedSheetIds } from "./shipped.js";
import { fitWarnings, type FitWarning } from "./fit.js";
import type { InputValue } from "../evaluate/inputs.js";

/**
 * The settings a sheet reads: those of quantities it binds, and with `bySymbol` those of its own
 * symbols. `--set n_devices=8`, given for the sheet asked, is not a mistake in a sheet consulted
 * on the way; and a chained sheet takes quantities only, since one sheet's `L` is not another's.
 */
export function settingsFor(sheet: Sheet, set: readonly Setting[], options: { readonly bySymbol?: boolean } = {}): Setting[] {
  return set.filter((s) => bindsName(sheet, s.name) || (options.bySymbol === true && sheet.inputs.some((i) => i.name === s.name)));
}

/**
 * @example derive(loadShipped("zero-2020"), "memory_baseline", { presets, chain: chainFrom(presets) })
 */
export function chainFrom(presets: readonly Preset[], set: readonly Setting[] = [], from: ReadonlyMap<string, string> = new Map()): Chain {
  return (quantity) => {
    // The sheet named with --from; else decoder; else the first shipped sheet that derives it.
    const named = from.get(quantity);
    const candidates = named !== undefined ? [named] : ["decoder", ...shippedSheetIds().filter((id) => id !== "decoder")];
    for (const id of candidates) {
      const sheet = loadShipped(id);
      const formula = sheet.formulas.find((f) => boundName(f) === quantity);
      if (!formula) continue;
      try {
        // No chain further: one sheet's own values, never a loop of sheets.
        return { value: derive(sheet, formula.name, { presets, set: settingsFor(sheet, set), symbolic: false }).value, from: sheet.id };
      } catch (e) {
        if (!(e instanceof FlopsheetError)) throw e;
        if (named !== undefined) return undefined;
      }
    }
    return undefined;
  };
}

/**
 * Whether the sheets a derivation took chained quantities from fit the model: a value derived by
 * a sheet that does not describe the model is as suspect as one the sheet asked derives itself.
 *
 * @example chainedWarnings(d.inputs, presets) // [] when every chained value came from decoder
 */
export function chainedWarnings(inputs: readonly InputValue[], presets: readonly Preset[]): FitWarning[] {
  return inputs.flatMap((i) => {
    if (!i.chained) return [];
    const sheet = loadShipped(i.chained.sheet);
    const formula = sheet.formulas.find((f) => boundName(f) === i.chained!.quantity);
    // A config's unread keys are said once, for the sheet asked; here only the other sheet's fit.
    const own = presets.map((p) => ({ ...p, unread: undefined }));
    return fitWarnings(sheet, own, { targets: formula ? [formula.name] : undefined }).map((w) => ({ ...w, message: `${i.chained!.quantity} from ${w.message}` }));
  });
}

/**
 * The settings for the sheet asked, and those only a sheet it may chain from reads (a vocabulary
 * name the sheet does not bind, such as `micro_batch_size` for the activations zero-2020 takes
 * from korthikanti-2022). A setting nothing reads stays with the sheet, whose error names it.
 */
export function splitSettings(sheet: Sheet, set: readonly Setting[]): { readonly own: Setting[]; readonly chained: Setting[] } {
  const own = settingsFor(sheet, set, { bySymbol: true });
  const chained = set.filter((s) => !own.includes(s) && shippedSheetIds().some((id) => bindsName(loadShipped(id), s.name)));
  return { own: set.filter((s) => !chained.includes(s)), chained };
}

/**
 * Settings meant for a chained sheet that no chained sheet of the derivation read: an ignored
 * --set, which must be an error, never silence.
 */
export function unusedChainedSettings(inputs: readonly InputValue[], chained: readonly Setting[]): Setting[] {
  const used = [...new Set(inputs.flatMap((i) => (i.chained ? [i.chained.sheet] : [])))].map((id) => loadShipped(id));
  return chained.filter((s) => !used.some((sheet) => bindsName(sheet, s.name)));
}
