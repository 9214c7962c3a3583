/**
 * Values for a sheet's inputs: from `--set`, else the scenario, else the input's default; each
 * checked against the input's declared range. Every missing or invalid value is reported at once.
 */
import { didYouMean, FlopsheetError, SourceText, type Issue } from "../core/errors.js";
import type { Rational } from "../core/rational.js";
import type { Input, Scenario, Sheet, Written } from "../sheet/model.js";
import { locateNodeError } from "../sheet/located.js";
import { parseFormula } from "../syntax/parse.js";
import { NodeError, symbolsOf } from "../syntax/tree.js";
import { evaluateTree } from "./evaluate-tree.js";
import type { Value } from "./value.js";

export type Origin = "set" | "scenario" | "default";

export interface InputValue {
  readonly input: Input;
  readonly value: Value;
  readonly origin: Origin;
  /** The value as it was typed (`1e12`), shown instead of a reformatted number. */
  readonly text: string;
  /** The expression it was written as (`6.71 × 10^7`), for typesetting it as typed. */
  readonly written: Written;
}

/** A `NAME=VALUE` given on the command line or through the API. */
export interface Setting {
  readonly name: string;
  readonly text: string;
}

interface Given {
  readonly written: Written;
  readonly origin: Origin;
}

/** The exact value of a constant expression (a default, a range end, a scenario value). */
export function constantValue(w: Written, where: string): Rational {
  try {
    return evaluateTree(w.expr, () => {
      throw new Error("internal error: a constant with a name in it");
    }).q;
  } catch (e) {
    if (e instanceof NodeError) throw locateNodeError(e, w.file, where);
    throw e;
  }
}

/** Parses command-line settings; each becomes an issue if malformed or naming no input. */
export function parseSettings(sheet: Sheet, settings: readonly Setting[], issues: Issue[]): Map<string, Given> {
  const out = new Map<string, Given>();
  const inputNames = sheet.inputs.map((i) => i.name);
  for (const s of settings) {
    const prefix = `--set ${s.name}=`;
    const source = new SourceText("command line", prefix + s.text);
    if (!inputNames.includes(s.name)) {
      const isFormula = sheet.formulas.some((f) => f.name === s.name);
      const guess = didYouMean(s.name, inputNames);
      issues.push(
        source.issue(
          isFormula ? "INVALID_VALUE" : "UNKNOWN_IDENTIFIER",
          isFormula
            ? `‘${s.name}’ is a formula of sheet ${sheet.id}, not an input; only inputs can be set`
            : `sheet ${sheet.id} has no input ‘${s.name}’${guess ? `; did you mean ‘${guess}’?` : ""}`,
          { start: 6, end: 6 + s.name.length },
        ),
      );
      continue;
    }
    try {
      const expr = parseFormula(s.text, { source, map: (i) => prefix.length + i });
      if (symbolsOf(expr).size > 0) {
        issues.push(source.issue("INVALID_VALUE", `the value of ‘${s.name}’ must be a number, not a formula`, { start: prefix.length, end: source.text.length }));
        continue;
      }
      out.set(s.name, { written: { text: s.text, expr, span: { start: prefix.length, end: source.text.length }, file: source }, origin: "set" });
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
      issues.push(...e.issues);
    }
  }
  return out;
}

/** Range check for one value; an issue when it falls outside the input's declared range. */
export function rangeIssue(input: Input, value: Rational, written: Written): Issue | undefined {
  if (!input.range) return undefined;
  const [lo, hi] = input.range.map((w) => constantValue(w, `the range of input ‘${input.name}’`)) as [Rational, Rational];
  if (value.cmp(lo) >= 0 && value.cmp(hi) <= 0) return undefined;
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
export function resolveInputs(sheet: Sheet, names: readonly string[], scenario: Scenario | undefined, settings: readonly Setting[]): Map<string, InputValue> {
  const issues: Issue[] = [];
  const set = parseSettings(sheet, settings, issues);
  const out = new Map<string, InputValue>();
  const missing: Input[] = [];
  for (const input of sheet.inputs) {
    if (!names.includes(input.name)) continue;
    const fromScenario = scenario?.set.get(input.name);
    const given: Given | undefined =
      set.get(input.name) ??
      (fromScenario ? { written: fromScenario, origin: "scenario" } : undefined) ??
      (input.default ? { written: input.default, origin: "default" } : undefined);
    if (!given) {
      missing.push(input);
      continue;
    }
    try {
      const q = constantValue(given.written, `the value of ‘${input.name}’`);
      const bad = rangeIssue(input, q, given.written);
      if (bad) issues.push(bad);
      out.set(input.name, { input, value: { q, exact: true }, origin: given.origin, text: given.written.text.trim(), written: given.written });
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
      issues.push(...e.issues);
    }
  }
  for (const input of missing) {
    // A --set that failed to parse is already reported; it is not also "missing".
    if (settings.some((s) => s.name === input.name)) continue;
    issues.push(
      input.file.issue(
        "MISSING_INPUT",
        `no value for input ‘${input.name}’${input.description ? ` (${input.description})` : ""}: give one with --set ${input.name}=…${sheet.scenarios.length > 0 ? ", a scenario" : ""} or a default`,
        input.span,
      ),
    );
  }
  if (issues.length > 0) throw new FlopsheetError(issues);
  return out;
}
