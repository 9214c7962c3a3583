/**
 * A preset's YAML text written together with its tree (yaml-tree.ts), with the ranges the yaml
 * package would give its nodes: a config's import then need not parse the text it has just
 * written (reading it back was a fifth of a first `estimate --model config.json`). The shapes
 * are the few importConfig writes: comment lines, quoted top-level fields, and one flow map of
 * fields a value under `values:`.
 */
import type { YamlTree } from "./yaml-tree.js";

/** A field of a value's flow map; `quoted` writes it as a JSON string, else as it is (a number, a formula). */
export interface FlowField {
  readonly key: string;
  readonly text: string;
  readonly quoted?: boolean;
}

export interface PresetText {
  readonly text: string;
  readonly tree: YamlTree;
}

type Pair = readonly [YamlTree, YamlTree];

/**
 * @example presetText(["# made"], [["title", "A"]], [["d_model", [{ key: "value", text: "4096" }]]]).text // "# made\ntitle: \"A\"\nvalues:\n  d_model: {value: 4096}\n"
 */
export function presetText(comments: readonly string[], fields: readonly (readonly [string, string])[], values: readonly (readonly [string, readonly FlowField[]])[]): PresetText {
  let text = comments.map((c) => `${c}\n`).join("");
  const top: Pair[] = [];
  const key = (name: string): YamlTree => {
    const start = text.length;
    text += name;
    return ["s", start, text.length, text.length, name];
  };
  // A quoted scalar's range holds its quotes; its content is the string the escapes stand for.
  const scalar = (content: string, quoted: boolean): readonly [number, number] => {
    const start = text.length;
    text += quoted ? JSON.stringify(content) : content;
    return [start, text.length];
  };
  for (const [name, value] of fields) {
    const k = key(name);
    text += ": ";
    const [start, end] = scalar(value, true);
    text += "\n";
    top.push([k, ["s", start, end, text.length, value]]);
  }
  const valuesKey = key("values");
  text += ":\n";
  const entries: Pair[] = [];
  let first: number | undefined;
  for (const [name, flow] of values) {
    text += "  ";
    first ??= text.length;
    const k = key(name);
    text += ": ";
    const start = text.length;
    text += "{";
    const pairs: Pair[] = flow.map((f, i) => {
      if (i > 0) text += ", ";
      const fk = key(f.key);
      text += ": ";
      const [a, b] = scalar(f.text, f.quoted === true);
      return [fk, ["s", a, b, b, f.text]];
    });
    text += "}";
    const end = text.length;
    text += "\n";
    entries.push([k, ["m", start, end, text.length, pairs]]);
  }
  top.push([valuesKey, first === undefined ? null : ["m", first, text.length, text.length, entries]]);
  const rootStart = top[0]![0]![1];
  return { text, tree: ["m", rootStart, text.length, text.length, top] };
}
