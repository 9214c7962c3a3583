/**
 * Values for a sheet's inputs: from `--set`, else the scenario, else the input's default; each
 * checked against the input's declared range. Every missing or invalid value is reported at once.
 */
import { keyedListMemo, memo } from "../core/memo.js";
import { collectIssues, didYouMean, FlopsheetError, SourceText, type Issue } from "../core/errors.js";
import type { Rational } from "../core/rational.js";
import type { Input, Scenario, Sheet, Written } from "../sheet/model.js";
import type { Expr } from "../syntax/tree.js";
import type { Preset, PresetValue } from "../sheet/preset.js";
import { located } from "../syntax/located.js";
import { parseFormula } from "../syntax/parse.js";
import { rationalExpr, symbolsOf } from "../syntax/tree.js";
import { convertValue, splitValueWithUnit, UnitError } from "../core/units.js";
import { evaluateTree } from "./evaluate-tree.js";
import type { Value } from "./value.js";
import { namesRead } from "../sheet/bindings.js";

export type Origin = "set" | "scenario" | "preset" | "default" | "sheet";

/**
 * Where a quantity that nothing gives comes from: another sheet that derives it for the same
 * model (`params` from `decoder`), with the conventions it was counted in. `missing` when the
 * sheet that would give it needs values nobody gave (its names, to be asked for); undefined when
 * no sheet that fits the model derives it.
 */
export type Chain = (quantity: string) => Chained | { readonly missing: readonly string[]; readonly from: string } | undefined;

/** A default a value rests on (see the model layer's assumptionsOf). */
export interface Assumption {
  /** The sheet whose default it is. */
  readonly sheet: string;
  readonly input: string;
  /** The vocabulary quantity the input is bound to, if any: what a user sets to replace it. */
  readonly quantity?: string;
  /** The default as written (`1024`, `140 TFLOP/s`). */
  readonly value: string;
  readonly description?: string;
  readonly source?: string;
}

export interface Chained {
  readonly value: Value;
  readonly from: string;
  readonly conventions?: ReadonlyMap<string, string>;
  /** What the value rests on in the sheet that made it: inputs it took from their defaults. */
  readonly assumptions?: readonly Assumption[];
}

export interface InputValue {
  readonly input: Input;
  readonly value: Value;
  readonly origin: Origin;
  /** The value as it was typed (`1e12`), shown instead of a reformatted number. */
  readonly text: string;
  /** The expression it was written as (`6.71 × 10^7`), for typesetting it as typed. */
  readonly written: Written;
  /** For a value from presets: which presets, and the binding it went through (`gpt3-175b: n_heads × d_head`). */
  readonly via?: string;
  /** For a value from presets: where the presets say their values come from (`config.json: hidden_size`, `Table 2.1`). */
  readonly cites?: string;
  /** For a value another sheet derived (origin "sheet"): that sheet, the quantity, its conventions and assumptions. */
  readonly chained?: { readonly sheet: string; readonly quantity: string; readonly conventions?: ReadonlyMap<string, string>; readonly assumptions?: readonly Assumption[] };
}

/** A `NAME=VALUE` given on the command line or through the API. */
export interface Setting {
  readonly name: string;
  readonly text: string;
  /**
   * How the shell that took it writes such a setting (`--set` on the command line), quoted in
   * messages and origins; the core itself names no shell's syntax.
   */
  readonly flag?: string;
}

/** How a setting is quoted: `--set n=8` from the command line, `n=8` elsewhere. */
export function settingPrefix(s: Setting): string {
  return `${s.flag !== undefined ? `${s.flag} ` : ""}${s.name}=`;
}

interface Given {
  readonly written: Written;
  readonly origin: Origin;
  /** For a setting: how it was given (its flag), shown as its origin. */
  readonly via?: string;
}

/** The exact value of a constant expression (a default, a range end, a scenario value). */
export function constantValue(w: Written, where: string): Rational {
  // A written constant (a preset's figure, a default) is immutable: its value is worked out once.
  return constants.of(w, () =>
    located(where, () => evaluateTree(w.expr, () => {
      throw new Error("internal error: a constant with a name in it");
    }).q, w.span),
  );
}
const constants = memo<Written, Rational>({ lasting: true });

