/**
 * Every quantity the vocabulary knows that can be derived for a model: for each, the catalogue's
 * sheets that bind it, the value each gives, whether each fits the model, and the one to quote:
 * the sheet the chaining contract chooses (sourceFor), so a headline and a chained value always
 * come from the same place. A row says which sheet and convention made it, which defaults it
 * rests on, and, when empty, why: what to set, or that no sheet fitting the model derives it.
 */
import { collectIssues, didYouMean, FlopsheetError, SourceText, type Issue } from "../core/errors.js";
import { splitValueWithUnit } from "../core/units.js";
import { deriveEach } from "../evaluate/derive.js";
import { constantValue, settingExpr, settingPrefix, withinRange, type Setting } from "../evaluate/inputs.js";
import type { Value } from "../evaluate/value.js";
import { chainedWarnings, chainFrom, formulaBinding, settingsFor, sourceFor } from "./chain.js";
import { fitWarnings, type FitWarning } from "./fit.js";
import { bindsName, boundName } from "../sheet/bindings.js";
import type { Sheet } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";
import type { Catalogue } from "./catalogue.js";
import { assumptionsOf, type Assumption } from "./assumptions.js";
import { parseConstant } from "../explore/ranges.js";

export interface EstimateRow {
  readonly sheet: string;
  readonly formula: string;
  readonly value?: Value;
  /** Why there is no value, in the error's words. */
  readonly failure?: string;
  /** The settings that would give it a value, where that is what it lacks. */
  readonly missing?: readonly string[];
  readonly warnings: readonly FitWarning[];
  readonly conventions: ReadonlyMap<string, string>;
  readonly assumptions: readonly Assumption[];
}

export interface EstimateEntry {
  readonly quantity: string;
  readonly unit?: string;
  readonly description: string;
  /** The value to quote, from the sheet the contract chooses; undefined when it could not compute it. */
  readonly value?: Value;
  /** The sheet the contract chooses for the quantity (whether or not it computed it). */
  readonly sheet?: string;
  readonly conventions: ReadonlyMap<string, string>;
  /** The defaults the quoted value rests on. */
  readonly assumptions: readonly Assumption[];
  /** For an empty row: what to set. */
  readonly missing?: readonly string[];
  /** For an empty row that no setting fills: why (no sheet fitting the model derives it, or its failure). */
  readonly why?: string;
  /** Every sheet that binds the quantity: its value (or why none), and whether it fits. */
  readonly sheets: readonly EstimateRow[];
}

/** A setting's value, exact, as an estimate row shows it. */
function settingValue(s: Setting): { value?: Value; why?: string } {
  try {
    return { value: { q: parseConstant(s.text, s.name), exact: true } };
  } catch (e) {
    if (!(e instanceof FlopsheetError)) throw e;
    return { why: `set to ${s.text}` };
  }
}

export interface EstimateOptions {
  readonly presets: readonly Preset[];
  readonly set?: readonly Setting[];
  readonly conventions?: ReadonlyMap<string, string>;
}

/**
 * A setting that no sheet of the catalogue reads (a quantity none binds, a symbol none has) would
 * change no row; one whose value is not a number, or not one its quantity can take (−5 tokens),
 * would fail every row that reads it. Each is the user's mistake, said once, not a table of rows
 * without it.
 *
 * @throws FlopsheetError UNKNOWN_IDENTIFIER (with a suggestion), PARSE, INVALID_VALUE, ARITHMETIC or OUT_OF_RANGE, for each such setting.
 */
function refuseSettings(catalogue: Catalogue, set: readonly Setting[]): void {
  const sheets = catalogue.sheetIds.map((id) => catalogue.sheet(id));
  const reads = (sheet: Sheet, name: string) => bindsName(sheet, name) || sheet.inputs.some((i) => i.name === name) || sheet.formulas.some((f) => f.name === name);
  // The quantities a misspelt name may have meant, found only when one is.
  const names = () => new Set(sheets.flatMap((sheet) => [...catalogue.vocabulary.terms.keys()].filter((n) => bindsName(sheet, n))));
  const issues: Issue[] = [];
  for (const s of set) {
    const prefix = settingPrefix(s);
    const source = new SourceText("command line", prefix + s.text);
    if (!sheets.some((sheet) => reads(sheet, s.name))) {
      const guess = didYouMean(s.name, names());
      const at = prefix.length - s.name.length - 1;
      issues.push(source.issue("UNKNOWN_IDENTIFIER", `no sheet reads ‘${s.name}’${guess ? `; did you mean ‘${guess}’?` : " (flopsheet vocabulary lists the quantities)"}`, { start: at, end: at + s.name.length }));
      continue;
    }
    // A value with a unit (15T, 80 GiB) is converted for each input that reads it, as derive does.
    if (splitValueWithUnit(s.text)) continue;
    const expr = settingExpr(s, source, issues);
    // Outside what the quantity can be (a negative count of parameters): every row would say so.
    const range = catalogue.vocabulary.terms.get(s.name)?.range;
    if (expr === undefined || !range) continue;
    const whole = { start: prefix.length, end: source.text.length };
    collectIssues(issues, () => {
      const q = constantValue({ text: s.text, expr, span: whole, file: source }, `the value of ‘${s.name}’`);
      if (!withinRange(range, q, `the range of ‘${s.name}’`)) issues.push(source.issue("OUT_OF_RANGE", `${s.name} = ${s.text.trim()} is outside what it can be, [${range[0].text}, ${range[1].text}]`, whole));
    });
  }
  if (issues.length > 0) throw new FlopsheetError(issues);
}

