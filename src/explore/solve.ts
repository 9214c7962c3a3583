/**
 * Solving for an input: the value that makes a target equal a given value, with every other input
 * at its value. In closed form where the target's canonical form, with the others substituted
 * exactly, is linear in the unknown or a single power of it (6·N·D for D; C/(n·peak·u) for n);
 * else by bisection on the compiled form, with its tolerance stated. The answer comes with the
 * target's trail at that value, so it can be checked by eye.
 */
import { FlopsheetError } from "../core/errors.js";
import { Rational } from "../core/rational.js";
import { rationalPower } from "../core/exact.js";
import { approximate } from "../core/approximate.js";
import { sheetForms } from "../algebra/sheet-forms.js";
import { substitute } from "../algebra/substitute.js";
import type { Canonical } from "../algebra/canonical.js";
import { derive, findTarget, type Derivation, type DeriveOptions } from "../evaluate/derive.js";
import { constantValue, type Setting } from "../evaluate/inputs.js";
import { compileCanonical } from "../evaluate/compile.js";
import type { Input, Sheet } from "../sheet/model.js";
import type { Value } from "../evaluate/value.js";
import { roundSignificant } from "../core/significant.js";

/** q to `digits` significant figures as a plain decimal with an exponent: "9.1287092917527686e10". */
function decimalText(q: Rational, digits: number): string {
  const r = roundSignificant(q, digits);
  return `${r.sign < 0 ? "-" : ""}${r.mantissa[0]}.${r.mantissa.slice(1) || "0"}e${r.exponent}`;
}

export interface Solution {
  readonly sheet: Sheet;
  /** The formula solved (a vocabulary name resolves to the formula bound to it). */
  readonly target: string;
  readonly goal: Rational;
  /** The input solved for, and the name it was asked for by (`n_devices` for training-budget's n). */
  readonly input: string;
  readonly asked: string;
  readonly value: Value;
  /** "linear in n", "a single power: 120·N²", or "bisection on [1, 1e15], to a relative 1e-12". */
  readonly method: string;
  /** The target's form in the unknown, with the other inputs substituted. */
  readonly form: Canonical;
  /** The target derived at the solution: its trail. */
  readonly derivation: Derivation;
}

const TOLERANCE = 1e-12;

/** The input `name` names: its own symbol, or the vocabulary name it is bound to directly. */
export function inputNamed(sheet: Sheet, name: string): Input | undefined {
  return sheet.inputs.find((i) => i.name === name) ?? sheet.inputs.find((i) => i.bind?.expr.kind === "symbol" && i.bind.expr.name === name);
}

/**
 * @example solve(gpt3, "training_flops", Rational.of(10n ** 24n), "tokens", { presets: [gpt3_175b] }).value.q // 10^24 / (6 × 174.6e9)
 * @throws FlopsheetError when the target does not depend on the unknown, or no value reaches the goal.
 */
export function solve(sheet: Sheet, target: string, goal: Rational, forName: string, options: DeriveOptions = {}): Solution {
  const formula = findTarget(sheet, target);
  const input = inputNamed(sheet, forName);
  if (!input) throw new FlopsheetError({ code: "UNKNOWN_IDENTIFIER", message: `sheet ${sheet.id} has no input ${forName} to solve for, nor one bound to it` });
  const set = options.set ?? [];
  if (set.some((s) => s.name === forName || s.name === input.name)) throw new FlopsheetError({ code: "INVALID_VALUE", message: `${forName} is both set and solved for; solving finds its value` });
  const placeholder = input.range ? constantValue(input.range[0], "a range") : Rational.ONE;
  const at = (q: Rational): Setting[] => [...set, { name: input.name, text: q.toString() }];
  const base = derive(sheet, formula.name, { ...options, set: at(placeholder), symbolic: false });
  if (!base.inputs.some((i) => i.input.name === input.name)) {
    throw new FlopsheetError({ code: "INVALID_VALUE", message: `${formula.name} does not depend on ${input.name}: no value of it changes the target` });
  }
  const fixed = new Map(base.inputs.filter((i) => i.input.name !== input.name).map((i) => [i.input.name, i.value.q]));
  const F = sheetForms(sheet, { only: [formula.name] });
  const form = substitute(F.algebra, F.forms.get(formula.name)!, fixed);
  const x = input.name;
  const { value, method } = closedForm(form, x, goal) ?? bisect(form, x, goal, input);
  // An approximate root is given to the trail as a 17-digit decimal, which reads back as the same
  // double; the trail then shows the target at that value, near the goal rather than on it.
  const text = value.exact ? value.q.toString() : decimalText(value.q, 17);
  const derivation = derive(sheet, formula.name, { ...options, set: [...set, { name: input.name, text }] });
  return { sheet, target: formula.name, goal, input: x, asked: forName, value, method, form, derivation };
}

