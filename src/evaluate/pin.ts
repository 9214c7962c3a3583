/**
 * A setting that names a quantity the sheet derives (`mfu`, `training_flops`, `params`), or a
 * formula by its own name, pins it: the formula becomes an input given that value, so the trail
 * shows the value set where the formula stood, and what only fed it leaves the trail. Every
 * command derives through this one rule, so a setting means the same wherever it is given.
 */
import type { Input, Sheet } from "../sheet/model.js";
import { boundName } from "../sheet/bindings.js";
import type { Setting } from "./inputs.js";
import { namesRead } from "../sheet/bindings.js";

/** The formula a setting pins: one named so, or bound to the quantity named, where no input takes the name. */
function pinnedBy(sheet: Sheet, setting: Setting) {
  if (sheet.inputs.some((i) => i.name === setting.name || namesRead(i).includes(setting.name))) return undefined;
  return sheet.formulas.find((f) => f.name === setting.name) ?? sheet.formulas.find((f) => boundName(f) === setting.name);
}

/**
 * The sheet with every formula a setting pins turned into an input (marked `pinned`), or the
 * sheet itself when nothing is pinned.
 *
 */
export function pinFormulas(sheet: Sheet, settings: readonly Setting[], targets: readonly string[] = []): Sheet {
  const pinned = new Map<string, Input>();
  for (const s of settings) {
    const f = pinnedBy(sheet, s);
    // The target itself stays a formula: the setting is then refused where settings are read.
    if (!f || pinned.has(f.name) || targets.includes(f.name)) continue;
    pinned.set(f.name, {
      name: f.name,
      description: `${f.description ?? boundName(f) ?? f.name}; pinned: the value set replaces the formula ${f.definition.text.trim()}`,
      ...(f.unit !== undefined ? { unit: f.unit } : {}),
      ...(f.bind ? { bind: f.bind } : {}),
      // A quantity's range (a count of parameters is not negative) holds for the value set.
      ...(f.range ? { range: f.range } : {}),
      pinned: f.definition,
      span: f.span,
      file: f.file,
      sheet: f.sheet,
    });
  }
  if (pinned.size === 0) return sheet;
  return {
    ...sheet,
    inputs: [...sheet.inputs, ...pinned.values()],
    formulas: sheet.formulas.filter((f) => !pinned.has(f.name)),
    evaluationOrder: sheet.evaluationOrder.filter((n) => !pinned.has(n)),
    uses: new Map([...sheet.uses].filter(([n]) => !pinned.has(n))),
  };
}
