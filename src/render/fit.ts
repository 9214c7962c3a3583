/** The "Does not fit" warnings, as terminal text and as JSON. */
import type { FitWarning } from "../model/fit.js";

/** One warning as a line of prose: what does not fit, and which shipped sheets model it. */
export function fitLine(w: FitWarning): string {
  return `${w.message}${w.modelledBy.length > 0 ? `; modelled by ${w.modelledBy.join(", ")}` : ""}`;
}

/** A "Does not fit" section, or nothing. */
export function fitText(warnings: readonly FitWarning[]): string {
  if (warnings.length === 0) return "";
  return "\nDoes not fit\n" + warnings.map((w) => `  ${fitLine(w)}\n`).join("");
}

export function fitJson(warnings: readonly FitWarning[]): object[] {
  return warnings.map((w) => ({ quantity: w.quantity, message: w.message, modelled_by: w.modelledBy }));
}