/** x from a·x + b = goal, or from a·x^k = goal; undefined for any other form. */
function closedForm(c: Canonical, x: string, goal: Rational): { value: Value; method: string } | undefined {
  const onlyX = c.terms.every((t) => t.factors.every((f) => f.base.kind === "var" && f.base.name === x));
  if (!onlyX) return undefined;
  const powers = c.terms.map((t) => (t.factors[0]?.exp ?? Rational.ZERO));
  if (powers.every((p) => p.isZero())) throw new FlopsheetError({ code: "INVALID_VALUE", message: `the target does not depend on ${x} at these values` });
  if (powers.every((p) => p.isZero() || p.isOne())) {
    const a = c.terms.find((t) => t.factors.length === 1)!.coef;
    const b = c.terms.find((t) => t.factors.length === 0)?.coef ?? Rational.ZERO;
    return { value: { q: goal.sub(b).div(a), exact: true }, method: `linear in ${x}: ${x} = ${b.isZero() ? "goal" : `(goal − ${b.toString()})`} / ${a.toString()}` };
  }
  if (c.terms.length !== 1) return undefined;
  const { coef, factors } = c.terms[0]!;
  const k = factors[0]!.exp;
  const y = goal.div(coef);
  const inv = Rational.ONE.div(k);
  if (y.sign < 0 && !inv.isInteger()) throw new FlopsheetError({ code: "INVALID_VALUE", message: `no real ${x} gives ${goal}: it would be (${y})^(${inv})` });
  const exact = rationalPower(y, inv);
  const q = exact ?? approximate("pow", [y, inv]);
  const shown = coef.toString();
  const how = k.equals(Rational.MINUS_ONE) ? `${x} = ${shown} / goal` : `${x} = (goal / ${shown})^(${inv})`;
  return { value: { q, exact: exact !== undefined }, method: `a single power of ${x}: ${shown}·${x}^${k}, so ${how}` };
}

/**
 * A root of f in [lo, hi], where f changes sign, to a relative TOLERANCE: halving in log space
 * while the bracket spans more than a factor of 4 (inputs here run over decades), then linearly.
 */
export function bisectRoot(f: (x: number) => number, lo: number, hi: number): number {
  let a = lo, b = hi, fa = f(lo);
  for (let i = 0; i < 2000 && Math.abs(b - a) > TOLERANCE * Math.max(Math.abs(a), Math.abs(b)); i++) {
    const m = a > 0 && b / a > 4 ? Math.sqrt(a * b) : (a + b) / 2;
    const fm = f(m);
    if (fm === 0) return m;
    if (Math.sign(fm) === Math.sign(fa)) { a = m; fa = fm; } else b = m;
  }
  return (a + b) / 2;
}

/** A root of form(x) = goal by bisection, bracketed in the input's range or by doubling from 1. */
function bisect(c: Canonical, x: string, goal: Rational, input: Input): { value: Value; method: string } {
  const f = compileCanonical(c, () => 0);
  const v = new Float64Array(1);
  const g0 = goal.toNumber();
  const at = (t: number) => {
    v[0] = t;
    return f(v) - g0;
  };
  let lo: number, hi: number;
  if (input.range) {
    lo = constantValue(input.range[0], "a range").toNumber();
    hi = constantValue(input.range[1], "a range").toNumber();
  } else {
    lo = 1;
    hi = 2;
    // Grow the bracket both ways until the sign changes (positive quantities, as every input here is).
    for (let i = 0; i < 400 && Math.sign(at(lo)) === Math.sign(at(hi)); i++) {
      lo /= 2;
      hi *= 2;
    }
  }
  const flo = at(lo), fhi = at(hi);
  if (!(Math.sign(flo) !== Math.sign(fhi))) {
    throw new FlopsheetError({ code: "INVALID_VALUE", message: `no value of ${x} in [${lo}, ${hi}] brings the target to ${goal}` });
  }
  const root = bisectRoot(at, lo, hi);
  return { value: { q: Rational.parseDecimal(String(root))!, exact: false }, method: `bisection on [${lo}, ${hi}], to a relative ${TOLERANCE}` };
}
