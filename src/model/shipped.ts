/**
 * The shipped sheets, model and hardware presets and vocabulary, by id. Their text is built into
 * the core (scripts/embed-formulas.mjs), so loading them needs no file system: the same calls work
 * in Node and in a browser.
 */
import { didYouMean, FlopsheetError } from "../core/errors.js";
import { expectString } from "../core/arguments.js";
import { readPreset, type Preset } from "../sheet/preset.js";
import { readVocabulary, type Vocabulary } from "../sheet/vocabulary.js";
import type { ReadOptions, ResolveSheet } from "../sheet/load.js";
import type { Sheet } from "../sheet/model.js";
import { SHIPPED_FILES } from "../shipped.generated.js";
import { loadSheet } from "./load-sheet.js";
import type { Catalogue } from "./catalogue.js";

export type PresetKind = "models" | "hardware";
const PRESET_KINDS: readonly PresetKind[] = ["models", "hardware"];

const idsIn = (folder: string) =>
  Object.keys(SHIPPED_FILES)
    .filter((p) => (folder === "" ? !p.includes("/") && p !== "vocabulary.yaml" : p.startsWith(`${folder}/`)))
    .map((p) => p.slice(folder === "" ? 0 : folder.length + 1, -".yaml".length))
    .sort();

/** The ids of the shipped sheets, sorted: `basu-2024`, `chinchilla-2022`, … */
export function shippedSheetIds(): string[] {
  return idsIn("");
}

/** The ids of the shipped presets of one kind (or both), sorted. */
export function shippedPresetIds(kind?: PresetKind): string[] {
  return (kind ? [kind] : PRESET_KINDS).flatMap(idsIn);
}

/** The text of a shipped sheet, or undefined; `path` is how messages name it. */
export function shippedSheetText(id: string): { text: string; path: string } | undefined {
  const file = shippedSheet(id);
  return file && { text: file.text, path: file.path };
}

function shippedSheet(id: string) {
  const file = SHIPPED_FILES[`${id}.yaml`];
  return file === undefined || id === "vocabulary" || id.includes("/") ? undefined : { ...file, path: `formulas/${id}.yaml` };
}

let vocabulary: Vocabulary | undefined;

/** The shipped vocabulary (formulas/vocabulary.yaml), read once. */
export function shippedVocabulary(): Vocabulary {
  // The file only when first read: the CLI reads it from disk (see bundle-cli.mjs), and the
  // start-up snapshot already holds the vocabulary made from it.
  if (vocabulary === undefined) {
    const file = SHIPPED_FILES["vocabulary.yaml"]!;
    vocabulary = readVocabulary(file.text, "formulas/vocabulary.yaml", file.tree);
  }
  return vocabulary;
}

/**
 * Where a shipped preset is, or undefined: its file is read only when the preset is first made
 * (the CLI reads it from disk, and its start-up snapshot holds the presets it warmed up with).
 */
function presetFile(id: string, kinds: readonly PresetKind[] = PRESET_KINDS) {
  for (const kind of kinds) {
    const key = `${kind}/${id}.yaml`;
    if (Object.hasOwn(SHIPPED_FILES, key)) return { key, path: `formulas/${kind}/${id}.yaml` };
  }
  return undefined;
}

// Loaded sheets and presets are immutable: each is read once and shared.
const sheets = new Map<string, Sheet>();
const presets = new Map<string, Preset>();

/**
 * A shipped model or hardware preset by id; with `kind`, only of that kind (a model given as the
 * hardware would otherwise be read without a word).
 *
 * @example loadShippedPreset("gpt3-175b").values.get("n_layers")?.written.text // "96"
 * @throws FlopsheetError NOT_FOUND, with a suggestion, for an unknown id or one of the other kind.
 */
export function loadShippedPreset(id: string, kind?: PresetKind): Preset {
  expectString(id, "loadShippedPreset's id");
  const found = presetFile(id, kind ? [kind] : PRESET_KINDS);
  if (!found && kind && presetFile(id)) {
    const other = kind === "models" ? "hardware" : "model";
    throw new FlopsheetError({ code: "NOT_FOUND", message: `‘${id}’ is a ${other} preset, not a ${kind === "models" ? "model" : "hardware"} preset (flopsheet models lists both kinds)` });
  }
  if (!found) {
    // A device named without its variant (h100) is each variant (h100-sxm, h100-pcie): list them
    // all rather than pick one, since they differ in memory and bandwidth.
    const ids = shippedPresetIds(kind);
    const variants = id.length >= 2 ? ids.filter((c) => c.toLowerCase().startsWith(`${id.toLowerCase()}-`)) : [];
    const guess = variants.length > 0 ? variants.map((v) => `‘${v}’`).join(" or ") : didYouMean(id, ids) && `‘${didYouMean(id, ids)}’`;
    throw new FlopsheetError({ code: "NOT_FOUND", message: `no preset ‘${id}’${guess ? `; did you mean ${guess}?` : ""} (flopsheet models lists them; a path to a YAML file works too)` });
  }
  let preset = presets.get(id);
  if (!preset) {
    const file = SHIPPED_FILES[found.key]!;
    presets.set(id, (preset = readPreset(file.text, found.path, shippedVocabulary(), file.tree)));
  }
  return preset;
}

/** How a shipped sheet finds what it names: other shipped sheets to extend, shipped presets. */
export const shippedResolver: Required<Pick<ReadOptions, "resolve" | "resolvePreset">> = {
  resolve: ((ref) => {
    const found = shippedSheetText(ref);
    return found && { ...found, loaded: () => loadShipped(ref) };
  }) satisfies ResolveSheet,
  resolvePreset: (id) => (presetFile(id) ? loadShippedPreset(id) : undefined),
};

/**
 * A shipped sheet by id, with its bases, presets and the vocabulary.
 *
 * @example loadShipped("basu-2024").formulas.map((f) => f.name).includes("Total_FLOPs") // true
 * @throws FlopsheetError NOT_FOUND, with a suggestion, for an unknown id.
 */
export function loadShipped(id: string): Sheet {
  expectString(id, "loadShipped's id");
  const loaded = sheets.get(id);
  if (loaded) return loaded;
  const found = shippedSheet(id);
  if (!found) {
    const guess = didYouMean(id, shippedSheetIds());
    throw new FlopsheetError({
      code: "NOT_FOUND",
      message: `no shipped sheet ‘${id}’${guess ? `; did you mean ‘${guess}’?` : ""} (flopsheet sheets lists them; a path to a YAML file works too)`,
    });
  }
  const sheet = loadSheet(found.text, { path: found.path, tree: found.tree, ...shippedResolver, vocabulary: shippedVocabulary() });
  sheets.set(id, sheet);
  return sheet;
}

let catalogue: Catalogue | undefined;

/** The shipped sheets and vocabulary as the catalogue the model layer composes. */
export function shippedCatalogue(): Catalogue {
  catalogue ??= { vocabulary: shippedVocabulary(), sheetIds: shippedSheetIds(), sheet: loadShipped };
  return catalogue;
}
