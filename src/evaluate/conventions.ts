/**
 * A derivation's counting conventions: where its target stands (a fixed value, or one read off
 * the input that sets it), and where the values it took from other sheets stand. Asking for a
 * convention sets such an input, and a value counted otherwise is an error, not an answer.
 */
import { FlopsheetError } from "../core/errors.js";
import type { Formula, Sheet } from "../sheet/model.js";
import { boundName } from "../sheet/bindings.js";
import { constantValue, type InputValue, type Setting } from "./inputs.js";

/** @example conventionsOf(decoderForward, inputs).get("attention") // "full" */
export function conventionsOf(formula: Formula, inputs: readonly InputValue[]): Map<string, string> {
  const out = new Map<string, string>();
  // A value computed from another sheet's counts them as that sheet did (days from decoder's C).
  for (const iv of inputs) for (const [axis, value] of iv.chained?.conventions ?? []) if (!out.has(axis)) out.set(axis, value);
  for (const [axis, setting] of formula.conventions ?? []) {
    if (setting.kind === "fixed") {
      out.set(axis, setting.value);
      continue;
    }
    const iv = inputs.find((i) => i.input.name === setting.input);
    if (!iv) continue;
    const named = [...setting.values].find(([, w]) => constantValue(w, `the ${axis} convention`).equals(iv.value.q));
    out.set(axis, named ? named[0] : `${setting.input} = ${iv.text}`);
  }
  return out;
}

/** The settings that put the target in the conventions asked for, where an input sets them. */
export function conventionSettings(sheet: Sheet, formula: Formula, asked: ReadonlyMap<string, string> | undefined, set: readonly Setting[]): Setting[] {
  const out: Setting[] = [];
  for (const [axis, value] of asked ?? []) {
    const setting = formula.conventions?.get(axis);
    if (setting?.kind !== "input") continue;
    const w = setting.values.get(value);
    if (!w) continue; // checkConventions says the value is not one this sheet can count in
    if (set.some((s) => s.name === setting.input)) {
      throw new FlopsheetError({ code: "CONVENTION", message: `${setting.input} is set and the ${axis} convention is asked for too; ${sheet.id} reads that convention off ${setting.input} (${value} is ${setting.input} = ${w.text.trim()}), so give one of them` });
    }
    out.push({ name: setting.input, text: w.text.trim() });
  }
  return out;
}

/**
 * A value that stands elsewhere on an axis asked for is an error. One that does not say is judged
 * where the vocabulary is known (the model layer): whether the axis bears on the quantity at all.
 *
 * @throws FlopsheetError CONVENTION
 */
export function checkConventions(sheet: Sheet, formula: Formula, has: ReadonlyMap<string, string>, asked: ReadonlyMap<string, string>): void {
  const quantity = boundName(formula) ?? formula.name;
  const issues = [...asked]
    .filter(([axis, value]) => has.has(axis) && has.get(axis) !== value)
    .map(([axis, value]) => ({ code: "CONVENTION" as const, message: `${sheet.id}'s ${quantity} counts ${axis} as ‘${has.get(axis)}’, not ‘${value}’ as asked` }));
  if (issues.length > 0) throw new FlopsheetError(issues);
}
