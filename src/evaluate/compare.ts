/**
 * One model through several sheets: each sheet's formula for a quantity (`training_flops`), its
 * value, and its ratio to the first sheet's, the way Chinchilla's Table A4 sets its formula
 * against 6ND.
 */
import { remedyText } from "../core/errors.js";
import { FlopsheetError } from "../core/errors.js";
import { expectOptions, expectSheet, expectString } from "../core/arguments.js";
import type { Rational } from "../core/rational.js";
import { boundName } from "../sheet/bindings.js";
import type { Sheet } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";
import { derive, type Derivation } from "./derive.js";
import type { Chain, Setting } from "./inputs.js";

export interface CompareRow {
  readonly sheet: Sheet;
  /** The sheet's formula for the quantity; undefined when it binds none. */
  readonly formula?: string;
  /** Undefined when the sheet could not compute the quantity for the model: see `failure`. */
  readonly derivation?: Derivation;
  /** Why there is no value (a missing input, no formula for the quantity), in the error's words. */
  readonly failure?: string;
  /** This row's value over the first computed row's; undefined when either has none or that is zero. */
  readonly ratio?: Rational;
}

export interface CompareOptions {
  /** The vocabulary quantity to compare (`training_flops`). */
  readonly quantity: string;
  readonly presets?: readonly Preset[];
  readonly set?: readonly Setting[];
  /** Where a quantity nothing gives may come from (see chainFrom), as in derive. */
  readonly chain?: Chain;
  /** The settings each sheet reads (a --set of another sheet's symbol is not this one's mistake). */
  readonly settingsFor?: (sheet: Sheet) => readonly Setting[];
  /** Counting conventions asked for: a sheet counted otherwise has a row that says so. */
  readonly conventions?: ReadonlyMap<string, string>;
}

/**
 * @example compareSheets([kaplan, gpt3], { quantity: "training_flops", presets: [gpt3_175b] }).map((r) => r.ratio)
 * A sheet that cannot compute the quantity for the model gets a row with the reason instead of
 * ending the comparison, even when no sheet can: the rows say what each one lacks.
 *
 * @throws FlopsheetError for arguments that are not sheets and options.
 */
export function compareSheets(sheets: readonly Sheet[], options: CompareOptions): CompareRow[] {
  if (!Array.isArray(sheets as unknown) || sheets.length === 0) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: "compareSheets's sheets must be a non-empty array of sheets" });
  sheets.forEach((s, i) => expectSheet(s, `compareSheets's sheet ${i + 1}`));
  expectOptions(options, "compareSheets's options");
  expectString(options?.quantity, "compareSheets's options.quantity");
  const { quantity, presets = [], set = [], chain } = options;
  const rows = sheets.map((sheet): CompareRow => {
    const formula = sheet.formulas.find((f) => boundName(f) === quantity);
    if (!formula) return { sheet, failure: `binds no formula to ‘${quantity}’` };
    try {
      const settings = options.settingsFor ? options.settingsFor(sheet) : set;
      return { sheet, formula: formula.name, derivation: derive(sheet, formula.name, { presets, set: settings, chain, symbolic: false, conventions: options.conventions }) };
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
      return { sheet, formula: formula.name, failure: e.issues.map((i) => (i.remedy ? `${i.message}: ${remedyText(i.remedy)}` : i.message)).join("; ") };
    }
  });
  const first = rows.find((r) => r.derivation)?.derivation?.value.q;
  return rows.map((r) => (first !== undefined && r.derivation && !first.isZero() ? { ...r, ratio: r.derivation.value.q.div(first) } : r));
}
