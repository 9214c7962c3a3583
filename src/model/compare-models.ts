/**
 * Models × sheets: each model through each sheet, with the sheets that do not describe the model
 * marked on their rows, quantities nothing gives taken from the sheet that derives them for the
 * model (chaining), and each `--set` given only to the sheets that read it.
 */
import { didYouMean, FlopsheetError } from "../core/errors.js";
import type { Catalogue } from "./catalogue.js";
import { derive, type DeriveOptions } from "../evaluate/derive.js";
import type { Rational } from "../core/rational.js";
import { compareSheets, type CompareRow } from "../evaluate/compare.js";
import type { Setting } from "../evaluate/inputs.js";
import { chainedWarnings, chainFrom, settingsFor } from "./chain.js";
import { fitWarnings, type FitWarning } from "./fit.js";
import { bindsName } from "../sheet/bindings.js";
import type { Sheet } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";

/**
 * How much of a row's ratio its conventions alone explain: the first row's sheet re-derived in
 * this row's conventions (`shifted`), so ratio = (shifted / first) × (row / shifted). Without a
 * way to re-derive it (the first sheet's convention is fixed), `differs` names the axes only.
 */
export interface ConventionShare {
  readonly axes: readonly string[];
  /** The first row's value in this row's conventions over its own value. */
  readonly byConvention?: Rational;
  /** This row's value over the first row's in this row's conventions: what the formulas differ by. */
  readonly byFormula?: Rational;
}

export interface ModelComparison {
  /** The model's preset id (a config's file name for a config.json). */
  readonly model: string;
  /** One row per sheet, in the order given; ratios are to this model's first computed row. */
  readonly rows: readonly (CompareRow & { readonly warnings: readonly FitWarning[]; readonly conventions: ReadonlyMap<string, string>; readonly share?: ConventionShare })[];
}

export interface CompareModelsOptions {
  readonly quantity: string;
  /** One entry per model: its presets (the model's, then any hardware). */
  readonly models: readonly (readonly Preset[])[];
  readonly set?: readonly Setting[];
  /** Where chained quantities come from (`params` → `megatron-2021`); by default the contract's choice. */
  readonly from?: ReadonlyMap<string, string>;
  /** Counting conventions asked for: only a formula counted so answers. */
  readonly conventions?: ReadonlyMap<string, string>;
}

/**
 * @example compareModels(catalogue, [kaplan, decoder], { quantity: "params", models: [[llama3]] })[0].rows[1].derivation?.value
 * @throws FlopsheetError for a quantity the vocabulary does not name, or a setting that none of the
 *   sheets reads (it would be silently ignored).
 */
export function compareModels(catalogue: Catalogue, sheets: readonly Sheet[], options: CompareModelsOptions): ModelComparison[] {
  const set = options.set ?? [];
  const terms = catalogue.vocabulary.terms;
  if (!terms.has(options.quantity)) {
    const guess = didYouMean(options.quantity, terms.keys());
    throw new FlopsheetError({ code: "UNKNOWN_TARGET", message: `‘${options.quantity}’ is not a quantity of the vocabulary${guess ? `; did you mean ‘${guess}’?` : " (the vocabulary lists them)"}` });
  }
  const unread = set.filter((s) => !sheets.some((sheet) => bindsName(sheet, s.name) || sheet.inputs.some((i) => i.name === s.name)));
  if (unread.length > 0) {
    throw new FlopsheetError(
      unread.map((s) => ({ code: "UNKNOWN_IDENTIFIER" as const, message: `${s.name}: none of the sheets compared reads ‘${s.name}’ (an input's symbol or a vocabulary name one binds)` })),
    );
  }
  return options.models.map((presets) => {
    const chain = chainFrom(catalogue, presets, { set, from: options.from, conventions: options.conventions });
    const settingsOf = (sheet: Sheet) => settingsFor(sheet, set, { bySymbol: true });
    const rows = compareSheets(sheets, { quantity: options.quantity, presets, chain, settingsFor: settingsOf, conventions: options.conventions });
    const first = rows.find((r) => r.derivation);
    return {
      model: presets[0]?.id ?? "",
      rows: rows.map((r) => {
        const conventions = r.derivation?.conventions ?? new Map<string, string>();
        const share = first?.derivation && r !== first && r.derivation ? conventionShare(first, r, { presets, chain, set: settingsOf(first.sheet) }) : undefined;
        return {
          ...r,
          conventions,
          ...(share ? { share } : {}),
          warnings: [...(r.formula ? fitWarnings(catalogue, r.sheet, presets, { targets: [r.formula] }) : []), ...(r.derivation ? chainedWarnings(catalogue, r.derivation.inputs, presets) : [])],
        };
      }),
    };
  });
}

function conventionShare(first: CompareRow, row: CompareRow, options: Pick<DeriveOptions, "presets" | "chain" | "set">): ConventionShare | undefined {
  const a = first.derivation!.conventions;
  const b = row.derivation!.conventions;
  const axes = [...b.keys()].filter((axis) => a.has(axis) && a.get(axis) !== b.get(axis));
  if (axes.length === 0) return undefined;
  try {
    // Every axis both state, at the row's value: the first row's own (perhaps asked-for) conventions
    // must not come back through its inputs' defaults.
    const shifted = derive(first.sheet, first.formula!, { ...options, symbolic: false, conventions: new Map([...b].filter(([axis]) => a.has(axis))) });
    const base = first.derivation!.value.q;
    if (base.isZero() || shifted.value.q.isZero()) return { axes };
    return { axes, byConvention: shifted.value.q.div(base), byFormula: row.derivation!.value.q.div(shifted.value.q) };
  } catch (e) {
    if (!(e instanceof FlopsheetError)) throw e;
    return { axes };
  }
}
