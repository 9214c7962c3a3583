/**
 * A target taken apart into its additive parts, two ways:
 * - by formula: the sums in the formulas as written, followed through the formulas they name and
 *   through products with one summed factor (`(forward + backward) × tokens / seq_len` shares out
 *   forward's parts), with like parts merged;
 * - by canonical monomial: each term of the expanded form.
 * Each part has its exact value and share at the point, and its canonical form, so that where two
 * parts cross along an input is a root found exactly (`crossing`).
 */
import { FlopsheetError, type SourceText } from "../core/errors.js";
import { ArithmeticError, Rational } from "../core/rational.js";
import { roundSignificant } from "../core/significant.js";
import { sheetForms, type SheetForms } from "../algebra/sheet-forms.js";
import { substitute } from "../algebra/substitute.js";
import type { Algebra, Base, Canonical } from "../algebra/canonical.js";
import { baseForm } from "../algebra/derivative.js";
import { derive, findTarget, type Derivation, type DeriveOptions } from "../evaluate/derive.js";
import { evaluateCanonical } from "../evaluate/evaluate-canonical.js";
import type { Value } from "../evaluate/value.js";
import type { Sheet } from "../sheet/model.js";
import { symbolsOf, type Expr } from "../syntax/tree.js";
import { bisectRoot, decimalOf, inputNamed } from "./solve.js";
import { compileCanonical } from "../evaluate/compile.js";
import { functionSpec } from "../syntax/functions.js";

export interface Part {
  /** A formula's name, or the expression as written where a part is no formula. */
  readonly label: string;
  readonly form: Canonical;
  readonly value: Rational;
  /** value / total. */
  readonly share: Rational;
}

export interface Breakdown {
  readonly sheet: Sheet;
  readonly target: string;
  readonly total: Value;
  /** By formula, largest first. */
  readonly byFormula: readonly Part[];
  /** By canonical monomial, largest first. */
  readonly byMonomial: readonly Part[];
  readonly derivation: Derivation;
  readonly forms: SheetForms;
}

/**
 * @example breakdown(decoder, "training_flops", { presets: [llama3], set: [{ name: "seq_len", text: "8192" }, { name: "tokens", text: "15e12" }] }).byFormula[0].label // "P_ffn_active: (L − L_d) × P_moe_active"
 * @throws FlopsheetError as derive does, or where the target cannot be expanded.
 */
