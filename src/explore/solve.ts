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
  /**
   * For a value that is not whole, the target at the whole values on either side (inside the
   * input's range): devices and sequences come whole, so "2.84 devices" is really "3 fit, 2 do
   * not", and which side meets a goal is for the reader to see, not for solve to guess.
   */
  readonly whole?: readonly { readonly at: Rational; readonly target: Value }[];
}

const TOLERANCE = 1e-12;

/** The target at ⌊x⌋ and ⌈x⌉, where they lie in the range and the target has a value there. */
function wholeNeighbours(x: Rational, range: readonly [Rational, Rational] | undefined, value: (q: Rational) => Value): { at: Rational; target: Value }[] {
  return [x.floor(), x.ceil()].flatMap((q) => {
    if (range && (q.cmp(range[0]) < 0 || q.cmp(range[1]) > 0)) return [];
    try {
      return [{ at: q, target: value(q) }];
    } catch (e) {
      if (e instanceof FlopsheetError) return [];
      throw e;
    }
  });
}

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
  const range = input.range ? (input.range.map((w) => constantValue(w, "a range")) as [Rational, Rational]) : undefined;
  const where = range ? ` in [${range[0]}, ${range[1]}]` : "";
  const found = closedForm(form, x, goal);
  const candidates = found ?? bisect(form, x, goal, input);
  // A candidate is an answer only if the target, derived at it, is the goal: exactly for a closed
  // form, within GOAL_TOLERANCE for a root found numerically (√x = −1 has no answer; x² = 4 has two).
  const rejected: string[] = [];
  for (const c of candidates.values) {
    if (range && (c.q.cmp(range[0]) < 0 || c.q.cmp(range[1]) > 0)) {
      rejected.push(`${x} = ${shortText(c.q)} is outside its declared range [${range[0]}, ${range[1]}]`);
      continue;
    }
    const text = c.exact ? c.q.toString() : decimalText(c.q, 17);
    let derivation: Derivation;
    try {
      derivation = derive(sheet, formula.name, { ...options, set: [...set, { name: input.name, text }] });
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
      rejected.push(`at ${x} = ${shortText(c.q)}: ${e.issues.map((i) => i.message).join("; ")}`);
      continue;
    }
    const got = derivation.value.q;
    const hit = c.exact && derivation.value.exact ? got.equals(goal) : closeTo(got, goal);
    if (!hit) {
      if (!candidates.jump) rejected.push(`at ${x} = ${shortText(c.q)} the target is ${shortText(got)}`);
      continue;
    }
    const exact = c.exact && derivation.value.exact && got.equals(goal);
    const whole = c.q.isInteger() ? undefined : wholeNeighbours(c.q, range, (q) => derive(sheet, formula.name, { ...options, set: at(q), symbolic: false }).value);
    return { sheet, target: formula.name, goal, input: x, asked: forName, value: { q: c.q, exact }, method: found ? candidates.method : exact ? `${candidates.method}; at ${x} = ${c.q} the target is the goal exactly` : `${candidates.method}; the target there is within a relative ${GOAL_TOLERANCE} of the goal`, form, derivation, ...(whole && whole.length > 0 ? { whole } : {}) };
  }
  const j = candidates.jump;
  if (j) rejected.push(`the target steps from ${Number(j.below.toPrecision(6))} to ${Number(j.above.toPrecision(6))} at ${x} ≈ ${Number(j.at.toPrecision(6))}, past the goal`);
  throw new FlopsheetError({ code: "INVALID_VALUE", message: `no value of ${x}${where} gives ${formula.name} = ${goal}${rejected.length > 0 ? ` (${rejected.join("; ")})` : ""}` });
}

/** A finite double as the rational its shortest decimal writes (parseDecimal takes no sign). */
export function decimalOf(x: number): Rational {
  const q = Rational.parseDecimal(String(Math.abs(x)))!;
  return x < 0 ? q.neg() : q;
}

/** A root found in floating point is an answer when the target there is this close to the goal. */
const GOAL_TOLERANCE = 1e-9;

