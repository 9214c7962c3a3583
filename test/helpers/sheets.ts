import { loadShipped, loadShippedPreset, type Preset, type Sheet } from "../../src/index.js";

/** A shipped sheet, with its bases, presets and vocabulary, as the library and the CLI load it. */
export function shipped(id: string): Sheet {
  return loadShipped(id);
}

export function preset(id: string): Preset {
  return loadShippedPreset(id);
}
