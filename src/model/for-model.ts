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
import { importConfig } from "../sheet/hf-config.js";
import type { Sheet } from "../sheet/model.js";
import { readPreset, type Preset } from "../sheet/preset.js";
import type { Vocabulary } from "../sheet/vocabulary.js";
import type { Catalogue } from "./catalogue.js";
import { assumptionsOf, type Assumption } from "./assumptions.js";
import { bindsName, boundName, namesRead } from "../sheet/bindings.js";
import { symbolsOf } from "../syntax/tree.js";

export interface ModelOptions {
  readonly scenario?: string;
  readonly set?: readonly Setting[];
  /** The model preset first, then hardware. */
  readonly presets?: readonly Preset[];
  /** quantity → the sheet to take it from; by default the one the contract chooses (sourceFor). */
  readonly from?: ReadonlyMap<string, string>;
  /** Counting conventions asked for (`attention` → `causal`). */
  readonly conventions?: ReadonlyMap<string, string>;
}

/**
 * A Hugging Face `config.json`'s text as a model preset; `path` names it in messages and is the
 * preset's id (`llama.json` → `llama`). Keys flopsheet does not read are kept as `unread` (those
 * that may change a count) and `harmless`.
 *
 * @example configPreset(text, "config.json", vocabulary).values.get("n_layers")?.written.text // "32"
 */
export function configPreset(text: string, path: string, vocabulary: Vocabulary): Preset {
  const { yaml, tree, unread, harmless } = importConfig(text, path);
  const preset = readPreset(yaml, path.replace(/\.json$/i, ".yaml"), vocabulary, tree);
  return { ...preset, ...(unread.length > 0 ? { unread } : {}), ...(harmless.length > 0 ? { harmless } : {}) };
}

/** The chain through other sheets for a model; `from` without a model would be ignored, so it is an error. */
function chainOf(catalogue: Catalogue, options: ModelOptions) {
  const presets = options.presets ?? [];
  if (presets.length === 0) {
    if ((options.from?.size ?? 0) > 0) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: "a sheet to take a quantity from is named, but no model: it says which sheet gives a quantity for a model" });
    return undefined;
  }
  return chainFrom(catalogue, presets, { set: options.set ?? [], from: options.from, conventions: options.conventions });
}

/**
 * A convention asked for that the target's quantity depends on but the sheet does not state is
 * an error: only a formula in that convention answers.
 */
export function unstatedConventions(catalogue: Catalogue, d: Derivation, asked: ReadonlyMap<string, string> | undefined): void {
  const formula = d.steps[d.steps.length - 1]?.formula;
  const quantity = formula ? boundName(formula) : undefined;
  const issues = [...(asked ?? [])]
    .filter(([axis]) => !d.conventions.has(axis) && quantity !== undefined && catalogue.vocabulary.conventions.get(axis)?.appliesTo.includes(quantity))
    .map(([axis, value]) => ({ code: "CONVENTION" as const, message: `${d.sheet.id}'s ${quantity} does not say how it counts ${axis}, so it cannot answer in the ${axis} convention ‘${value}’` }));
  if (issues.length > 0) throw new FlopsheetError(issues);
}

export interface ModelDerivation {
  readonly derivation: Derivation;
  readonly warnings: readonly FitWarning[];
  /** The defaults the value rests on, shown beside it. */
  readonly assumptions: readonly Assumption[];
  /** Settings the value does not rest on (`seq_len` for a count of parameters): shown beside it. */
  readonly unread: readonly Setting[];
}

/** What unreadSettings reads of a derivation, a report or a sweep's first point. */
export type ReadBy = Pick<Derivation, "sheet" | "inputs"> & { readonly scenario?: Derivation["scenario"] };

/**
 * The settings a derivation (or a report) did not read: one naming an input of the sheet (or a
 * formula it pinned) that the targets do not depend on, or a quantity that no input it depends on reads,
 * that no value it took follows, and that no sheet it took a value from binds. The number is
 * right, but what was set did not go into it: said, never silent.
 *
 * @example unreadSettings(catalogue, deriveForModel(decoder, "params", { presets, set }).derivation, set, presets) // [{ name: "seq_len", … }]
 */