/**
 * A setting's value as an expression, parsed from `source` (the setting as given, its prefix
 * first): a number or a constant formula; else undefined, with why said in `issues`.
 */
export function settingExpr(s: Setting, source: SourceText, issues: Issue[]): Expr | undefined {
  const prefix = settingPrefix(s);
  const expr = collectIssues(issues, () => parseFormula(s.text, { source, map: (i) => prefix.length + i }));
  if (expr === undefined) return undefined;
  if (symbolsOf(expr).size > 0) {
    issues.push(source.issue("INVALID_VALUE", `the value of ‘${s.name}’ must be a number, not a formula`, { start: prefix.length, end: source.text.length }));
    return undefined;
  }
  return expr;
}

/**
 * Parses command-line settings; each becomes an issue if malformed or naming neither an input nor
 * a vocabulary name that an input binds (those go to `vocabulary`, to flow through the bindings).
 */
export function parseSettings(sheet: Sheet, settings: readonly Setting[], issues: Issue[], vocabulary?: Map<string, PresetValue>): Map<string, Given> {
  const out = new Map<string, Given>();
  const inputNames = sheet.inputs.map((i) => i.name);
  // A name an input reads through `otherwise:` (d_ff for an expert's width) is as settable as one it binds.
  const bound = new Set(sheet.inputs.flatMap(namesRead));
  for (const s of settings) {
    const prefix = settingPrefix(s);
    const source = new SourceText("command line", prefix + s.text);
    // A value with a unit (`140 TFLOP/s`, `80 GiB`, `15T`), converted exactly into the unit the
    // input (or the input bound to that vocabulary name) is kept in.
    const withUnit = splitValueWithUnit(s.text);
    const whole = { start: prefix.length, end: source.text.length };
    const given = (expr: Expr): Written => ({ text: s.text, expr, span: whole, file: source });
    let converted: Expr | undefined;
    if (withUnit) {
      const input = sheet.inputs.find((i) => i.name === s.name) ?? sheet.inputs.find((i) => i.bind?.expr.kind === "symbol" && i.bind.expr.name === s.name);
      try {
        converted = rationalExpr(convertValue(withUnit, input?.unit), whole);
      } catch (e) {
        if (!(e instanceof UnitError)) throw e;
        issues.push(source.issue("INVALID_VALUE", `${s.name}: ${e.message}`, whole));
        continue;
      }
    }
    if (!inputNames.includes(s.name) && vocabulary && bound.has(s.name)) {
      const expr = converted ?? settingExpr(s, source, issues);
      if (expr !== undefined) vocabulary.set(s.name, { written: given(expr), source: s.flag ?? "set" });
      continue;
    }
    if (!inputNames.includes(s.name)) {
      const isFormula = sheet.formulas.some((f) => f.name === s.name);
      // A setting may name an input or a quantity an input binds (seq_lne → seq_len, as well as L).
      const guess = didYouMean(s.name, vocabulary ? [...inputNames, ...bound] : inputNames);
      issues.push(
        source.issue(
          isFormula ? "INVALID_VALUE" : "UNKNOWN_IDENTIFIER",
          isFormula
            ? `‘${s.name}’ is the formula of sheet ${sheet.id} asked for: setting it would only print the value given`
            : `sheet ${sheet.id} has no input ‘${s.name}’${guess ? `; did you mean ‘${guess}’?` : ""}`,
          { start: 6, end: 6 + s.name.length },
        ),
      );
      continue;
    }
    const expr = converted ?? settingExpr(s, source, issues);
    if (expr === undefined) continue;
    out.set(s.name, { written: { text: s.text, expr, span: { start: prefix.length, end: source.text.length }, file: source }, origin: "set", ...(s.flag !== undefined ? { via: s.flag } : {}) });
  }
  // L=1 and n_layers=2 for the same input: one would be dropped unsaid.
  const named = new Set(settings.map((s) => s.name));
  for (const input of sheet.inputs) {
    const quantity = input.bind?.expr.kind === "symbol" ? input.bind.expr.name : undefined;
    if (quantity !== undefined && quantity !== input.name && named.has(input.name) && named.has(quantity)) {
      const both = settings.find((s) => s.name === quantity)!;
      issues.push({ code: "INVALID_VALUE", message: `${settingPrefix(settings.find((s) => s.name === input.name)!)}… and ${settingPrefix(both)}… both set input ‘${input.name}’ (bound to ${quantity}): keep one` });
    }
  }
  return out;
}

