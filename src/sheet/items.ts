/**
 * What each field of an input and of a formula is, declared once: how it is read from YAML, and
 * whether it is part of the item's definition. The keys a sheet may write, the reader, and the
 * comparison of two inherited versions of one name (do two bases define it alike?) all follow
 * from these tables, so a new field is one line here and cannot be read but left out of the
 * comparison, or allowed but never read.
 */
import { isScalar, type Scalar } from "yaml";
import type { Span } from "../core/errors.js";
import { readConventions } from "./conventions.js";
import { latexFieldProblem } from "./latex-field.js";
import type { Formula, Input } from "./model.js";
import type { Written } from "./written.js";
import type { Field, YamlReader } from "./yaml-reader.js";
import { readRange } from "./range-field.js";

/** One field being read: the reader, the item's fields, its name's place and how it is named in messages. */
interface Reading {
  readonly r: YamlReader;
  readonly fields: ReadonlyMap<string, Field>;
  readonly where: string;
  readonly keySpan: Span;
}

interface FieldSpec<T> {
  /** The properties of the item this field gives (a unit gives its span too). */
  readonly read: (field: Field | undefined, at: Reading) => Partial<T>;
  /**
   * The text two versions of an inherited item must share for this field, or undefined when the
   * field does not change what the item is (a description, a source, its LaTeX).
   */
  readonly defines?: (item: T) => string | undefined;
}

export type ItemTable<T> = Readonly<Record<string, FieldSpec<T>>>;

const trimmed = (w: Written | undefined) => w?.text.trim();

const text =
  <T>(key: keyof T & string, what: string): FieldSpec<T>["read"] =>
  (field, at) =>
    ({ [key]: at.r.text(field, `the ${what} of ${at.where}`, at.keySpan) }) as Partial<T>;

const written =
  <T>(key: keyof T & string, what: (where: string) => string): FieldSpec<T>["read"] =>
  (field, at) =>
    ({ [key]: at.r.written(field, what(at.where)) }) as Partial<T>;

// Inputs and formulas both have these, written the same way.
const unit: FieldSpec<{ unit?: string; unitSpan?: Span }>["read"] = (field, at) => ({
  unit: at.r.text(field, `the unit of ${at.where}`, at.keySpan),
  ...(field ? { unitSpan: at.r.span(field.value) } : {}),
});
const latex: FieldSpec<{ latex?: string }>["read"] = (field, at) => ({ latex: readLatex(at.r, field, at.where) });

/** The unit an input's default is converted into, when it is written with one (`80 GiB`). */
function unitText(fields: ReadonlyMap<string, Field>): string | undefined {
  const u = fields.get("unit");
  return u && isScalar(u.value) ? String((u.value as Scalar).value) : undefined;
}

export const INPUT_ITEM: ItemTable<Input> = {
  description: { read: text("description", "description") },
  default: {
    read: (field, at) => ({ default: at.r.written(field, `the default of ${at.where}`, { constant: true, unit: unitText(at.fields) }) }),
    defines: (x) => trimmed(x.default),
  },
  range: { read: (field, at) => ({ range: readRange(at.r, field, at.where) }), defines: (x) => x.range?.map((w) => w.text.trim()).join(",") },
  whole: { read: (field, at) => ({ whole: readFlag(at.r, field, `whether ${at.where} takes whole numbers only`) }), defines: (x) => (x.whole ? "whole" : undefined) },
  unit: { read: unit, defines: (x) => x.unit },
  latex: { read: latex },
  source: { read: text("source", "source") },
  bind: { read: written("bind", (w) => `the binding of ${w}`), defines: (x) => trimmed(x.bind) },
  otherwise: { read: written("otherwise", (w) => `what ${w} is bound to otherwise`), defines: (x) => trimmed(x.otherwise) },
};

export const FORMULA_ITEM: ItemTable<Formula> = {
  // Read first, by the caller: a formula without one is not a formula.
  expr: { read: () => ({}), defines: (x) => x.definition.text.trim() },
  description: { read: text("description", "description") },
  source: { read: text("source", "source") },
  latex: { read: latex },
  unit: { read: unit, defines: (x) => x.unit },
  bind: { read: written("bind", (w) => `the binding of ${w}`), defines: (x) => trimmed(x.bind) },
  conventions: { read: (field, at) => (field ? { stated: readConventions(at.r, field, at.where) } : {}) },
};

/** The keys an item of this kind may have. */
export const itemKeys = <T>(table: ItemTable<T>): readonly string[] => Object.keys(table);

/** Every field of the table read from an item's fields, as the item's properties. */
export function readItem<T>(table: ItemTable<T>, at: Reading): Partial<T> {
  let out: Partial<T> = {};
  for (const [key, spec] of Object.entries(table)) {
    const part = spec.read(at.fields.get(key), at);
    out = { ...out, ...Object.fromEntries(Object.entries(part).filter(([, v]) => v !== undefined)) };
  }
  return out;
}

/** Whether two versions of an inherited item define the same thing (every defining field alike). */
export function sameDefinition<T>(table: ItemTable<T>, a: T, b: T): boolean {
  return Object.values(table).every((spec) => !spec.defines || spec.defines(a) === spec.defines(b));
}

/** Where versions of an item differ: `unit in b: FLOP, in c: byte`, one text per defining field. */
export function definitionDifferences<T>(table: ItemTable<T>, versions: readonly { item: T; from: string }[]): string[] {
  return Object.entries(table).flatMap(([key, spec]) => {
    if (!spec.defines) return [];
    const texts = versions.map((v) => spec.defines!(v.item));
    if (texts.every((t) => t === texts[0])) return [];
    return [`${key} ${versions.map((v, i) => `in ${v.from}: ${texts[i] ?? "none"}`).join(", ")}`];
  });
}

function readLatex(r: YamlReader, field: Field | undefined, where: string): string | undefined {
  const value = r.text(field, `the latex of ${where}`, field?.keySpan ?? { start: 0, end: 1 });
  if (value === undefined) return undefined;
  const problem = latexFieldProblem(value);
  if (!problem) return value;
  r.report("INVALID_VALUE", `the latex of ${where} may hold only math notation: ${problem}`, r.span(field!.value));
  return undefined;
}

/** `true` or `false`, the failsafe schema's text of a flag. */
function readFlag(r: YamlReader, field: Field | undefined, what: string): boolean | undefined {
  const value = r.text(field, what, field?.keySpan ?? { start: 0, end: 1 });
  if (value === undefined || value === "false") return undefined;
  if (value === "true") return true;
  r.report("INVALID_VALUE", `${what} is true or false, not ‘${value}’`, r.span(field!.value));
  return undefined;
}

