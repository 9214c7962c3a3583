/**
 * Where the CLI's sheets and presets come from: a shipped id (built into the core) or a path on
 * disk, read relative to the working directory; `extends:` paths resolve against the sheet that
 * names them.
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import {
  FlopsheetError,
  loadPreset,
  loadSheet,
  loadShipped,
  loadShippedPreset,
  presetYamlFromConfig,
  shippedResolver,
  shippedSheetText,
  shippedVocabulary,
  type Preset,
  type Sheet,
} from "../index.js";

function isPath(arg: string): boolean {
  return /[\\/]/.test(arg) || /\.(ya?ml|json)$/i.test(arg);
}

/** A file's text, or a NOT_FOUND error that says why in words (never the file's contents). */
function readText(path: string, shown: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : String(code ?? e);
    throw new FlopsheetError({ code: "NOT_FOUND", message: `cannot read ${what} ${shown}: ${why}` });
  }
}

/** A model or hardware preset named by id or path; a Hugging Face config.json is converted. */
export function openPreset(arg: string, cwd: string): Preset {
  if (!isPath(arg)) return loadShippedPreset(arg);
  const text = readText(resolve(cwd, arg), arg, /\.json$/i.test(arg) ? "config" : "preset");
  if (/\.json$/i.test(arg)) return loadPreset(presetYamlFromConfig(text, arg), { path: arg.replace(/\.json$/i, ".yaml"), vocabulary: shippedVocabulary() });
  return loadPreset(text, { path: arg, vocabulary: shippedVocabulary() });
}

/** Reads and loads a sheet named by id or path. */
export function openSheet(arg: string, cwd: string): Sheet {
  if (!isPath(arg)) return loadShipped(arg);
  return loadSheet(readText(resolve(cwd, arg), arg, "sheet"), {
    path: arg,
    resolve: resolveBase(cwd),
    // Not found: the loader reports it where the scenario names it. A broken preset reports itself.
    resolvePreset: (id) => {
      try {
        return openPreset(id, cwd);
      } catch (e) {
        if (e instanceof FlopsheetError && e.code === "NOT_FOUND") return undefined;
        throw e;
      }
    },
    vocabulary: shippedVocabulary(),
  });
}

/**
 * How `extends: X` is found: a shipped id, or a path relative to the extending sheet's folder.
 * Paths in messages stay as the user would write them.
 */
function resolveBase(cwd: string) {
  return (ref: string, from: string): { text: string; path: string } | undefined => {
    if (!isPath(ref)) return shippedSheetText(ref);
    if (from.startsWith("formulas/")) return shippedResolver.resolve(ref.replace(/^\.\//, "").replace(/\.ya?ml$/i, ""), from);
    const path = resolve(dirname(resolve(cwd, from)), ref);
    const shown = relative(cwd, path);
    try {
      return { text: readFileSync(path, "utf8"), path: shown.startsWith("..") ? path : shown };
    } catch {
      return undefined;
    }
  };
}