/**
 * The name to suggest setting: what an input falls back to where that is one quantity (d_ff for an
 * expert's width, which a dense model does not state), else the vocabulary name it is bound to
 * (`seq_len`), else its own.
 */
function settableName(input: Input): string {
  if (input.otherwise?.expr.kind === "symbol") return input.otherwise.expr.name;
  return input.bind?.expr.kind === "symbol" ? input.bind.expr.name : input.name;
}

/** An input's value from vocabulary values, through its binding, if they give every name it uses. */
function throughBinding(input: Input, vocabulary: ReadonlyMap<string, PresetValue & { preset?: string }>, issues: Issue[]): InputValue | undefined {
  const first = input.bind!;
  const given = (w: Written) => [...symbolsOf(w.expr).keys()].every((n) => vocabulary.has(n));
  // `otherwise:` where the presets do not give what `bind:` names (d_ff for a d_ff_expert not stated).
  const bind = given(first) ? first : input.otherwise && given(input.otherwise) ? input.otherwise : undefined;
  if (!bind) return undefined;
  const used = [...symbolsOf(bind.expr).keys()];
  return collectIssues(issues, () => {
    const where = `the binding of input ‘${input.name}’`;
    const q = located(where, () => evaluateTree(bind.expr, (n) => ({ q: constantValue(vocabulary.get(n)!.written, `the value of ‘${n}’`), exact: true })), bind.span);
    // A value set by name has no preset: it is named as it was given (`--set` on the command line).
    const presets = [...new Set(used.map((n) => vocabulary.get(n)!.preset ?? vocabulary.get(n)!.source ?? "set"))].join(", ");
    const single = bind.expr.kind === "symbol" ? vocabulary.get(bind.expr.name)!.written : undefined;
    const written: Written = single ?? { text: q.q.toString(), expr: rationalExpr(q.q, bind.span), span: bind.span, file: bind.file };
    const bad = rangeIssue(input, q.q, written);
    if (bad) issues.push(bad);
    const cites = [...new Set(used.flatMap((n) => (vocabulary.get(n)!.preset !== undefined && vocabulary.get(n)!.source !== undefined ? [vocabulary.get(n)!.source!] : [])))].join("; ");
    const instead = bind === first ? "" : ` (no ${first.text.trim()} given)`;
    return { input, value: q, origin: "preset" as const, text: single ? single.text.trim() : q.q.toString(), written, via: `${presets}: ${bind.text.trim()}${instead}`, ...(cites ? { cites } : {}) };
  });
}

/** Range check for one value; an issue when it falls outside the input's declared range. */
/** Whether `value` lies in a declared `[low, high]` (both ends included); `what` names the range in a message about its ends. */
export function withinRange(range: readonly [Written, Written], value: Rational, what: string): boolean {
  const [lo, hi] = range.map((w) => constantValue(w, what)) as [Rational, Rational];
  return value.cmp(lo) >= 0 && value.cmp(hi) <= 0;
}

export function rangeIssue(input: Input, value: Rational, written: Written): Issue | undefined {
  if (input.whole && !value.isInteger()) {
    return written.file.issue("OUT_OF_RANGE", `${input.name} = ${written.text.trim()} is not a whole number, and ${input.name} takes whole numbers only`, written.span);
  }
  if (!input.range || withinRange(input.range, value, `the range of input ‘${input.name}’`)) return undefined;
  return written.file.issue(
    "OUT_OF_RANGE",
    `${input.name} = ${written.text.trim()} is outside its declared range [${input.range[0].text}, ${input.range[1].text}]`,
    written.span,
  );
}

