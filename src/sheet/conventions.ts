/**
 * Counting conventions as data, like units: where practice differs (attention scores counted in
 * full, causally averaged or not at all; logits in or out; recomputation; all experts or the
 * active ones), the vocabulary names the axis and its values, and each sheet states where it
 * stands: sheet-wide, overridden per formula, either fixed (`attention: none` for 6N) or read off
 * an input (`attention: {input: c, full: 1, causal: 1/2}`), so that asking for a convention sets
 * that input. A value whose convention differs from another's is not a disagreement of formulas.
 */
import { isScalar, type Scalar } from "yaml";
import type { Issue, SourceText, Span } from "../core/errors.js";
import { didYouMean } from "../core/errors.js";
import type { Written } from "./written.js";
import type { YamlReader, Field } from "./yaml-reader.js";

/** One axis on which counting practice differs, with the values a sheet may stand at. */
export interface ConventionAxis {
  readonly name: string;
  readonly description: string;
  /** value name → what it counts. */
  readonly values: ReadonlyMap<string, string>;
  /** The vocabulary quantities whose value depends on where a formula stands on this axis. */
  readonly appliesTo: readonly string[];
}

/** Where a sheet or formula stands on one axis. */
export type ConventionSetting =
  | { readonly kind: "fixed"; readonly value: string; readonly span: Span; readonly file: SourceText }
  | { readonly kind: "input"; readonly input: string; readonly values: ReadonlyMap<string, Written>; readonly span: Span; readonly file: SourceText };

export type Conventions = ReadonlyMap<string, ConventionSetting>;

/** The `conventions:` map of a sheet or formula: `axis: value`, or `axis: {input: c, value: number, …}`. */
export function readConventions(r: YamlReader, field: Field | undefined, where: string): Map<string, ConventionSetting> {
  const out = new Map<string, ConventionSetting>();
  for (const e of r.mapEntries(field, `the conventions of ${where}`)) {
    const at = `the ${e.key} convention of ${where}`;
    if (isScalar(e.value)) {
      const value = r.text(e, at, e.keySpan);
      if (value !== undefined) out.set(e.key, { kind: "fixed", value, span: r.span(e.value), file: r.file });
      continue;
    }
    const m = r.map(e.value, at, e.keySpan, "a value name, or a map with input: and a number for each value name");
    if (!m) continue;
    const values = new Map<string, Written>();
    let input: string | undefined;
    for (const v of r.entries(m)) {
      if (v.key === "input") input = r.text(v, `the input of ${at}`, v.keySpan);
      else {
        const w = r.written(v, `the value of ‘${v.key}’ in ${at}`, { constant: true });
        if (w) values.set(v.key, { ...w, span: isScalar(v.value) ? r.span(v.value as Scalar) : v.keySpan });
      }
    }
    if (input === undefined) r.report("MISSING_FIELD", `${at} names no input: write {input: NAME, value: number, …}`, e.keySpan);
    else out.set(e.key, { kind: "input", input, values, span: e.keySpan, file: r.file });
  }
  return out;
}

/** Conventions that name an axis or value the vocabulary does not have, or an input the sheet lacks. */
export function conventionIssues(conventions: Conventions, axes: ReadonlyMap<string, ConventionAxis>, inputs: ReadonlySet<string>, where: string): Issue[] {
  const issues: Issue[] = [];
  for (const [axisName, setting] of conventions) {
    const axis = axes.get(axisName);
    if (!axis) {
      const guess = didYouMean(axisName, axes.keys());
      issues.push(setting.file.issue("UNKNOWN_IDENTIFIER", `‘${axisName}’ in the conventions of ${where} is not a convention of the vocabulary${guess ? `; did you mean ‘${guess}’?` : ` (it has ${[...axes.keys()].join(", ")})`}`, setting.span));
      continue;
    }
    const names = setting.kind === "fixed" ? [[setting.value, setting.span] as const] : [...setting.values].map(([n, w]) => [n, w.span] as const);
    for (const [value, span] of names) {
      if (axis.values.has(value)) continue;
      const guess = didYouMean(value, axis.values.keys());
      issues.push(setting.file.issue("INVALID_VALUE", `‘${value}’ is not a value of the ${axisName} convention${guess ? `; did you mean ‘${guess}’?` : ` (its values are ${[...axis.values.keys()].join(", ")})`}`, span));
    }
    if (setting.kind === "input" && !inputs.has(setting.input)) {
      issues.push(setting.file.issue("UNKNOWN_IDENTIFIER", `the ${axisName} convention of ${where} is read off input ‘${setting.input}’, which the sheet does not have`, setting.span));
    }
  }
  return issues;
}

/**
 * Each formula's conventions once the vocabulary is known: what it states; else its sheet's, on
 * the axes that apply to the quantity it binds; else, for a formula that binds none, those of the
 * formulas it uses (a sum of FLOP terms counts attention as its terms do).
 */
export function resolveConventions<F extends { readonly name: string; readonly stated?: Conventions; readonly conventions?: Conventions; readonly bind?: Written }>(
  formulas: readonly F[],
  order: readonly string[],
  uses: ReadonlyMap<string, readonly string[]>,
  sheetLevel: Conventions,
  axes: ReadonlyMap<string, ConventionAxis>,
): F[] {
  const byName = new Map(formulas.map((f) => [f.name, f]));
  const resolved = new Map<string, Conventions>();
  for (const name of order) {
    const f = byName.get(name);
    if (!f) continue;
    const out = new Map<string, ConventionSetting>();
    const bound = f.bind?.expr.kind === "symbol" ? f.bind.expr.name : undefined;
    if (bound !== undefined) {
      for (const [axis, setting] of sheetLevel) if (axes.get(axis)?.appliesTo.includes(bound)) out.set(axis, setting);
    } else {
      for (const used of uses.get(name) ?? []) for (const [axis, setting] of resolved.get(used) ?? []) if (!out.has(axis)) out.set(axis, setting);
    }
    for (const [axis, setting] of f.stated ?? []) out.set(axis, setting);
    resolved.set(name, out);
  }
  return formulas.map((f) => ((resolved.get(f.name)?.size ?? 0) > 0 ? { ...f, conventions: resolved.get(f.name)! } : f));
}
