/** The "Does not fit" warnings, as terminal text and as JSON. */
import type { FitWarning } from "../fit.js";

/** A "Does not fit" section, or nothing. */
export function fitText(warnings: readonly FitWarning[]): string {
  if (warnings.length === 0) return "";
  return (
    "\nDoes not fit\n" +
    warnings.map((w) => `  ${w.message}${w.modelledBy.length > 0 ? `; modelled by ${w.modelledBy.join(", ")}` : ""}\n`).join("")
  );
}

export function fitJson(warnings: readonly FitWarning[]): object[] {
  return warnings.map((w) => ({ quantity: w.quantity, message: w.message, modelled_by: w.modelledBy }));
}