/**
 * Values for the named inputs.
 *
 * @throws FlopsheetError listing every input with no value, every bad setting, every value out of range.
 */
export function resolveInputs(...args: Parameters<typeof resolveSome>): Map<string, InputValue> {
  const { values, issues } = resolveSome(...args);
  if (issues.length > 0) throw new FlopsheetError(issues);
  return values;
}

type VocabularyValue = PresetValue & { preset?: string };

const NO_PRESETS: readonly Preset[] = [];

// The values of the same presets, asked for by each derivation of an estimate (hundreds): made
// once for each list of presets (the caller's array, which an estimate passes down unchanged).
const vocabularies = keyedListMemo<readonly Preset[], Preset, ReadonlyMap<string, VocabularyValue>>();

function presetVocabulary(first: readonly Preset[], then: readonly Preset[]): ReadonlyMap<string, VocabularyValue> {
  return vocabularies.of(first, then, () => {
    const made = new Map<string, VocabularyValue>();
    for (const p of [...first, ...then]) for (const [k, v] of p.values) made.set(k, { ...v, preset: p.id });
    return made;
  });
}

/** resolveInputs without throwing: the values found, and an issue for each one that was not. */
export function resolveSome(...args: Parameters<typeof resolution>): { values: Map<string, InputValue>; issues: Issue[] } {
  return resolution(...args).some(args[1]);
}

/**
 * What resolveSome finds, kept input by input: the inputs of several targets of a sheet are found
 * once (deriveEach), and each target takes its own, with the issues resolveSome would give it.
 */
export interface Resolution {
  /** The values and issues of these inputs (among those resolved), as resolveSome gives them. */
  some(names: readonly string[]): { values: Map<string, InputValue>; issues: Issue[] };
}

