/**
 * Sweeps: targets over the cartesian product of ranges of inputs (or of the vocabulary names the
 * inputs are bound to), in floats through compiled closures, or exactly, one derivation a point.
 *
 * The plan is made, and every mistake reported, before the first row: after that rows stream, and
 * a point that fails (a range, a division by zero) is a row with its reason, not the end.
 */
import { didYouMean, FlopsheetError, type Issue } from "../core/errors.js";
import { Rational } from "../core/rational.js";
import { sheetForms } from "../algebra/sheet-forms.js";
import { substitute } from "../algebra/substitute.js";
import type { Canonical } from "../algebra/canonical.js";
import { derive, findTarget, type DeriveOptions } from "../evaluate/derive.js";
import { constantValue, type InputValue, type Setting } from "../evaluate/inputs.js";
import { compileCanonical, compileExpr, compileProgram, type Compiled } from "../evaluate/compile.js";
import type { Input, Sheet, Written } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";
import { symbolsOf, type Expr } from "../syntax/tree.js";
import { pointCount, varyLabel, type SweepValue, type Vary } from "./ranges.js";
import { namesRead } from "../sheet/bindings.js";

export interface SweepOptions extends Omit<DeriveOptions, "symbolic"> {
  readonly vary: readonly Vary[];
  /** One exact derivation per point instead of the compiled floats (slow; for checking). */
  readonly exact?: boolean;
}

export interface SweepRow {
  /** The varied names' values at this point, in the order of `vary`. */
  readonly point: readonly SweepValue[];
  /** Each target's value, or undefined where the point failed. */
  readonly values: readonly (number | undefined)[];
  /** With `exact`, the exact values. */
  readonly exact?: readonly (Rational | undefined)[];
  /** Why the point has no values: "d_model = 0 is outside its declared range [1, 1e9]". */
  readonly reason?: string;
}

/** How each input the targets read gets its value at a point. */
export type InputPlan =
  | { readonly name: string; readonly kind: "fixed"; readonly value: Rational }
  | { readonly name: string; readonly kind: "varied"; readonly by: number }
  | { readonly name: string; readonly kind: "follows"; readonly binding: string; readonly reads: readonly string[]; readonly expr: Expr };

export interface Sweep {
  readonly sheet: Sheet;
  /** The formulas computed, one per target asked for (`training_flops` names `F_model_training`). */
  readonly targets: readonly { readonly asked: string; readonly formula: string; readonly unit?: string }[];
  readonly vary: readonly Vary[];
  readonly points: number;
  readonly inputs: readonly InputPlan[];
  /** Where a preset holds fixed what would otherwise follow a varied name, and the like. */
  readonly warnings: readonly string[];
  /** How the floats are computed: "canonical" (fixed inputs substituted exactly) or "tree". */
  readonly method: "canonical" | "tree" | "exact";
  /** Every input the targets read, as derived at the first point. */
  readonly base: readonly InputValue[];
  /** The rows, computed as they are taken. */
  rows(): Generator<SweepRow>;
  /**
   * The compiled evaluation itself, for a caller that drives its own loop (the benchmark): write the
   * varied names' values into `point`, call `run`, read `values`. Undefined with `exact`.
   */
  readonly kernel?: Kernel;
}

export interface Kernel {
  readonly point: Float64Array;
  readonly values: Float64Array;
  /** Returns why the point is refused (a range), else undefined with `values` filled. */
  readonly run: () => string | undefined;
}

/**
 * @example planSweep(sheet, ["training_flops"], { presets: [llama], vary: [parseVary("seq_len=1024..8192:×2")] })
 * @throws FlopsheetError for an unknown target, a name no input reads, a missing input, all at once where it can.
 */