export function breakdown(sheet: Sheet, target: string, options: DeriveOptions = {}): Breakdown {
  const formula = findTarget(sheet, target);
  const derivation = derive(sheet, formula.name, { ...options, symbolic: false });
  const values = new Map<string, Value>(derivation.inputs.map((i) => [i.input.name, i.value]));
  const forms = sheetForms(sheet, { only: [formula.name] });
  const A = forms.algebra;
  const byName = new Map(sheet.formulas.map((f) => [f.name, f]));
  const total = derivation.value;
  const valueOf = (c: Canonical) => evaluateCanonical(c, values).q;
  const share = (q: Rational) => (total.q.isZero() ? Rational.ZERO : shareOf(q, total.q));

  // Parts by formula: walk the sums, carrying the factor a part is multiplied by.
  const found = new Map<string, Canonical>();
  const add = (label: string, c: Canonical): void => {
    found.set(label, found.has(label) ? A.add(found.get(label)!, c) : c);
  };
  const namesFormula = (e: Expr): boolean => [...symbolsOf(e).keys()].some((n) => byName.has(n));
  const isSum = (e: Expr): boolean => {
    const inner = e.kind === "group" ? e.inner : e;
    if (inner.kind === "binary" && (inner.op === "+" || inner.op === "-")) return true;
    if (inner.kind === "symbol") return byName.has(inner.name) && opens(byName.get(inner.name)!.definition.expr);
    if (inner.kind === "group") return isSum(inner);
    return false;
  };
  // Whether an expression has a sum inside that a walk can share out.
  const opens = (e: Expr): boolean => {
    const inner = e.kind === "group" ? e.inner : e;
    if (isSum(inner)) return true;
    if (inner.kind === "binary" && (inner.op === "*" || inner.op === "/")) return factorWithSum(inner) !== undefined;
    return false;
  };
  const factorWithSum = (e: Expr & { kind: "binary" }): "left" | "right" | undefined => {
    const l = opens(e.left), r = e.op === "*" && opens(e.right);
    // A factor whose sum holds inputs and numbers alone (2·(t − 1)/t) is one part: sharing it out
    // would give parts such as "t" and "−1" that no one asked about.
    if (l && !r) return namesFormula(e.left) ? "left" : undefined;
    if (r && !l) return namesFormula(e.right) ? "right" : undefined;
    return undefined;
  };
  const written = (e: Expr, file: SourceText) => file.text.slice(e.span.start, e.span.end).trim();
  // A part that is no formula is labelled with the formula it sits in: "F_matmul: V × d".
  const walk = (e: Expr, scale: Canonical, depth: number, file: SourceText, within: string): void => {
    if (depth > 64) throw new FlopsheetError({ code: "INVALID_VALUE", message: "the formulas nest too deeply to break down" });
    switch (e.kind) {
      case "group":
        return walk(e.inner, scale, depth, file, within);
      case "symbol": {
        const f = byName.get(e.name);
        if (f && opens(f.definition.expr)) return walk(f.definition.expr, scale, depth + 1, f.file, f.name);
        return add(e.name, A.mul(scale, forms.of(e, "a part")));
      }
      case "binary":
        if (e.op === "+" || e.op === "-") {
          walk(e.left, scale, depth + 1, file, within);
          walk(e.right, e.op === "-" ? A.neg(scale) : scale, depth + 1, file, within);
          return;
        }
        if (e.op === "*" || e.op === "/") {
          const side = factorWithSum(e);
          if (side === "left") return walk(e.left, e.op === "*" ? A.mul(scale, forms.of(e.right, "a factor")) : A.div(scale, forms.of(e.right, "a divisor")), depth + 1, file, within);
          if (side === "right") return walk(e.right, A.mul(scale, forms.of(e.left, "a factor")), depth + 1, file, within);
        }
        return add(`${within}: ${written(e, file)}`, A.mul(scale, forms.of(e, "a part")));
      default:
        return add(`${within}: ${written(e, file)}`, A.mul(scale, forms.of(e, "a part")));
    }
  };
  walk(formula.definition.expr, A.one, 0, formula.file, formula.name);
  const parts = (entries: Iterable<[string, Canonical]>): Part[] =>
    [...entries]
      .map(([label, form]) => {
        const value = valueOf(form);
        return { label, form, value, share: share(value) };
      })
      .sort((a, b) => b.value.cmp(a.value) || a.label.localeCompare(b.label));
  const whole = forms.forms.get(formula.name)!;
  const monomials = whole.terms.map((t): [string, Canonical] => {
    const c = t.factors.reduce((p, f) => A.mul(p, A.pow(baseForm(A, f.base), f.exp)), A.constant(t.coef));
    return [t.factors.length === 0 ? String(t.coef) : t.monomial, c];
  });
  return { sheet, target: formula.name, total, byFormula: parts(found), byMonomial: parts(monomials), derivation, forms };
}

export interface Crossing {
  readonly input: string;
  readonly a: string;
  readonly b: string;
  /** Where part a equals part b, the others held at their values. */
  readonly at: Value;
  readonly method: string;
}

/**
 * Where two parts cross along one input: the root of their difference, exactly where it is linear
 * in the input (attention's s against the dense layers' constant), else by bisection in [lo, hi].
 */