function closeTo(got: Rational, goal: Rational): boolean {
  const diff = got.sub(goal).abs();
  const scale = goal.isZero() ? Rational.ONE : goal.abs();
  return diff.cmp(scale.mul(Rational.parseDecimal(String(GOAL_TOLERANCE))!)) <= 0;
}

/** A value for a message: 6 significant digits. */
function shortText(q: Rational): string {
  return q.isInteger() && q.abs().cmp(Rational.of(10n ** 15n)) < 0 ? q.toString() : decimalText(q, 6);
}

interface Candidates {
  readonly values: readonly Value[];
  readonly method: string;
  /** For a root found numerically: the target either side of it. */
  readonly jump?: { readonly at: number; readonly below: number; readonly above: number };
}

/**
 * x from a·x + b = goal, or from a·x^k = goal (both roots where k's numerator is even);
 * undefined for any other form. The candidates are checked by deriving the target at each.
 */
function closedForm(c: Canonical, x: string, goal: Rational): Candidates | undefined {
  const onlyX = c.terms.every((t) => t.factors.every((f) => f.base.kind === "var" && f.base.name === x));
  if (!onlyX) return undefined;
  const powers = c.terms.map((t) => (t.factors[0]?.exp ?? Rational.ZERO));
  if (powers.every((p) => p.isZero())) throw new FlopsheetError({ code: "INVALID_VALUE", message: `the target does not depend on ${x} at these values` });
  if (powers.every((p) => p.isZero() || p.isOne())) {
    const a = c.terms.find((t) => t.factors.length === 1)!.coef;
    const b = c.terms.find((t) => t.factors.length === 0)?.coef ?? Rational.ZERO;
    return { values: [{ q: goal.sub(b).div(a), exact: true }], method: `linear in ${x}: ${x} = ${b.isZero() ? "goal" : `(goal − ${b.toString()})`} / ${a.toString()}` };
  }
  if (c.terms.length !== 1) return undefined;
  const { coef, factors } = c.terms[0]!;
  const k = factors[0]!.exp;
  const y = goal.div(coef);
  const inv = Rational.ONE.div(k);
  const shown = coef.toString();
  const how = k.equals(Rational.MINUS_ONE) ? `${x} = ${shown} / goal` : `${x} = (goal / ${shown})^(${inv})`;
  const method = `a single power of ${x}: ${shown}·${x}^${k}, so ${how}`;
  // 1/x never reaches 0; an even root of a negative number is not real.
  if (y.isZero() && k.sign < 0) return { values: [], method };
  if (y.sign < 0 && !inv.isInteger()) return { values: [], method };
  const exact = rationalPower(y, inv);
  const q = exact ?? approximate("pow", [y, inv]);
  const root: Value = { q, exact: exact !== undefined };
  // x² = 4: 2 and −2 (the positive first, as most quantities here are).
  const even = k.n % 2n === 0n;
  return { values: even && !q.isZero() ? [root, { q: q.neg(), exact: root.exact }] : [root], method };
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
function bisect(c: Canonical, x: string, goal: Rational, input: Input): Candidates {
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
  // A rounder value near the root may reach the goal exactly: where the target steps (floor(x) = 2
  // at x = 2, the root sitting on the jump), or where the root is round (x² + x = 6 at x = 2). Those
  // come first; only the ones whose float value is near the goal are worth deriving exactly.
  const near = new Set<string>();
  const values: Value[] = [];
  for (let digits = 1; digits <= 16; digits++) {
    const t = Number(root.toPrecision(digits));
    const key = String(t);
    if (near.has(key) || !Number.isFinite(t) || !(Math.abs(at(t)) <= 1e-6 * Math.max(Math.abs(g0), 1))) continue;
    near.add(key);
    values.push({ q: decimalOf(t), exact: true });
  }
  values.push({ q: decimalOf(root), exact: false });
  // Either side of the root, for saying where the target jumps past the goal when no value hits it.
  const side = (t: number) => at(t) + g0;
  const jump = { at: root, below: side(root * (1 - 1e-9) - 1e-300), above: side(root * (1 + 1e-9) + 1e-300) };
  return { values, method: `bisection on [${lo}, ${hi}], to a relative ${TOLERANCE}`, jump };
}
