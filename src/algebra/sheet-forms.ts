/**
 * Canonical forms of a sheet's formulas in terms of its inputs, computed once each in dependency
 * order (never by recursing through definitions, so long chains cannot overflow the stack).
 */
import { Rational } from "../core/rational.js";
import type { SourceText } from "../core/errors.js";
import { locateNodeError } from "../sheet/located.js";
import type { Sheet } from "../sheet/model.js";
import { NodeError, type Expr } from "../syntax/tree.js";
import { Algebra, type Canonical } from "./canonical.js";
import { canonicalOf } from "./from-tree.js";

export interface SheetForms {
  readonly algebra: Algebra;
  /** Canonical form of each formula (only those asked for and what they use). */
  readonly forms: ReadonlyMap<string, Canonical>;
  /** The canonical form of any expression over the sheet's names. */
  readonly of: (expr: Expr, where: string, file?: SourceText) => Canonical;
}

/**
 * @param given inputs replaced by numbers (an identity that holds only for α = 4) or by
 *   expressions over the inputs (d_attn = d_model), all at once; the rest stay symbols.
 * @param only formulas to compute (with everything they use); all when omitted.
 */
export function sheetForms(sheet: Sheet, given: ReadonlyMap<string, Rational | Expr> = new Map(), only?: readonly string[]): SheetForms {
  const A = new Algebra(sheet.inputs.map((i) => i.name));
  const forms = new Map<string, Canonical>();
  const wanted = only ? closure(sheet, only) : undefined;
  const substituted = new Map<string, Canonical>();
  for (const [name, g] of given) {
    substituted.set(name, g instanceof Rational ? A.constant(g) : canonicalOf(g, A, (n) => A.variable(n)));
  }
  const resolve = (name: string): Canonical => {
    const g = substituted.get(name);
    if (g !== undefined) return g;
    const f = forms.get(name);
    if (f !== undefined) return f;
    return A.variable(name);
  };
  const of = (expr: Expr, where: string, file: SourceText = sheet.file): Canonical => {
    try {
      return canonicalOf(expr, A, resolve);
    } catch (e) {
      if (e instanceof NodeError) throw locateNodeError(e, file, where);
      throw e;
    }
  };
  const byName = new Map(sheet.formulas.map((f) => [f.name, f]));
  for (const name of sheet.evaluationOrder) {
    if (wanted && !wanted.has(name)) continue;
    const formula = byName.get(name)!;
    forms.set(name, of(formula.definition.expr, `formula ‘${name}’`, formula.definition.file));
  }
  return { algebra: A, forms, of };
}

/** The named formulas and every formula they use, directly or not. */
export function closure(sheet: Sheet, names: readonly string[]): Set<string> {
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