/** Resolves the named inputs, once, for any of them to be asked for again (see Resolution). */
export function resolution(
  sheet: Sheet,
  names: readonly string[],
  scenario: Scenario | undefined,
  settings: readonly Setting[],
  presets: readonly Preset[] = NO_PRESETS,
  chain?: Chain,
): Resolution {
  // The settings' issues and those of what presets follow are every input's; the rest are one input's own.
  const issues: Issue[] = [];
  // Vocabulary values: the scenario's presets, then those asked for, then --set of a vocabulary name.
  const vocabulary = new Map(presetVocabulary(scenario?.presets ?? NO_PRESETS, presets));
  const set = parseSettings(sheet, settings, issues, vocabulary);
  // A preset's value worked out from others (a head dimension from the width) follows a setting of
  // them: --set d_model=8192 makes a config's d_model / n_heads 256, not its 128 of 4096.
  for (const [name, v] of [...vocabulary]) {
    if (!v.follows || v.preset === undefined) continue;
    const names = [...symbolsOf(v.follows.expr).keys()];
    const changed = names.filter((n) => vocabulary.get(n)?.preset === undefined && vocabulary.has(n));
    if (changed.length === 0 || !names.every((n) => vocabulary.has(n))) continue;
    const q = collectIssues(issues, () => located(`what ‘${name}’ follows`, () => evaluateTree(v.follows!.expr, (n) => ({ q: constantValue(vocabulary.get(n)!.written, `the value of ‘${n}’`), exact: true })).q, v.follows!.span));
    if (!q) continue;
    const written: Written = { text: q.toString(), expr: rationalExpr(q, v.follows.span), span: v.follows.span, file: v.follows.file };
    vocabulary.set(name, { ...v, written, source: `${v.follows.text.trim()}, with ${changed.join(", ")} as set` });
  }
  const out = new Map<string, InputValue>();
  const missing: Input[] = [];
  const needsOf = new Map<Input, { readonly missing: readonly string[]; readonly from: string }>();
  const asked = new Set(names);
  const own = new Map<string, Issue[]>();
  const general = issues;
  for (const input of sheet.inputs) {
    if (!asked.has(input.name)) continue;
    const issues: Issue[] = [];
    own.set(input.name, issues);
    // A --set of a vocabulary name this input binds is the user's word: it wins over the
    // scenario's value for the sheet's symbol, as a --set of the symbol itself does.
    const setByQuantity = input.bind !== undefined && namesRead(input).some((n) => vocabulary.has(n) && vocabulary.get(n)!.preset === undefined);
    if (!set.has(input.name) && input.bind && (setByQuantity || !scenario?.set.has(input.name))) {
      const fromPreset = throughBinding(input, vocabulary, issues);
      if (fromPreset) {
        out.set(input.name, fromPreset);
        continue;
      }
    }
    const fromScenario = scenario?.set.get(input.name);
    const given: Given | undefined =
      set.get(input.name) ??
      (fromScenario ? { written: fromScenario, origin: "scenario" } : undefined) ??
      (input.default ? { written: input.default, origin: "default" } : undefined);
    if (!given) {
      // Nothing gives it: a sheet that derives the quantity for this model may (a step of its own).
      const quantity = input.bind?.expr.kind === "symbol" ? input.bind.expr.name : undefined;
      const chained = quantity !== undefined ? chain?.(quantity) : undefined;
      if (chained && "value" in chained && quantity) {
        const written: Written = { text: chained.value.q.toString(), expr: rationalExpr(chained.value.q, input.span), span: input.span, file: input.file };
        const carried = { ...(chained.conventions ? { conventions: chained.conventions } : {}), ...(chained.assumptions?.length ? { assumptions: chained.assumptions } : {}) };
        out.set(input.name, { input, value: chained.value, origin: "sheet", text: chained.value.q.toString(), written, via: `${chained.from}: ${quantity}`, chained: { sheet: chained.from, quantity, ...carried } });
      } else {
        if (chained && "missing" in chained) needsOf.set(input, chained);
        missing.push(input);
      }
      continue;
    }
    collectIssues(issues, () => {
      const q = constantValue(given.written, `the value of ‘${input.name}’`);
      const bad = rangeIssue(input, q, given.written);
      if (bad) issues.push(bad);
      out.set(input.name, { input, value: { q, exact: true }, origin: given.origin, text: given.written.text.trim(), written: given.written, ...(given.via !== undefined ? { via: given.via } : {}) });
    });
  }
  const said = new Map<string, Issue>();
  for (const input of missing) {
    // A --set that failed to parse is already reported; it is not also "missing".
    const quantity = input.bind?.expr.kind === "symbol" ? input.bind.expr.name : undefined;
    if (settings.some((s) => s.name === input.name || s.name === quantity)) continue;
    const needs = needsOf.get(input);
    // The sheet that would derive it for the model needs more: those are what to set, never a
    // value from a sheet that does not describe the model.
    const what = needs ? needs.missing : [settableName(input)];
    const from = needs ? `; ${needs.from} derives ${quantity} for this model but needs ${needs.missing.join(", ")}` : "";
    said.set(input.name, {
      ...input.file.issue(
        "MISSING_INPUT",
        `no value for input ‘${input.name}’${input.description ? ` (${input.description})` : ""}${from}`,
        input.span,
      ),
      remedy: { set: what, input: input.name, alternatives: needs ? [] : [...(sheet.scenarios.length > 0 ? ["a scenario" as const] : []), ...(input.bind ? ["a model preset" as const] : []), "a default" as const] },
    });
  }
  return {
    some(names) {
      // As one pass over these names alone would say them: every input's issues, each input's own
      // in the sheet's order, then the missing ones.
      const wanted = new Set(names);
      const values = new Map<string, InputValue>();
      for (const [name, v] of out) if (wanted.has(name)) values.set(name, v);
      const issues = [...general];
      for (const [name, mine] of own) if (wanted.has(name)) issues.push(...mine);
      for (const [name, issue] of said) if (wanted.has(name)) issues.push(issue);
      return { values, issues };
    },
  };
}
