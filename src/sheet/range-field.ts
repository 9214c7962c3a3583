/**
 * A `range: [low, high]` field, as an input of a sheet and a quantity of the vocabulary declare
 * it: two constants, both ends included.
 */
import type { Scalar } from "yaml";
import type { Written } from "./written.js";
import type { Field, YamlReader } from "./yaml-reader.js";

export function readRange(r: YamlReader, field: Field | undefined, where: string): readonly [Written, Written] | undefined {
  if (!field) return undefined;
  const seq = r.seq(field.value, `the range of ${where}`, field.keySpan);
  if (!seq) return undefined;
  if (seq.items.length !== 2) {
    r.report("SHAPE", `the range of ${where} must be [low, high]`, r.span(seq));
    return undefined;
  }
  const [lo, hi] = seq.items.map((item, i) =>
    r.written({ key: "range", keySpan: r.span(seq), value: item as Scalar }, `the ${i === 0 ? "low" : "high"} end of the range of ${where}`, { constant: true }),
  );
  return lo && hi ? [lo, hi] : undefined;
}
