import { readFileSync } from "node:fs";
import { loadSheet, type Sheet } from "../../src/index.js";

/** A shipped sheet, loaded through the public API. */
export function shipped(id: string): Sheet {
  const path = `formulas/${id}.yaml`;
  return loadSheet(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"), path);
}