export function planSweep(sheet: Sheet, targets: readonly string[], options: SweepOptions): Sweep {
  if (targets.length === 0) throw new FlopsheetError({ code: "INVALID_VALUE", message: "a sweep needs at least one target" });
  if (options.vary.length === 0) throw new FlopsheetError({ code: "INVALID_VALUE", message: "a sweep needs at least one range to vary (NAME=FROM..TO)" });
  const formulas = targets.map((t) => findTarget(sheet, t));
  const varyNames = options.vary.map((v) => v.name);
  const duplicate = options.vary.find((v, i) => varyNames.indexOf(v.name) !== i);
  if (duplicate) throw new FlopsheetError({ code: "DUPLICATE_NAME", message: `${varyLabel(duplicate)} is given twice` });
  const set = options.set ?? [];
  const clash = set.find((s) => varyNames.includes(s.name));
  if (clash) throw new FlopsheetError({ code: "INVALID_VALUE", message: `${clash.name} is both set and varied; keep one` });

  // The base point: every name at its first value, derived exactly, which reports every missing
  // input and bad value before a row is written.
  const atPoint = (point: readonly SweepValue[]): Setting[] => [...set, ...options.vary.map((v, i) => ({ name: v.name, text: point[i]!.q.toString() }))];
  // A name neither an input nor a vocabulary name an input is bound to could never move anything.
  const reachable = new Set(sheet.inputs.flatMap((i) => [i.name, ...namesRead(i)]));
  const unknown = options.vary.filter((v) => !reachable.has(v.name));
  if (unknown.length > 0) {
    throw new FlopsheetError(
      unknown.map((v) => {
        const guess = didYouMean(v.name, [...reachable]);
        const why = sheet.formulas.some((f) => f.name === v.name) ? ` (${v.name} is a formula: vary the inputs it reads)` : guess ? `; did you mean ‘${guess}’?` : "";
        return { code: "UNKNOWN_IDENTIFIER" as const, message: `${varyLabel(v)}: no input of ${sheet.id} is ${v.name} or bound to it${why}` };
      }),
    );
  }
  // The base derivation, at the first point whose arithmetic works (a sweep may start at n = 0).
  const base = basePoint(options.vary, (point) => formulas.map((f) => derive(sheet, f.name, { ...options, set: atPoint(point), symbolic: false })));
  const inputs = new Map<string, InputValue>();
  for (const d of base) for (const iv of d.inputs) inputs.set(iv.input.name, iv);

  const presetList = [...(options.scenario ? sheet.scenarios.find((s) => s.name === options.scenario)?.presets ?? [] : []), ...(options.presets ?? [])];
  const vocabulary = vocabularyValues(presetList, set, sheet);
  const followsOf = new Map<string, Written>();
  for (const p of presetList) for (const [k, v] of p.values) if (v.follows) followsOf.set(k, v.follows);
  const issues: Issue[] = [];
  const warnings: string[] = [];
  const plans: InputPlan[] = [];
  const read = new Set<string>();
  for (const input of sheet.inputs) {
    const iv = inputs.get(input.name);
    if (!iv) continue;
    const direct = varyNames.indexOf(input.name);
    if (direct >= 0) {
      plans.push({ name: input.name, kind: "varied", by: direct });
      read.add(input.name);
      continue;
    }
    // A preset's value worked out from a varied name (a config's d_head from d_model) follows it.
    const quantity = input.bind?.expr.kind === "symbol" ? input.bind.expr.name : undefined;
    const follows = iv.origin === "preset" && quantity !== undefined ? followsOf.get(quantity) : undefined;
    const followed = follows ? [...symbolsOf(follows.expr).keys()] : [];
    if (follows && followed.some((n) => varyNames.includes(n)) && followed.every((n) => vocabulary.has(n) || varyNames.includes(n))) {
      const reads = followed.filter((n) => varyNames.includes(n));
      plans.push({ name: input.name, kind: "follows", binding: `${follows.text.trim()} (what the preset's ${quantity} follows)`, reads, expr: follows.expr });
      for (const r of reads) read.add(r);
      continue;
    }
    // A value through a binding (from a preset, or a varied vocabulary name) follows what it reads.
    const binding = iv.origin === "preset" ? usedBinding(input, vocabulary, varyNames) : undefined;
    const reads = binding ? [...symbolsOf(binding.expr).keys()].filter((n) => varyNames.includes(n)) : [];
    if (binding && reads.length > 0) {
      plans.push({ name: input.name, kind: "follows", binding: binding.text.trim(), reads, expr: binding.expr });
      for (const r of reads) read.add(r);
    } else {
      plans.push({ name: input.name, kind: "fixed", value: iv.value.q });
      if (iv.origin === "sheet" && varyNames.some((n) => !sheet.inputs.some((i) => i.name === n))) {
        issues.push({ code: "INVALID_VALUE", message: `input ‘${input.name}’ is derived by ${iv.chained?.sheet ?? "another sheet"} for the model at the first point and would not follow ${varyNames.join(", ")}; set it, or vary it too` });
      }
      // A preset fixes what the sheet would otherwise compute from a varied name (d_head given
      // while d_model varies): the sweep keeps the preset's value, and says so.
      const alt = input.otherwise;
      if (iv.origin === "preset" && alt && bindingReadsVaried(alt, varyNames)) {
        warnings.push(`${input.name} stays ${iv.text} (${iv.via ?? "the preset"}) while ${varyNames.filter((n) => symbolsOf(alt.expr).has(n)).join(", ")} varies; without the preset's value it would follow ${alt.text.trim()}`);
      }
    }
  }
  for (const v of options.vary) {
    if (read.has(v.name)) continue;
    if (sheet.formulas.some((f) => f.name === v.name)) issues.push({ code: "INVALID_VALUE", message: `${varyLabel(v)}: ‘${v.name}’ is a formula of sheet ${sheet.id}, not an input; vary the inputs it reads` });
    else if (sheet.inputs.some((i) => i.name === v.name)) issues.push({ code: "INVALID_VALUE", message: `${varyLabel(v)}: no target asked for reads input ‘${v.name}’ (${targets.join(", ")} do not depend on it)` });
    else issues.push({ code: "UNKNOWN_IDENTIFIER", message: `${varyLabel(v)}: no input of ${sheet.id} that the targets read is ${v.name} or bound to it` });
  }
  if (issues.length > 0) throw new FlopsheetError(issues);

  const points = pointCount(options.vary);
  const targetList = formulas.map((f, i) => ({ asked: targets[i]!, formula: f.name, ...(f.unit ? { unit: f.unit } : {}) }));
  const common = { sheet, targets: targetList, vary: options.vary, points, inputs: plans, warnings, base: [...inputs.values()] };
  if (options.exact) {
    return {
      ...common,
      method: "exact",
      *rows() {
        for (const point of cartesian(options.vary)) {
          try {
            const exact = formulas.map((f) => derive(sheet, f.name, { ...options, set: atPoint(point), symbolic: false }).value.q);
            yield { point, values: exact.map((q) => q.toNumber()), exact };
          } catch (e) {
            if (!(e instanceof FlopsheetError)) throw e;
            yield { point, values: formulas.map(() => undefined), exact: formulas.map(() => undefined), reason: e.issues.map((i) => i.message).join("; ") };
          }
        }
      },
    };
  }
  // Doubles cannot tell 1/0 from a value past 1.8 × 10^308: the point is derived exactly to say which.
  const whyInfinite = (point: readonly SweepValue[]): string => {
    try {
      for (const f of formulas) derive(sheet, f.name, { ...options, set: atPoint(point), symbolic: false });
      return OVERFLOW;
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
      return e.issues.map((i) => i.message).join("; ");
    }
  };
  const compiled = compileSweep(sheet, formulas.map((f) => f.name), plans, vocabulary, options.vary);
  const out = new Float64Array(formulas.length);
  const { fill, point, targets: fs, bare } = compiled;
  const only = fs.length === 1 ? fs[0]! : undefined;
  const kernel: Kernel = {
    point,
    values: out,
    run: bare
      ? () => {
          out[0] = bare(point);
          return undefined;
        }
      : only
      ? () => {
          const bad = fill();
          if (bad) return bad;
          out[0] = only();
          return undefined;
        }
      : () => {
          const bad = fill();
          if (bad) return bad;
          for (let i = 0; i < fs.length; i++) out[i] = fs[i]!();
          return undefined;
        },
  };
  return {
    ...common,
    kernel,
    method: compiled.method,
    // A point costs its closures and little else: no array made by map, no callback per value.
    *rows() {
      const v = compiled.point;
      const vary = options.vary;
      const fns = compiled.targets;
      const idx = new Int32Array(vary.length);
      for (let k = 0; k < points; k++) {
        const point: SweepValue[] = new Array(vary.length);
        for (let i = 0; i < vary.length; i++) v[i] = (point[i] = vary[i]!.at(idx[i]!)).number;
        advance(idx, vary);
        const bad = compiled.fill();
        if (bad) {
          yield { point, values: formulas.map(() => undefined), reason: bad };
          continue;
        }
        const values: number[] = new Array(fns.length);
        let finite = true;
        for (let i = 0; i < fns.length; i++) if (!Number.isFinite((values[i] = fns[i]!()))) finite = false;
        if (finite) {
          yield { point, values };
          continue;
        }
        const reason = values.some((y) => Number.isNaN(y)) ? "undefined here (outside a function's domain, or 0/0)" : whyInfinite(point);
        yield { point, values: values.map((y) => (Number.isFinite(y) ? y : undefined)), reason };
      }
    },
  };
}

