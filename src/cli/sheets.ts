/**
 * Where sheets come from: a shipped id (`basu-2024` → formulas/basu-2024.yaml) or a path.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { didYouMean, FlopsheetError, loadPreset, loadSheet, loadVocabulary, presetYamlFromConfig, type Preset, type Sheet, type Vocabulary } from "../index.js";

/** The shipped sheets' folder, two levels above this file in both src/cli and dist/cli. */
export const SHIPPED = fileURLToPath(new URL("../../formulas/", import.meta.url));

/** The shipped sheets: every YAML file in formulas/ but the vocabulary. */
export function shippedIds(): string[] {
  return readdirSync(SHIPPED)
    .filter((f) => f.endsWith(".yaml") && f !== "vocabulary.yaml")
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

let vocabulary: Vocabulary | undefined;

/** formulas/vocabulary.yaml, read once. */
export function shippedVocabulary(): Vocabulary {
  vocabulary ??= loadVocabulary(readFileSync(resolve(SHIPPED, "vocabulary.yaml"), "utf8"), "formulas/vocabulary.yaml");
  return vocabulary;
}

const PRESET_FOLDERS = ["models", "hardware"] as const;

/** The shipped presets, by folder. */
export function presetIds(folder: (typeof PRESET_FOLDERS)[number]): string[] {
  return readdirSync(resolve(SHIPPED, folder)).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort();
}

/** A model or hardware preset named by id (formulas/models/, formulas/hardware/) or path; a Hugging Face config.json is converted. */
export function openPreset(arg: string, cwd: string): Preset {
  if (/\.json$/i.test(arg)) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, arg), "utf8");
    } catch {
      throw new FlopsheetError({ code: "NOT_FOUND", message: `cannot read ${arg}` });
    }
    return loadPreset(presetYamlFromConfig(text, arg), arg.replace(/\.json$/i, ".yaml"), shippedVocabulary());
  }
  const candidates = isPath(arg) ? [resolve(cwd, arg)] : PRESET_FOLDERS.map((f) => resolve(SHIPPED, f, `${arg}.yaml`));
  for (const path of candidates) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    return loadPreset(text, isPath(arg) ? arg : relative(resolve(SHIPPED, ".."), path), shippedVocabulary());
  }
  const guess = didYouMean(arg, PRESET_FOLDERS.flatMap(presetIds));
  throw new FlopsheetError({ code: "NOT_FOUND", message: `no preset ‘${arg}’${guess ? `; did you mean ‘${guess}’?` : ""} (flopsheet models lists them; a path to a YAML file works too)` });
}

function isPath(arg: string): boolean {
  return /[\\/]/.test(arg) || /\.(ya?ml|json)$/i.test(arg);
}

/** Reads and loads a sheet named by id or path; a missing file is a FlopsheetError, not a crash. */
export function openSheet(arg: string, cwd: string): Sheet {
  const path = isPath(arg) ? resolve(cwd, arg) : resolve(SHIPPED, `${arg}.yaml`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!isPath(arg)) {
      const guess = didYouMean(arg, shippedIds());
      throw new FlopsheetError({
        code: "NOT_FOUND",
        message: `no shipped sheet ‘${arg}’${guess ? `; did you mean ‘${guess}’?` : ""} (flopsheet sheets lists them; a path to a YAML file works too)`,
      });
    }
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : String(code ?? e);
    throw new FlopsheetError({ code: "NOT_FOUND", message: `cannot read sheet ${arg}: ${why}` });
  }
  return loadSheet(text, isPath(arg) ? arg : `formulas/${arg}.yaml`, {
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
    const path = isPath(ref)
      ? resolve(from.startsWith("formulas/") ? SHIPPED : dirname(resolve(cwd, from)), ref)
      : resolve(SHIPPED, `${ref}.yaml`);
    const shown = relative(cwd, path);
    try {
      return { text: readFileSync(path, "utf8"), path: !isPath(ref) ? `formulas/${ref}.yaml` : shown.startsWith("..") ? path : shown };
    } catch {
      return undefined;
    }
  };
}
