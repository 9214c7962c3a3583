/**
 * Chaining with a contract: a sheet that needs a quantity nothing gives (training-budget needs
 * `training_flops`) takes it only from a sheet of the catalogue that fits the model for that
 * quantity, in the conventions asked for: the one named for it (`from`), else `decoder`, else the
 * first general sheet that does. A worked example (`role: example`) is used only when named. When
 * the sheet that would give it needs more values, those are what to ask for: never a fallback to
 * a sheet that does not describe the model. The value carries that sheet's conventions and
 * assumptions; the consumer is judged on what it reads itself.
 */
import { keyedListMemo, listMemo, memo } from "../core/memo.js";
import { FlopsheetError } from "../core/errors.js";
import { derive } from "../evaluate/derive.js";
import type { Chain, Setting } from "../evaluate/inputs.js";
import { bindsName, boundName } from "../sheet/bindings.js";
import type { Sheet } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";
import type { Catalogue } from "./catalogue.js";
import { fitWarnings, type FitWarning } from "./fit.js";
import type { InputValue } from "../evaluate/inputs.js";
import { assumptionsOf, restsOnDefaults } from "./assumptions.js";

/**
 * The settings a sheet reads: those of quantities it binds or derives, and with `bySymbol` those
 * of its own symbols. A setting given for the sheet asked is not a mistake in a sheet consulted on
 * the way; a chained sheet takes quantities only, since one sheet's `L` is not another's.
 */
export function settingsFor(sheet: Sheet, set: readonly Setting[], options: { readonly bySymbol?: boolean } = {}): Setting[] {
  return set.filter((s) => bindsName(sheet, s.name) || (options.bySymbol === true && (sheet.inputs.some((i) => i.name === s.name) || sheet.formulas.some((f) => f.name === s.name))));
}

export interface ChainOptions {
  readonly set?: readonly Setting[];
  /** quantity → the sheet to take it from, whatever its role. */
  readonly from?: ReadonlyMap<string, string>;
  /** Counting conventions asked for: a chained value must be counted in them. */
  readonly conventions?: ReadonlyMap<string, string>;
}

/** The sheets to try for a quantity, in order: the one named, else decoder, then the general ones. */
function candidates(catalogue: Catalogue, quantity: string, from: ReadonlyMap<string, string>): { ids: string[]; named: boolean } {
  const named = from.get(quantity);
  if (named !== undefined) return { ids: [named], named: true };
  const ids = catalogue.sheetIds.includes("decoder") ? ["decoder", ...catalogue.sheetIds.filter((id) => id !== "decoder")] : [...catalogue.sheetIds];
  return { ids: ids.filter((id) => catalogue.sheet(id).role === "general"), named: false };
}

/**
 * The sheet that gives a quantity for a model, by the contract above; with its formula, or the
 * reason none does. Estimate's headline and every chain decide through this one function.
 */
export function sourceFor(catalogue: Catalogue, presets: readonly Preset[], quantity: string, options: ChainOptions = {}): { readonly sheet: Sheet; readonly formula: string } | undefined {
  // An estimate asks for each quantity's source, and its chain asks again for those it takes.
  const key = JSON.stringify([quantity, [...(options.from ?? [])], [...(options.conventions ?? [])]]);
  const found = sources.of(catalogue, presets, () => new Map());
  if (!found.has(key)) found.set(key, findSource(catalogue, presets, quantity, options));
  return found.get(key);
}
type Source = { readonly sheet: Sheet; readonly formula: string };
const sources = keyedListMemo<Catalogue, Preset, Map<string, Source | undefined>>();

function findSource(catalogue: Catalogue, presets: readonly Preset[], quantity: string, options: ChainOptions): Source | undefined {
  const { ids, named } = candidates(catalogue, quantity, options.from ?? new Map());
  const fitting: { readonly sheet: Sheet; readonly formula: Sheet["formulas"][number] }[] = [];
  for (const id of ids) {
    const sheet = catalogue.sheet(id);
    const formula = formulaBinding(sheet, quantity);
    if (!formula) continue;
    if (named) return { sheet, formula: formula.name };
    if (fitWarnings(catalogue, sheet, withoutUnread(presets), { targets: [formula.name] }).length > 0) continue;
    if (!inConventions(formula, options.conventions)) continue;
    fitting.push({ sheet, formula });
  }
  // A sheet that asks for what it needs before one that assumes it (training-budget asks for the
  // MFU where Megatron's eq. 4 takes 140 TFLOP/s measured on A100s); decoder first among equals.
  const chosen = fitting.find((c) => !restsOnDefaults(c.sheet, c.formula, catalogue.vocabulary)) ?? fitting[0];
  return chosen && { sheet: chosen.sheet, formula: chosen.formula.name };
}

// Each sheet's formulas by the quantity they bind: sourceFor asks every sheet for every quantity.
const bindingBySheet = memo<Sheet, Map<string, Sheet["formulas"][number]>>();