/** A sweep's doubles cannot tell 1/0 from a value past 1.8 × 10^308: both are Infinity. */
const OVERFLOW = "past floating point's 1.8 × 10^308: an exact sweep or derive gives it";

/** The first of the first few points at which every target derives; else the first point's error. */
function basePoint<T>(vary: readonly Vary[], at: (point: SweepValue[]) => T): T {
  let firstError: unknown;
  let k = 0;
  for (const point of cartesian(vary)) {
    try {
      return at(point);
    } catch (e) {
      const arithmetic = e instanceof FlopsheetError && e.issues.every((i) => i.code === "ARITHMETIC" || i.code === "OUT_OF_RANGE");
      if (!arithmetic) throw e;
      firstError ??= e;
      if (++k >= 16) break;
    }
  }
  throw firstError;
}

function* cartesian(vary: readonly Vary[]): Generator<SweepValue[]> {
  const idx = new Int32Array(vary.length);
  const n = pointCount(vary);
  for (let k = 0; k < n; k++) {
    yield vary.map((v, i) => v.at(idx[i]!));
    advance(idx, vary);
  }
}

/** The next point's indices, the last range turning fastest (an odometer). */
function advance(idx: Int32Array, vary: readonly Vary[]): void {
  for (let i = vary.length - 1; i >= 0; i--) {
    if (++idx[i]! < vary[i]!.count) return;
    idx[i] = 0;
  }
}

