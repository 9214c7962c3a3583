/**
 * The "Does not fit" warnings and the assumptions beside an answer, worded: the model layer
 * gives them as data, and this is the one place that says them.
 */
import type { FitWarning } from "../model/fit.js";
import type { Assumption } from "../model/assumptions.js";
import { formatExact } from "./numbers.js";
import { settingPrefix, type Setting } from "../evaluate/inputs.js";

/** A warning's sentence, without the sheets that model what it is about. */
export function fitMessage(w: FitWarning): string {
  const via = w.via ? `${w.via} from ` : "";
  switch (w.code) {
    case "ASSUMES": {
      const shown = /^[\d.]+$/.test(w.assumed) ? w.assumed : `${w.assumed} (${formatExact(w.assumedValue)})`;
      return `${via}${w.sheet} assumes ${w.quantity} = ${shown}, but ${w.preset} has ${w.given}`;
    }
    case "NOT_READ":
      return `${via}${w.preset} gives ${w.quantity} = ${w.given}, which ${w.sheet} does not read`;
    case "UNREAD_KEY":
      return `${w.preset}: the config's ${w.key}${w.note ? ` (${w.note})` : ""} is not read, so what it adds is not counted`;
  }
}

/** One warning as a line of prose: what does not fit, and which sheets model it. */
export function fitLine(w: FitWarning): string {
  return `${fitMessage(w)}${w.modelledBy.length > 0 ? `; modelled by ${w.modelledBy.join(", ")}` : ""}`;
}

/** A "Does not fit" section, or nothing. */
export function fitText(warnings: readonly FitWarning[]): string {
  if (warnings.length === 0) return "";
  return "\nDoes not fit\n" + warnings.map((w) => `  ${fitLine(w)}\n`).join("");
}

export function fitJson(warnings: readonly FitWarning[]): object[] {
  return warnings.map((w) => ({ code: w.code, quantity: w.quantity, message: fitMessage(w), modelled_by: w.modelledBy }));
}

/** An assumption as prose: "llama-2023 takes n_ctx = 1024 (its default; input context length)". */
export function assumptionLine(a: Assumption): string {
  const what = a.description ? `; ${a.description}` : "";
  return `${a.sheet} takes ${a.input}${a.quantity && a.quantity !== a.input ? ` (${a.quantity})` : ""} = ${a.value}, its default${what}${a.source ? ` [${a.source}]` : ""}`;
}

/** An "Assumes" section, or nothing. */
export function assumptionsText(assumptions: readonly Assumption[]): string {
  if (assumptions.length === 0) return "";
  return "\nAssumes (defaults, not the model's or yours)\n" + assumptions.map((a) => `  ${assumptionLine(a)}\n`).join("");
}

export function assumptionsJson(assumptions: readonly Assumption[]): object[] {
  return assumptions.map((a) => ({ sheet: a.sheet, input: a.input, quantity: a.quantity ?? null, value: a.value, source: a.source ?? null }));
}

/** A "Not read" section: the settings the targets' values do not rest on (see unreadSettings), or nothing. */
export function unreadText(unread: readonly Setting[], targets: readonly string[]): string {
  if (unread.length === 0) return "";
  const which = targets.length === 1 ? `${targets[0]} does not depend on it` : `none of ${targets.join(", ")} depends on it`;
  return "\nNot read\n" + unread.map((s) => `  ${settingPrefix(s)}${s.text}: ${which}\n`).join("");
}

/**
 * A setting no result of a report rests on, as its "Not read" section says it: in the same words
 * from every shell, since the page's exports are the command line's reports byte for byte.
 */
export function unreadLine(s: Setting): string {
  return `set ${s.name} = ${s.text.trim()}: no result of the report depends on it`;
}

export function unreadJson(unread: readonly Setting[]): object[] {
  return unread.map((s) => ({ name: s.name, value: s.text }));
}

/** Conventions as prose: "attention full, logits included". */
export function conventionsLine(conventions: ReadonlyMap<string, string>): string {
  return [...conventions].map(([axis, value]) => `${axis} ${value}`).join(", ");
}

export function conventionsJson(conventions: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries(conventions);
}
