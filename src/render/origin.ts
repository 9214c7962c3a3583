/**
 * Where an input's value came from, in words: the model or hardware preset and the binding it
 * went through, with the preset's own citation (a config key, a paper's table); a setting; the
 * scenario; the sheet's default; or the other sheet that derived it for the model.
 */
import type { InputValue } from "../evaluate/inputs.js";

/** @example originText(d.inputs[0], "section-4.2") // "scenario section-4.2" */
export function originText(i: InputValue, scenario?: string): string {
  switch (i.origin) {
    case "preset":
      return `${i.via ?? "preset"}${i.cites ? ` (${i.cites})` : ""}`;
    case "sheet":
      return i.via ?? "another sheet";
    case "set":
      // As the shell that took it writes a setting (`--set`), else in words.
      return i.via ?? "set";
    case "scenario":
      return scenario !== undefined ? `scenario ${scenario}` : "scenario";
    case "default":
      return "default";
  }
}