const bindingReadsVaried = (w: Written, varied: readonly string[]) => [...symbolsOf(w.expr).keys()].some((n) => varied.includes(n));

/** Exact vocabulary values the presets and --set give (a varied name counts as given). */
function vocabularyValues(presets: readonly Preset[], set: readonly Setting[], sheet: Sheet): Map<string, Rational> {
  const out = new Map<string, Rational>();
  for (const p of presets) for (const [k, v] of p.values) out.set(k, constantValue(v.written, `the value of ‘${k}’`));
  const inputNames = new Set(sheet.inputs.map((i) => i.name));
  for (const s of set) {
    if (inputNames.has(s.name)) continue;
    const q = Rational.parseDecimal(s.text.trim());
    if (q) out.set(s.name, q);
  }
  return out;
}

/** The binding an input took its value through (`bind:`, else `otherwise:`), with varied names counted as given. */
function usedBinding(input: Input, vocabulary: ReadonlyMap<string, Rational>, varied: readonly string[]): Written | undefined {
  const given = (w: Written) => [...symbolsOf(w.expr).keys()].every((n) => vocabulary.has(n) || varied.includes(n));
  if (input.bind && given(input.bind)) return input.bind;
  if (input.otherwise && given(input.otherwise)) return input.otherwise;
  return undefined;
}

interface CompiledSweep {
  readonly method: "canonical" | "tree";
  /** One array: the varied names' values first (in --vary order), then what the evaluation needs. */
  readonly point: Float64Array;
  /** Checks and completes a point (ranges, inputs that follow); returns why it is refused, if it is. */
  readonly fill: () => string | undefined;
  /** Each target's value at the filled point. */
  readonly targets: readonly (() => number)[];
  /** Where nothing needs checking or completing (no ranges, nothing follows), the one target's closure over the point. */
  readonly bare?: Compiled;
}

/**
 * Compiles a sweep. With canonical forms (the fixed inputs substituted exactly), a varied input is
 * read straight from the point array, so a point costs its ranges' checks and the few terms that
 * remain; formulas too large to expand run as written, through a compiled program.
 */