export function crossing(b: Breakdown, a: string, c: string, inputName: string, lo: number, hi: number): Crossing | undefined {
  const pa = b.byFormula.find((p) => p.label === a) ?? b.byMonomial.find((p) => p.label === a);
  const pc = b.byFormula.find((p) => p.label === c) ?? b.byMonomial.find((p) => p.label === c);
  if (!pa || !pc) throw new FlopsheetError({ code: "UNKNOWN_IDENTIFIER", message: `no part ${!pa ? a : c} in the breakdown of ${b.target}` });
  const input = inputNamed(b.sheet, inputName);
  if (!input) throw new FlopsheetError({ code: "UNKNOWN_IDENTIFIER", message: `sheet ${b.sheet.id} has no input ${inputName}, nor one bound to it` });
  const A = b.forms.algebra;
  const fixed = new Map(b.derivation.inputs.filter((i) => i.input.name !== input.name).map((i) => [i.input.name, i.value.q]));
  const x = input.name;
  const diff = activeArguments(A, substitute(A, A.sub(pa.form, pc.form), fixed), lo, hi);
  const onlyX = diff.terms.every((t) => t.factors.every((f) => f.base.kind === "var" && f.base.name === x));
  const powers = diff.terms.map((t) => t.factors[0]?.exp ?? Rational.ZERO);
  if (onlyX && powers.every((p) => p.isZero() || p.isOne()) && powers.some((p) => p.isOne())) {
    const k = diff.terms.find((t) => t.factors.length === 1)!.coef;
    const c0 = diff.terms.find((t) => t.factors.length === 0)?.coef ?? Rational.ZERO;
    const root = c0.neg().div(k);
    return { input: x, a, b: c, at: { q: root, exact: true }, method: `linear in ${x}: exact` };
  }
  const f = compileCanonical(diff, () => 0);
  const v = new Float64Array(1);
  const g = (t: number) => ((v[0] = t), f(v));
  if (Math.sign(g(lo)) === Math.sign(g(hi))) return undefined;
  const root = bisectRoot(g, lo, hi);
  return { input: x, a, b: c, at: { q: decimalOf(root), exact: false }, method: "bisection, to a relative 1e-12" };
}

/**
 * min and max of arguments in one input replaced by the argument that is active across [lo, hi]
 * (min(s, w) is s for every s below a window w beyond the range), so that a crossing which is
 * linear in the input is found exactly. Checked at both ends and between; an argument that
 * changes places within the range leaves the atom as it is.
 */
function activeArguments(A: Algebra, c: Canonical, lo: number, hi: number): Canonical {
  const probe = [lo, Math.sqrt(Math.max(lo, 1e-300) * Math.max(hi, 1e-300)), (lo + hi) / 2, hi];
  const base = (b: Base): Canonical => {
    if (b.kind === "var") return A.variable(b.name);
    if (b.kind === "pow") return activeArguments(A, b.base, lo, hi);
    const args = b.args.map((a) => activeArguments(A, a, lo, hi));
    if (b.fn !== "pow" && functionSpec(b.fn).symbolic === "lattice") {
      const choose = functionSpec(b.fn).float;
      const fs = args.map((a) => compileCanonical(a, () => 0));
      const v = new Float64Array(1);
      const winner = probe.map((t) => {
        v[0] = t;
        const ys = fs.map((f) => f(v));
        const best = choose(...ys);
        return ys.indexOf(best);
      });
      if (winner.every((w) => w === winner[0])) return args[winner[0]!]!;
    }
    return b.fn === "pow" ? A.powExpr(args[0]!, args[1]!) : A.call(b.fn, args);
  };
  let sum = A.zero;
  for (const t of c.terms) sum = A.add(sum, t.factors.reduce((p, f) => A.mul(p, A.pow(base(f.base), f.exp)), A.constant(t.coef)));
  return sum;
}

/**
 * q / total. A share is shown to a few digits: where the exact quotient of two values of tens of
 * thousands of digits would pass the size limit, it is taken from their 20 leading digits.
 */
function shareOf(q: Rational, total: Rational): Rational {
  try {
    return q.div(total);
  } catch (e) {
    if (!(e instanceof ArithmeticError)) throw e;
    const [a, b] = [roundSignificant(q, 20), roundSignificant(total, 20)];
    const k = a.exponent - b.exponent;
    const ratio = Rational.of(BigInt(a.sign) * BigInt(a.mantissa), BigInt(b.sign) * BigInt(b.mantissa));
    return k >= 0 ? ratio.mul(Rational.of(10n ** BigInt(Math.min(k, 400)))) : ratio.div(Rational.of(10n ** BigInt(Math.min(-k, 400))));
  }
}