/** @example estimate(catalogue, { presets: [llama3] }).find((e) => e.quantity === "params")?.value */
export function estimate(catalogue: Catalogue, options: EstimateOptions): EstimateEntry[] {
  const { presets, set = [], conventions } = options;
  refuseSettings(catalogue, set);
  const chain = chainFrom(catalogue, presets, { set, conventions });
  const results = [...catalogue.vocabulary.terms.values()].filter((term) => term.group === "results");
  // Each sheet's rows at once: the formulas of a sheet find the model's values once (deriveEach).
  const rowsBySheet = new Map<string, Map<string, EstimateRow>>();
  for (const id of catalogue.sheetIds) {
    const sheet = catalogue.sheet(id);
    const formulas = results.flatMap((term) => formulaBinding(sheet, term.name) ?? []);
    const derived = deriveEach(sheet, formulas.map((f) => f.name), { presets, set: settingsFor(sheet, set, { bySymbol: true }), chain, symbolic: false, conventions });
    const rows = new Map<string, EstimateRow>();
    formulas.forEach((formula, i) => {
      // Judged on what this formula reads: a KV cache does not depend on the feed-forward block.
      const warnings = fitWarnings(catalogue, sheet, presets, { targets: [formula.name] });
      const d = derived[i]!;
      if (d instanceof FlopsheetError) {
        const missing = [...new Set(d.issues.flatMap((issue) => (issue.code === "MISSING_INPUT" ? (issue.remedy?.set ?? []) : [])))];
        rows.set(boundName(formula)!, { sheet: sheet.id, formula: formula.name, failure: d.issues[0]!.message, ...(missing.length > 0 ? { missing } : {}), warnings, conventions: new Map(), assumptions: [] });
      } else {
        rows.set(boundName(formula)!, { sheet: sheet.id, formula: formula.name, value: d.value, warnings: [...warnings, ...chainedWarnings(catalogue, d.inputs, presets)], conventions: d.conventions, assumptions: assumptionsOf(d, catalogue.vocabulary) });
      }
    });
    rowsBySheet.set(id, rows);
  }
  const out: EstimateEntry[] = [];
  for (const term of results) {
    const rows = catalogue.sheetIds.flatMap((id) => rowsBySheet.get(id)!.get(term.name) ?? []);
    if (rows.length === 0) continue;
    // A quantity the user set is the value given, for every sheet that reads it.
    const given = set.find((s) => s.name === term.name);
    if (given) {
      out.push({ quantity: term.name, unit: term.unit, description: term.description, sheets: rows.filter((r) => !r.failure?.includes("is what is asked for")), conventions: new Map(), assumptions: [], ...settingValue(given) });
      continue;
    }
    const source = sourceFor(catalogue, presets, term.name, { conventions });
    const chosen = source ? rows.find((r) => r.sheet === source.sheet.id) : undefined;
    const base = { quantity: term.name, unit: term.unit, description: term.description, sheets: rows };
    if (chosen?.value && chosen.warnings.length === 0) {
      out.push({ ...base, value: chosen.value, sheet: chosen.sheet, conventions: chosen.conventions, assumptions: chosen.assumptions });
    } else if (chosen) {
      const why = chosen.warnings.length > 0 ? "a value it took from another sheet does not fit the model" : chosen.failure;
      out.push({ ...base, sheet: chosen.sheet, conventions: new Map(), assumptions: [], ...(chosen.missing ? { missing: chosen.missing } : { why }) });
    } else {
      out.push({ ...base, conventions: new Map(), assumptions: [], why: "no sheet that fits the model derives it" });
    }
  }
  return out;
}
