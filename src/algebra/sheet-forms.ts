/**
 * Canonical forms of a sheet's formulas in terms of its inputs, computed once each in dependency
 * order (never by recursing through definitions, so long chains cannot overflow the stack).
 */
import { keyedMemo } from "../core/memo.js";
import { FlopsheetError } from "../core/errors.js";
import { Rational } from "../core/rational.js";
import { located } from "../syntax/located.js";
import type { Sheet } from "../sheet/model.js";
import type { Expr } from "../syntax/tree.js";
import { Algebra, MAX_TERMS, type Canonical } from "./canonical.js";
import { canonicalOf } from "./from-tree.js";

export interface SheetForms {
  readonly algebra: Algebra;
  /** Canonical form of each formula (only those asked for and what they use). */
  readonly forms: ReadonlyMap<string, Canonical>;
  /** The canonical form of any expression over the sheet's names; failures are located at `where`. */
  readonly of: (expr: Expr, where: string) => Canonical;
}

export interface FormsOptions {
  /**
   * Inputs replaced by numbers (an identity that holds only for α = 4) or by expressions over the
   * inputs (d_attn = d_model), all at once; the rest stay symbols.
   */
  readonly given?: ReadonlyMap<string, Rational | Expr>;
  /** Formulas to compute (with everything they use); all when omitted. */
  readonly only?: readonly string[];
}

/** @throws FlopsheetError located at the node where arithmetic failed, or where a form grew too large. */
export function sheetForms(sheet: Sheet, options: FormsOptions = {}): SheetForms {
  const A = new Algebra(sheet.inputs.map((i) => i.name));
  const forms = new Map<string, Canonical>();
  const wanted = options.only ? closure(sheet, options.only) : undefined;
  const substituted = new Map<string, Canonical>();
  for (const [name, g] of options.given ?? []) {
    substituted.set(name, g instanceof Rational ? A.constant(g) : located(`the given value of ‘${name}’`, () => canonicalOf(g, A, (n) => A.variable(n)), g.span));
  }
  const resolve = (name: string): Canonical => substituted.get(name) ?? forms.get(name) ?? A.variable(name);
  const of = (expr: Expr, where: string): Canonical => located(where, () => canonicalOf(expr, A, resolve), expr.span);
  const byName = new Map(sheet.formulas.map((f) => [f.name, f]));
  for (const name of sheet.evaluationOrder) {
    if (wanted && !wanted.has(name)) continue;
    const formula = byName.get(name)!;
    forms.set(name, of(formula.definition.expr, `formula ‘${name}’`));
  }
  return { algebra: A, forms, of };
}

/** A formula's canonical form, or why it was left out: "more than 20,000 terms". */
export type SymbolicForm = { readonly form: Canonical } | { readonly omitted: string };

/**
 * Canonical forms of the named formulas, each left out (not failed) when its expansion would be
 * too large: its value can still be derived, and is.
 *
 * @throws FlopsheetError for any other failure, located.
 */
export function symbolicForms(sheet: Sheet, names: readonly string[]): Map<string, SymbolicForm> {
  const attempt = (only: readonly string[]) => {
    try {
      return sheetForms(sheet, { only }).forms;
    } catch (e) {
      if (e instanceof FlopsheetError && e.code === "TOO_LARGE") return "too large";
      throw e;
    }
  };
  const all = attempt(names);
  if (typeof all !== "string") return new Map(names.map((n) => [n, { form: all.get(n)! }]));
  // One expansion is too large: find which, each on its own.
  return new Map(
    names.map((n) => {
      const one = attempt([n]);
      return [n, typeof one === "string" ? { omitted: `symbolic form omitted: more than ${MAX_TERMS.toLocaleString("en-US")} terms` } : { form: one.get(n)! }];
    }),
  );
}

// Asked of the same sheet for the same formulas hundreds of times by an estimate (each fit, each
// derivation): each answer is kept with its sheet, which never changes once loaded.
const closures = keyedMemo<Sheet, string, ReadonlySet<string>>();

/** The named formulas and every formula they use, directly or not. */
export function closure(sheet: Sheet, names: readonly string[]): ReadonlySet<string> {
  return closures.of(sheet, names.join("\u0000"), () => closureOf(sheet, names));
}

function closureOf(sheet: Sheet, names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...names];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const u of sheet.uses.get(n) ?? []) if (!seen.has(u)) stack.push(u);
  }
  return seen;
}
