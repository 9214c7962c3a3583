/**
 * One model through several sheets: each sheet's formula for a quantity (`training_flops`), its
 * value, and its ratio to the first sheet's, the way Chinchilla's Table A4 sets its formula
 * against 6ND.
 */
import { FlopsheetError } from "../core/errors.js";
import { expectOptions, expectSheet, expectString } from "../core/arguments.js";
import type { Rational } from "../core/rational.js";
import { boundName } from "../sheet/bindings.js";
import type { Sheet } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";
import { derive, type Derivation } from "./derive.js";
import type { Setting } from "./inputs.js";

export interface CompareRow {
  readonly sheet: Sheet;
  readonly formula: string;
  readonly derivation: Derivation;
  /** This row's value over the first row's; undefined when the first row's value is zero. */
  readonly ratio?: Rational;
}

export interface CompareOptions {
  /** The vocabulary quantity to compare (`training_flops`). */
  readonly quantity: string;
  readonly presets?: readonly Preset[];
  readonly set?: readonly Setting[];
}

/**
 * @example compareSheets([kaplan, gpt3], { quantity: "training_flops", presets: [gpt3_175b] }).map((r) => r.ratio)
 * @throws FlopsheetError naming every sheet that binds no formula to the quantity, or lacks inputs.
 */
export function compareSheets(sheets: readonly Sheet[], options: CompareOptions): CompareRow[] {
  if (!Array.isArray(sheets as unknown) || sheets.length === 0) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: "compareSheets's sheets must be a non-empty array of sheets" });
  sheets.forEach((s, i) => expectSheet(s, `compareSheets's sheet ${i + 1}`));
  expectOptions(options, "compareSheets's options");
  expectString(options?.quantity, "compareSheets's options.quantity");
  const { quantity, presets = [], set = [] } = options;
  const missing = sheets.filter((s) => !s.formulas.some((f) => boundName(f) === quantity));
  if (missing.length > 0) {
    throw new FlopsheetError(missing.map((s) => ({ code: "UNKNOWN_TARGET" as const, message: `sheet ${s.id} binds no formula to ‘${quantity}’` })));
  }
  const derivations = sheets.map((sheet) => {
    const formula = sheet.formulas.find((f) => boundName(f) === quantity)!;
    return { sheet, formula: formula.name, derivation: derive(sheet, formula.name, { presets, set, symbolic: false }) };
  });
  const first = derivations[0]!.derivation.value.q;
  return derivations.map((d) => ({ ...d, ratio: first.isZero() ? undefined : d.derivation.value.q.div(first) }));
}