export function unreadSettings(
  catalogue: Catalogue,
  d: ReadBy,
  set: readonly Setting[],
  presets: readonly Preset[],
): Setting[] {
  const own = new Set(d.sheet.inputs.map((i) => i.name));
  const all = [...(d.scenario?.presets ?? []), ...presets];
  // A config's head dimension follows d_model / n_heads: setting d_model moves it.
  const follows = (quantity: string, name: string) =>
    all.some((p) => {
      const f = p.values.get(quantity)?.follows;
      return f !== undefined && symbolsOf(f.expr).has(name);
    });
  const read = (s: Setting): boolean => {
    if (own.has(s.name)) return d.inputs.some((iv) => iv.input.name === s.name);
    return d.inputs.some((iv) => {
      const names = namesRead(iv.input);
      if (names.includes(s.name) || names.some((n) => follows(n, s.name))) return true;
      return iv.chained !== undefined && catalogue.sheetIds.includes(iv.chained.sheet) && bindsName(catalogue.sheet(iv.chained.sheet), s.name);
    });
  };
  return set.filter((s) => !read(s));
}

/**
 * A target's derivation for a model, with the warnings that say where the sheet does not describe
 * it and the defaults it rests on.
 *
 * @example deriveForModel(catalogue, catalogue.sheet("decoder"), "params", { presets: [llama3] }).derivation.value
 * @throws FlopsheetError as derive does, and for a setting meant for a chained sheet that none read.
 */
export function deriveForModel(catalogue: Catalogue, sheet: Sheet, target: string, options: ModelOptions = {}): ModelDerivation {
  const presets = options.presets ?? [];
  const set = options.set ?? [];
  const chain = chainOf(catalogue, options);
  // A setting only a chained sheet reads (micro_batch_size for korthikanti's activations) goes there.
  const { own, chained } = chain ? splitSettings(catalogue, sheet, set) : { own: set, chained: [] };
  const derivation = derive(sheet, target, { scenario: options.scenario, set: own, presets, chain, conventions: options.conventions });
  unstatedConventions(catalogue, derivation, options.conventions);
  const unused = unusedChainedSettings(catalogue, derivation.inputs, chained);
  if (unused.length > 0) {
    throw new FlopsheetError(unused.map((s) => ({ code: "UNKNOWN_IDENTIFIER" as const, message: `${s.name}: neither ${sheet.id} nor a sheet it took a value from reads ‘${s.name}’` })));
  }
  return {
    derivation,
    warnings: [...fitWarnings(catalogue, sheet, presets, { targets: [derivation.target] }), ...chainedWarnings(catalogue, derivation.inputs, presets)],
    assumptions: presets.length > 0 ? assumptionsOf(derivation, catalogue.vocabulary) : [],
    unread: unreadSettings(catalogue, derivation, own, presets),
  };
}

/**
 * A report of a sheet for a model, its "Does not fit" and "Assumes" sections filled in by `word`
 * and `wordAssumption`: what
 * `flopsheet report` renders (renderBuiltReport).
 *
 * @example renderBuiltReport(reportForModel(catalogue, sheet, { targets: ["params"], presets }, fitLine, assumptionLine), "latex")
 */
export function reportForModel(
  catalogue: Catalogue,
  sheet: Sheet,
  options: ModelOptions & { readonly targets?: readonly string[]; readonly checks?: boolean },
  word: (w: FitWarning) => string,
  wordAssumption: (a: Assumption) => string,
  wordUnread: (s: Setting) => string,
): Report {
  const presets = options.presets ?? [];
  const chain = chainOf(catalogue, options);
  // As in deriveForModel: a setting only a chained sheet reads goes there, not to this sheet.
  const { own, chained } = chain ? splitSettings(catalogue, sheet, options.set ?? []) : { own: options.set ?? [], chained: [] };
  const report = buildReport(sheet, { targets: options.targets, scenario: options.scenario, set: own, presets, chain, checks: options.checks, conventions: options.conventions });
  const unused = unusedChainedSettings(catalogue, report.inputs, chained);
  if (unused.length > 0) {
    throw new FlopsheetError(unused.map((s) => ({ code: "UNKNOWN_IDENTIFIER" as const, message: `${s.name}: neither ${sheet.id} nor a sheet it took a value from reads ‘${s.name}’` })));
  }
  // Judged on what the report derives, and on the sheets it took chained values from.
  const warnings = [...fitWarnings(catalogue, sheet, presets, { targets: report.targets }), ...chainedWarnings(catalogue, report.inputs, presets)].map(word);
  const assumptions = presets.length > 0 ? assumptionsOf(report, catalogue.vocabulary).map(wordAssumption) : [];
  return { ...report, warnings, assumptions, notRead: unreadSettings(catalogue, report, own, presets).map(wordUnread) };
}
