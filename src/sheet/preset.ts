/**
 * A model or hardware preset: values for vocabulary names, each citing where it comes from.
 */
import { isScalar } from "yaml";
import { didYouMean, type SourceText } from "../core/errors.js";
import type { Written } from "./written.js";
import type { Vocabulary } from "./vocabulary.js";
import { YamlReader } from "./yaml-reader.js";
import type { YamlTree } from "./yaml-tree.js";
import { symbolsOf } from "../syntax/tree.js";

export interface PresetValue {
  readonly written: Written;
  readonly source?: string;
  readonly note?: string;
  /**
   * How far a sheet's value for this quantity may lie from it and still agree (`0.02`), for a
   * nominal figure ("70B"); without it, a value agrees to the significant digits written.
   */
  readonly rel?: Written;
  /**
   * What the value was worked out from, where the model does not state it (a config's head
   * dimension as hidden_size / num_attention_heads): setting one of those names recomputes it.
   */
  readonly follows?: Written;
}

export interface Preset {
  readonly id: string;
  readonly title?: string;
  readonly source?: string;
  readonly note?: string;
  readonly values: ReadonlyMap<string, PresetValue>;
  readonly file: SourceText;
  /** For a preset made from a config.json: the config's keys that were not read and may change a count (see importConfig). */
  readonly unread?: readonly UnreadKey[];
  /** For a preset made from a config.json: keys not read that are known to change no count, listed so nothing is dropped unsaid. */
  readonly harmless?: readonly string[];
}

/** A config key nothing reads: `affects` lists the quantities it changes where that is known (else any may change). */
export interface UnreadKey {
  readonly key: string;
  readonly note?: string;
  readonly affects?: readonly string[];
}

/**
 * @example readPreset("title: A100\nvalues:\n  peak_flops: {value: 312e12, source: datasheet}\n", "a100.yaml", vocabulary)
 * @throws FlopsheetError listing every problem found, names outside the vocabulary among them.
 */
export function readPreset(text: string, path: string, vocabulary: Vocabulary, tree?: YamlTree): Preset {
  const r = new YamlReader(path, text, tree);
  const top = r.map(r.root, "a preset", { start: 0, end: 1 });
  const f = top ? r.fields(top, ["id", "title", "source", "note", "values"], "a preset") : new Map();
  const fileId = path.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/i, "");
  const values = new Map<string, PresetValue>();
  const map = f.get("values") ? r.map(f.get("values")!.value, "values", f.get("values")!.keySpan) : undefined;
  for (const e of map ? r.entries(map) : []) {
    if (!vocabulary.terms.has(e.key)) {
      const guess = didYouMean(e.key, vocabulary.terms.keys());
      r.report("UNKNOWN_IDENTIFIER", `‘${e.key}’ is not in the vocabulary${guess ? `; did you mean ‘${guess}’?` : " (flopsheet vocabulary lists it)"}`, e.keySpan);
      continue;
    }
    const where = `the value of ‘${e.key}’`;
    if (isScalar(e.value)) {
      const written = r.written(e, where, { constant: true, unit: vocabulary.terms.get(e.key)?.unit });
      if (written) values.set(e.key, { written });
      continue;
    }
    const m = r.map(e.value, where, e.keySpan, "a number or a map with value and source");
    if (!m) continue;
    const g = r.fields(m, ["value", "source", "note", "rel", "follows"], where);
    const written = r.written(g.get("value"), where, { constant: true, unit: vocabulary.terms.get(e.key)?.unit });
    if (!written) {
      if (!g.has("value")) r.report("MISSING_FIELD", `‘${e.key}’ has no value`, e.keySpan);
      continue;
    }
    const rel = r.written(g.get("rel"), `the tolerance of ${where}`, { constant: true });
    const follows = r.written(g.get("follows"), `what ${where} follows`);
    for (const [n, span] of follows ? symbolsOf(follows.expr) : []) {
      if (!vocabulary.terms.has(n)) r.report("UNKNOWN_IDENTIFIER", `‘${n}’ in what ${where} follows is not in the vocabulary`, { start: follows!.span.start + span.start, end: follows!.span.start + span.end });
    }
    values.set(e.key, { written, source: r.text(g.get("source"), `the source of ${where}`, e.keySpan), note: r.text(g.get("note"), `the note of ${where}`, e.keySpan), ...(rel ? { rel } : {}), ...(follows ? { follows } : {}) });
  }
  const preset: Preset = {
    id: r.text(f.get("id"), "id", { start: 0, end: 1 }) ?? fileId,
    title: r.text(f.get("title"), "title", { start: 0, end: 1 }),
    source: r.text(f.get("source"), "source", { start: 0, end: 1 }),
    note: r.text(f.get("note"), "note", { start: 0, end: 1 }),
    values,
    file: r.file,
  };
  r.throwIfAny();
  return preset;
}