/** The first formula of a sheet that binds a quantity, as a search in order would find it. */
export function formulaBinding(sheet: Sheet, quantity: string): Sheet["formulas"][number] | undefined {
  const byName = bindingBySheet.of(sheet, () => {
    const out = new Map<string, Sheet["formulas"][number]>();
    // The first formula that binds a name is the one taken, as a search in order would find.
    for (const f of sheet.formulas) {
      const name = boundName(f);
      if (name !== undefined && !out.has(name)) out.set(name, f);
    }
    return out;
  });
  return byName.get(quantity);
}

// A config's unread keys are judged once, for the quantity asked; not again for each sheet tried.
function withoutUnread(presets: readonly Preset[]): readonly Preset[] {
  // The same list for the same presets, so that what fitWarnings works out for a list is kept.
  return strippedPresets.of(presets, () => presets.map((p) => ({ ...p, unread: undefined })));
}
const strippedPresets = listMemo<Preset, readonly Preset[]>();

function inConventions(formula: Sheet["formulas"][number], asked: ReadonlyMap<string, string> | undefined): boolean {
  for (const [axis, value] of asked ?? []) {
    const setting = formula.conventions?.get(axis);
    if (setting?.kind === "fixed" && setting.value !== value) return false;
    if (setting?.kind === "input" && !setting.values.has(value)) return false;
  }
  return true;
}

/**
 * @example derive(catalogue.sheet("training-budget"), "days", { presets, chain: chainFrom(catalogue, presets) })
 */
export function chainFrom(catalogue: Catalogue, presets: readonly Preset[], options: ChainOptions = {}): Chain {
  const set = options.set ?? [];
  // Each quantity is chained once: the model, settings and conventions are this chain's own, and
  // an estimate asks for params and the cache of every serving row.
  const memo = new Map<string, ReturnType<Chain>>();
  return (quantity) => {
    if (!memo.has(quantity)) memo.set(quantity, chainOnce(quantity));
    return memo.get(quantity);
  };
  function chainOnce(quantity: string): ReturnType<Chain> {
    const source = sourceFor(catalogue, presets, quantity, options);
    if (!source) return undefined;
    try {
      // No chain further: one sheet's own values, never a loop of sheets.
      const d = derive(source.sheet, source.formula, { presets, set: settingsFor(source.sheet, set), symbolic: false, conventions: options.conventions });
      return { value: d.value, from: source.sheet.id, conventions: d.conventions, assumptions: assumptionsOf(d, catalogue.vocabulary) };
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
      const missing = e.issues.flatMap((i) => (i.code === "MISSING_INPUT" ? (i.remedy?.set ?? []) : []));
      if (missing.length > 0 && e.issues.every((i) => i.code === "MISSING_INPUT")) return { missing: [...new Set(missing)], from: source.sheet.id };
      return undefined;
    }
  }
}

/**
 * Whether the sheets a derivation took chained quantities from fit the model for what they gave
 * (with `from`, a sheet named need not; it is then warned about here).
 *
 * @example chainedWarnings(catalogue, d.inputs, presets) // [] when every chained value came from decoder
 */
export function chainedWarnings(catalogue: Catalogue, inputs: readonly InputValue[], presets: readonly Preset[]): FitWarning[] {
  return inputs.flatMap((i) => {
    if (!i.chained) return [];
    const sheet = catalogue.sheet(i.chained.sheet);
    const formula = sheet.formulas.find((f) => boundName(f) === i.chained!.quantity);
    return fitWarnings(catalogue, sheet, withoutUnread(presets), { targets: formula ? [formula.name] : undefined }).map((w) => ({ ...w, via: i.chained!.quantity }));
  });
}

/**
 * The settings for the sheet asked, and those only a sheet it may chain from reads (a vocabulary
 * name the sheet does not bind, such as `micro_batch_size` for the activations zero-2020 takes
 * from korthikanti-2022). A setting nothing reads stays with the sheet, whose error names it.
 */
export function splitSettings(catalogue: Catalogue, sheet: Sheet, set: readonly Setting[]): { readonly own: Setting[]; readonly chained: Setting[] } {
  const own = settingsFor(sheet, set, { bySymbol: true });
  const chained = set.filter((s) => !own.includes(s) && catalogue.sheetIds.some((id) => bindsName(catalogue.sheet(id), s.name)));
  return { own: set.filter((s) => !chained.includes(s)), chained };
}

/**
 * Settings meant for a chained sheet that no chained sheet of the derivation read: an ignored
 * setting, which must be an error, never silence.
 */
export function unusedChainedSettings(catalogue: Catalogue, inputs: readonly InputValue[], chained: readonly Setting[]): Setting[] {
  const used = [...new Set(inputs.flatMap((i) => (i.chained ? [i.chained.sheet] : [])))].map((id) => catalogue.sheet(id));
  return chained.filter((s) => !used.some((sheet) => bindsName(sheet, s.name)));
}
