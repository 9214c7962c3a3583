/**
 * A sheet asked about a model, composed once for every shell: the CLI's `derive` and `report`
 * and the web page call these, so the page's exports are the CLI's reports byte for byte. With a
 * model, a quantity nothing gives is taken from the sheet that derives it (chainFrom), a setting
 * only such a sheet reads goes there, and the "Does not fit" warnings are judged on what was
 * derived and on every sheet a value came from.
 */
import { FlopsheetError } from "../core/errors.js";
import { derive, type Derivation } from "../evaluate/derive.js";
import type { Setting } from "../evaluate/inputs.js";
import { buildReport, type Report } from "../evaluate/report.js";
import { chainedWarnings, chainFrom, splitSettings, unusedChainedSettings } from "./chain.js";
import { fitWarnings, type FitWarning } from "./fit.js";
import { fitLine } from "../render/fit.js";
import { importConfig } from "../sheet/hf-config.js";
import type { Sheet } from "../sheet/model.js";
import { readPreset, type Preset } from "../sheet/preset.js";
import { shippedVocabulary } from "./shipped.js";

export interface ModelOptions {
  readonly scenario?: string;
  readonly set?: readonly Setting[];
  /** The model preset first, then hardware (as --model and --hardware give them). */
  readonly presets?: readonly Preset[];
  /** quantity → the shipped sheet to take it from (--from); default decoder. */
  readonly from?: ReadonlyMap<string, string>;
}

/**
 * A Hugging Face `config.json`'s text as a model preset; `path` names it in messages and is the
 * preset's id (`llama.json` → `llama`). Keys flopsheet does not read are kept as `unread`.
 *
 * @example configPreset(text, "config.json").values.get("n_layers")?.written.text // "32"
 */
export function configPreset(text: string, path: string): Preset {
  const { yaml, unread } = importConfig(text, path);
  const preset = readPreset(yaml, path.replace(/\.json$/i, ".yaml"), shippedVocabulary());
  return unread.length > 0 ? { ...preset, unread } : preset;
}

/** The chain through other sheets for a model; --from without a model would be ignored, so it is an error. */
function chainOf(options: ModelOptions) {
  const presets = options.presets ?? [];
  if (presets.length === 0) {
    if ((options.from?.size ?? 0) > 0) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: "--from says which sheet gives a quantity for a model; give the model with --model" });
    return undefined;
  }
  return chainFrom(presets, options.set ?? [], options.from);
}

/**
 * A target's derivation for a model, with the warnings that say where the sheet does not describe it.
 *
 * @example deriveForModel(loadShipped("decoder"), "params", { presets: [loadShippedPreset("llama-3-8b")] }).derivation.value
 * @throws FlopsheetError as derive does, and for a setting meant for a chained sheet that none read.
 */
export function deriveForModel(sheet: Sheet, target: string, options: ModelOptions = {}): { readonly derivation: Derivation; readonly warnings: readonly FitWarning[] } {
  const presets = options.presets ?? [];
  const set = options.set ?? [];
  const chain = chainOf(options);
  // A setting only a chained sheet reads (micro_batch_size for korthikanti's activations) goes there.
  const { own, chained } = chain ? splitSettings(sheet, set) : { own: set, chained: [] };
  const derivation = derive(sheet, target, { scenario: options.scenario, set: own, presets, chain });
  const unused = unusedChainedSettings(derivation.inputs, chained);
  if (unused.length > 0) {
    throw new FlopsheetError(unused.map((s) => ({ code: "UNKNOWN_IDENTIFIER" as const, message: `--set ${s.name}: neither ${sheet.id} nor a sheet it took a value from reads ‘${s.name}’` })));
  }
  return { derivation, warnings: [...fitWarnings(sheet, presets, { targets: [derivation.target] }), ...chainedWarnings(derivation.inputs, presets)] };
}

/**
 * A report of a sheet for a model, its "Does not fit" section filled in: what `flopsheet report`
 * renders (renderBuiltReport).
 *
 * @example renderBuiltReport(reportForModel(sheet, { targets: ["params"], presets }), "latex")
 */
export function reportForModel(sheet: Sheet, options: ModelOptions & { readonly targets?: readonly string[]; readonly checks?: boolean } = {}): Report {
  const presets = options.presets ?? [];
  const chain = chainOf(options);
  const report = buildReport(sheet, { targets: options.targets, scenario: options.scenario, set: options.set, presets, chain, checks: options.checks });
  // Judged on what the report derives, and on the sheets it took chained values from.
  const warnings = [...fitWarnings(sheet, presets, { targets: report.targets }), ...chainedWarnings(report.inputs, presets)].map(fitLine);
  return { ...report, warnings };
}
