import { openPreset, openSheet } from "../../src/cli/sheets.js";
import type { Preset, Sheet } from "../../src/index.js";

/** A shipped sheet, with its bases, presets and vocabulary found as the CLI finds them. */
export function shipped(id: string): Sheet {
  return openSheet(id, process.cwd());
}

export function preset(id: string): Preset {
  return openPreset(id, process.cwd());
}
