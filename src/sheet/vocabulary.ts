/**
 * The vocabulary: the standard quantities (`n_layers`, `d_model`, `training_flops`, …) that model
 * presets give values for and sheets bind their own symbols to. Groups only organise the file.
 */
import type { SourceText, Span } from "../core/errors.js";
import type { Written } from "./written.js";
import type { ConventionAxis } from "./conventions.js";
import { YamlReader, type Field } from "./yaml-reader.js";
import type { YamlTree } from "./yaml-tree.js";
import { NAME_PATTERN } from "../syntax/names.js";
import { readRange } from "./range-field.js";

export interface Term {
  readonly name: string;
  readonly group: string;
  readonly description: string;
  readonly unit?: string;
  /**
   * What a sheet that does not bind this quantity takes it to be (`n_kv_heads`: `n_heads`,
   * `n_experts`: 1), as an expression over other quantities; a model whose value differs does not
   * fit such a sheet.
   */
  readonly assumed?: Written;
  /** The assumption matters to a sheet that binds this quantity (`n_heads` for `n_kv_heads`). */
  readonly mattersWith?: string;
  /** The values the quantity can take (a count at least 1): an input bound to it that declares none checks this one. */
  readonly range?: readonly [Written, Written];
  readonly span: Span;
}

export interface Vocabulary {
  readonly terms: ReadonlyMap<string, Term>;
  /** The counting conventions on which practice differs (the file's `conventions:` section). */
  readonly conventions: ReadonlyMap<string, ConventionAxis>;
  readonly file: SourceText;
}


/** @throws FlopsheetError listing every problem found. */
export function readVocabulary(text: string, path: string, tree?: YamlTree): Vocabulary {
  const r = new YamlReader(path, text, tree);
  const terms = new Map<string, Term>();
  const conventions = new Map<string, ConventionAxis>();
  const top = r.map(r.root, "a vocabulary", { start: 0, end: 1 }, "a map of groups to quantities");
  for (const group of top ? r.entries(top) : []) {
    if (group.key === "conventions") {
      readAxes(r, group, conventions);
      continue;
    }
    const entries = r.map(group.value, `group ‘${group.key}’`, group.keySpan);
    for (const e of entries ? r.entries(entries) : []) {
      if (!NAME_PATTERN.test(e.key)) r.report("INVALID_NAME", `‘${e.key}’ is not a valid name`, e.keySpan);
      if (terms.has(e.key)) r.report("DUPLICATE_NAME", `‘${e.key}’ is in two groups`, e.keySpan);
      const m = r.map(e.value, `‘${e.key}’`, e.keySpan, "a map with description and unit");
      if (!m) continue;
      const f = r.fields(m, ["description", "unit", "assumed", "matters_with", "range"], `‘${e.key}’`);
      const range = readRange(r, f.get("range"), `‘${e.key}’`);
      const description = r.text(f.get("description"), `the description of ‘${e.key}’`, e.keySpan);
      if (description === undefined) {
        if (!f.has("description")) r.report("MISSING_FIELD", `‘${e.key}’ has no description`, e.keySpan);
        continue;
      }
      const assumed = r.written(f.get("assumed"), `what a sheet without ‘${e.key}’ assumes`);
      const mattersWith = r.text(f.get("matters_with"), `the matters_with of ‘${e.key}’`, e.keySpan);
      terms.set(e.key, { name: e.key, group: group.key, description, unit: r.text(f.get("unit"), `the unit of ‘${e.key}’`, e.keySpan), ...(assumed ? { assumed } : {}), ...(mattersWith ? { mattersWith } : {}), ...(range ? { range } : {}), span: e.keySpan });
    }
  }
  for (const axis of conventions.values()) {
    for (const q of axis.appliesTo) if (!terms.has(q)) r.report("UNKNOWN_IDENTIFIER", `the ${axis.name} convention applies to ‘${q}’, which is not a quantity of the vocabulary`, r.span(top!));
  }
  r.throwIfAny();
  return { terms, conventions, file: r.file };
}

function readAxes(r: YamlReader, group: Field, out: Map<string, ConventionAxis>): void {
  const entries = r.map(group.value, "conventions", group.keySpan);
  for (const e of entries ? r.entries(entries) : []) {
    if (!NAME_PATTERN.test(e.key)) r.report("INVALID_NAME", `‘${e.key}’ is not a valid name`, e.keySpan);
    const m = r.map(e.value, `convention ‘${e.key}’`, e.keySpan, "a map with description, values and applies_to");
    if (!m) continue;
    const f = r.fields(m, ["description", "values", "applies_to"], `convention ‘${e.key}’`);
    const description = r.text(f.get("description"), `the description of convention ‘${e.key}’`, e.keySpan) ?? "";
    const values = new Map<string, string>();
    for (const v of r.mapEntries(f.get("values"), `the values of convention ‘${e.key}’`)) values.set(v.key, r.text(v, `what ${e.key} ‘${v.key}’ counts`, v.keySpan) ?? "");
    if (values.size === 0) r.report("MISSING_FIELD", `convention ‘${e.key}’ has no values`, e.keySpan);
    const applies = f.get("applies_to");
    const seq = applies ? r.seq(applies.value, `what convention ‘${e.key}’ applies to`, applies.keySpan) : undefined;
    const appliesTo = (seq?.items ?? []).map((item) => String((item as { value?: unknown }).value ?? ""));
    out.set(e.key, { name: e.key, description, values, appliesTo });
  }
}
