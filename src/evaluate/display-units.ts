/**
 * The units asked for a derivation's results (`--unit training_days=hours`), checked against the
 * derivation before anything renders it.
 */
import { settingPrefix, type Setting } from "./inputs.js";
import { didYouMean, FlopsheetError, type Issue } from "../core/errors.js";
import { dimensionText, parseUnit, sameDimension, UnitError } from "../core/units.js";
import { boundName } from "../sheet/bindings.js";
import type { Derivation } from "./derive.js";

/**
 * The units asked for a derivation's results, by formula or quantity name, checked: each name is a
 * step of the trail, and each unit one of its dimension.
 *
 * @throws FlopsheetError naming the name or unit that does not fit.
 */
export function displayUnits(d: Derivation, asked: readonly Setting[]): Map<string, string> {
  const out = new Map<string, string>();
  const names = d.steps.flatMap((s) => [s.name, ...(boundName(s.formula) ? [boundName(s.formula)!] : [])]);
  const issues: Issue[] = [];
  for (const a of asked) {
    const unit = a.text.trim();
    const step = d.steps.find((s) => s.name === a.name || boundName(s.formula) === a.name);
    if (!step) {
      const guess = didYouMean(a.name, names);
      issues.push({ code: "INVALID_ARGUMENT" as const, message: `${settingPrefix(a)}${unit}: ‘${a.name}’ is not a formula or quantity of this trail${guess ? `; did you mean ‘${guess}’?` : ""}` });
      continue;
    }
    if (step.formula.unit === undefined) {
      issues.push({ code: "INVALID_ARGUMENT" as const, message: `${settingPrefix(a)}${unit}: ‘${step.name}’ has no unit to convert from` });
      continue;
    }
    try {
      const [from, to] = [parseUnit(step.formula.unit).dim, parseUnit(unit).dim];
      if (!sameDimension(from, to)) throw new UnitError(`${unit} measures ${dimensionText(to)}, but this value is ${dimensionText(from)} (${step.formula.unit})`);
    } catch (e) {
      if (!(e instanceof UnitError)) throw e;
      issues.push({ code: "INVALID_ARGUMENT" as const, message: `${settingPrefix(a)}${unit}: ${e.message}` });
      continue;
    }
    out.set(a.name, unit);
  }
  if (issues.length > 0) throw new FlopsheetError(issues);
  return out;
}