function compileSweep(sheet: Sheet, targets: readonly string[], plans: readonly InputPlan[], vocabulary: ReadonlyMap<string, Rational>, vary: readonly Vary[]): CompiledSweep {
  const slots = new Map<string, number>(vary.map((v, i) => [v.name, i]));
  const slotOf = (n: string) => {
    let i = slots.get(n);
    if (i === undefined) {
      i = slots.size;
      slots.set(n, i);
    }
    return i;
  };
  const moving = plans.filter((p) => p.kind !== "fixed");
  const fixed = new Map(plans.filter((p): p is Extract<InputPlan, { kind: "fixed" }> => p.kind === "fixed").map((p) => [p.name, p.value]));
  const inputsByName = new Map(sheet.inputs.map((i) => [i.name, i]));
  const rangeOf = (name: string) => inputsByName.get(name)!.range?.map((w) => constantValue(w, `the range of input ‘${name}’`).toNumber());
  const refuse = (name: string, y: number) => {
    const input = inputsByName.get(name)!;
    return `${name} = ${y} is outside its declared range [${input.range![0].text}, ${input.range![1].text}]`;
  };

  // An input that follows a varied vocabulary name through an expression (d_h = d_model / n_heads)
  // is computed from the point by its binding's closure into a slot of its own.
  const followers = moving
    .filter((p): p is Extract<InputPlan, { kind: "follows" }> => p.kind === "follows")
    .map((p) => {
      const f = compileExpr(p.expr, slotOf);
      const r = rangeOf(p.name);
      return { name: p.name, f, lo: r?.[0] ?? -Infinity, hi: r?.[1] ?? Infinity, k: -1 };
    });
  const inputSlot = new Map<string, number>();
  for (const p of moving) if (p.kind === "varied") inputSlot.set(p.name, p.by);
  for (const w of followers) inputSlot.set(w.name, (w.k = slotOf(`\u0000${w.name}`)));
  // A varied input is checked at each point only where its range may leave the input's declared
  // one: seq_len over 512..4508 needs no check against [1, 1e30], and the point runs bare.
  const direct = moving
    .filter((p): p is Extract<InputPlan, { kind: "varied" }> => p.kind === "varied")
    .filter((p) => {
      const r = rangeOf(p.name);
      return r !== undefined && !(vary[p.by]!.low >= r[0]! && vary[p.by]!.high <= r[1]!);
    });
  const at = Int32Array.from(direct.map((p) => p.by));
  const lo = Float64Array.from(direct.map((p) => rangeOf(p.name)![0]!));
  const hi = Float64Array.from(direct.map((p) => rangeOf(p.name)![1]!));
  const ranged = direct.length > 0;

  let forms: Canonical[] | undefined;
  try {
    const F = sheetForms(sheet, { only: targets });
    forms = targets.map((t) => substitute(F.algebra, F.forms.get(t)!, fixed));
  } catch (e) {
    if (!(e instanceof FlopsheetError)) throw e;
    forms = undefined; // too large to expand: the formulas as written, compiled
  }
  const program = forms ? undefined : compileProgram(sheet, targets);
  const x = program ? new Float64Array(program.size) : undefined;
  if (program) for (const [n, q] of fixed) if (program.slots.has(n)) x![program.slots.get(n)!] = q.toNumber();
  const copy = program ? [...inputSlot].map(([n, from]) => [program.slots.get(n)!, from] as const) : [];

  const point = new Float64Array(Math.max(slots.size, 1));
  for (const [n, i] of slots) if (i >= vary.length && !n.startsWith("\u0000")) point[i] = vocabulary.get(n)?.toNumber() ?? NaN;
  const nDirect = at.length;
  const fill = (): string | undefined => {
    if (ranged) {
      for (let i = 0; i < nDirect; i++) {
        const y = point[at[i]!]!;
        if (y < lo[i]! || y > hi[i]!) return refuse(direct[i]!.name, y);
      }
    }
    for (let i = 0; i < followers.length; i++) {
      const w = followers[i]!;
      const y = w.f(point);
      if (y < w.lo || y > w.hi) return refuse(w.name, y);
      point[w.k] = y;
    }
    if (program) {
      for (const [k, from] of copy) x![k] = point[from]!;
      program.run(x!);
    }
    return undefined;
  };
  const targetFns = program
    ? targets.map((t) => {
        const k = program.slots.get(t)!;
        return () => x![k]!;
      })
    : forms!.map((c) => {
        const f = compileCanonical(c, (n) => inputSlot.get(n)!);
        return () => f(point);
      });
  const bare = !program && !ranged && followers.length === 0 && forms!.length === 1 ? compileCanonical(forms![0]!, (n) => inputSlot.get(n)!) : undefined;
  return { method: program ? "tree" : "canonical", point, fill, targets: targetFns, ...(bare ? { bare } : {}) };
}
