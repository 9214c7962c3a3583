/**
 * A derivation: the value of a target with the trail that produced it. The trail is data (each
 * step's formula as written, the values of the names it uses, its value); renderers print it.
 */
import { keyedMemo, memo } from "../core/memo.js";
import { didYouMean, FlopsheetError, type Issue } from "../core/errors.js";
import { expectCommonOptions, expectSheet, expectString } from "../core/arguments.js";
import { closure, sheetForms, symbolicForms, type SymbolicForm } from "../algebra/sheet-forms.js";
import { mentions } from "../algebra/canonical.js";
import { located } from "../syntax/located.js";
import type { Formula, Input, Scenario, Sheet } from "../sheet/model.js";
import { symbolsOf, type Expr } from "../syntax/tree.js";
import { evaluateTree } from "./evaluate-tree.js";
import { constantValue, resolution, resolveInputs, resolveSome, type Chain, type InputValue, type Setting } from "./inputs.js";
import { Rational } from "../core/rational.js";
import { writtenDigits } from "../core/significant.js";
import { agreement } from "./agreement.js";
import { boundName } from "../sheet/bindings.js";
import type { Preset } from "../sheet/preset.js";
import type { Value } from "./value.js";
import { pinFormulas } from "./pin.js";
import { compileProgram, type Program } from "./compile.js";
import { checkConventions, conventionSettings, conventionsOf } from "./conventions.js";

export interface Step {
  readonly name: string;
  readonly formula: Formula;
  /** The id of the sheet the formula comes from. */
  readonly sheet: string;
  /** The value of every name the formula uses, in order of appearance. */
  readonly bindings: ReadonlyMap<string, Value>;
  readonly value: Value;
}

/** A quantity a model publishes and the sheet derives: both shown, never one silently chosen. */
export interface AuditEntry {
  readonly formula: string;
  /** The vocabulary name the formula binds. */
  readonly quantity: string;
  readonly derived: Value;
  readonly published: Rational;
  readonly preset: string;
  readonly source?: string;
  /** (derived − published) / published. */
  readonly relativeDifference?: Rational;
  /** Whether the two agree within the tolerance: the preset value's `rel`, else its written digits. */
  readonly agrees: boolean;
  /** How they were compared: "2 significant digits" or "rel ≤ 0.02". */
  readonly tolerance: string;
}

export interface Derivation {
  readonly sheet: Sheet;
  readonly target: string;
  readonly scenario?: Scenario;
  /** The inputs the target depends on, in the sheet's order. */
  readonly inputs: readonly InputValue[];
  /** Every formula the target depends on, each after those it uses; the target's step is last. */
  readonly steps: readonly Step[];
  readonly value: Value;
  /**
   * The target in terms of the sheet's inputs, or why it was omitted (an expansion too large to
   * show); undefined when not asked for (`symbolic: false`).
   */
  readonly symbolic?: SymbolicForm;
  /** Steps whose quantity the presets also publish. */
  readonly audit: readonly AuditEntry[];
  /**
   * Inputs with no value that the target does not depend on at the values given: every term
   * they are in vanishes (a link's bandwidth on one device, where 1 − 1 devices share the work).
   * Their steps show the symbol; the value is exact without them.
   */
  readonly unneeded: readonly Input[];
  /** The ids of the model and hardware presets asked for (not those a scenario names). */
  readonly presets: readonly string[];
  /**
   * Where the value stands on each counting convention that holds for it (`attention` →
   * `full`): the target formula's, and those of the values it took from other sheets.
   */
  readonly conventions: ReadonlyMap<string, string>;
}

export interface DeriveOptions {
  readonly scenario?: string;
  readonly set?: readonly Setting[];
  /** Model and hardware presets: their values reach inputs through the sheet's bindings. */
  readonly presets?: readonly Preset[];
  /** Whether to expand the target into its canonical form (default true); the value never needs it. */
  readonly symbolic?: boolean;
  /** Where a quantity no preset, scenario or setting gives may come from (see chainFrom). */
  readonly chain?: Chain;
  /**
   * Counting conventions asked for (`attention` → `causal`): an input that sets one is set to
   * it, and a target counted in another convention is an error, never a silent answer.
   */
  readonly conventions?: ReadonlyMap<string, string>;
}

/** Audit entries for steps that compute a quantity the presets publish. */
export function auditSteps(steps: readonly Step[], presets: readonly Preset[]): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const step of steps) {
    const quantity = boundName(step.formula);
    if (quantity === undefined) continue;
    for (const p of presets) {
      const v = p.values.get(quantity);
      if (!v) continue;
      const published = constantValue(v.written, `the value of ‘${quantity}’`);
      // A preset's figure is judged as a sheet's published figures are, to the digits it is written to.
      const { agrees, tolerance, relativeDifference } = agreement(step.value.q, published, { rel: v.rel, digits: writtenDigits(v.written.text) });
      out.push({ formula: step.name, quantity, derived: step.value, published, preset: p.id, source: v.source, relativeDifference, agrees, tolerance });
    }
  }
  return out;
}

/** The scenario of that name, or a located error with a suggestion. */
export function findScenario(sheet: Sheet, name: string): Scenario {
  const s = sheet.scenarios.find((x) => x.name === name);
  if (s) return s;
  const guess = didYouMean(name, sheet.scenarios.map((x) => x.name));
  const known = sheet.scenarios.map((x) => x.name).join(", ");
  throw new FlopsheetError({
    code: "UNKNOWN_SCENARIO",
    message: `sheet ${sheet.id} has no scenario ‘${name}’${guess ? `; did you mean ‘${guess}’?` : known ? ` (it has ${known})` : " (it has none)"}`,
  });
}

/**
 * The formula a target names: the sheet's own symbol (`F_training`), or the vocabulary quantity a
 * formula binds (`training_flops`), so a user can ask every sheet the same question.
 *
 * @throws FlopsheetError with a suggestion and what the sheet binds.
 */
export function findTarget(sheet: Sheet, name: string): Formula {
  const f = sheet.formulas.find((x) => x.name === name) ?? sheet.formulas.find((x) => boundName(x) === name);
  if (f) return f;
  const isInput = sheet.inputs.some((i) => i.name === name);
  const bound = sheet.formulas.filter((x) => boundName(x) !== undefined);
  const guess = didYouMean(name, [...sheet.formulas.map((x) => x.name), ...bound.map((x) => boundName(x)!)]);
  const binds = bound.length > 0 ? ` (${sheet.id} binds ${bound.map((x) => `${boundName(x)} to ${x.name}`).join(", ")})` : "";
  throw new FlopsheetError({
    code: "UNKNOWN_TARGET",
    message: isInput
      ? `‘${name}’ is an input of sheet ${sheet.id}, not a formula; its value is whatever you set`
      : `sheet ${sheet.id} has no formula ‘${name}’${guess ? `; did you mean ‘${guess}’?` : ""}${binds}`,
  });
}

/**
 * Values of the given formulas (and what they use) for given input values, with one step each.
 * With `partial` (the canonical forms at those values, where some inputs have none), a step
 * that uses a name without a value takes its form's constant value, and is left out of the
 * trail when it has none.
 */
export function evaluateFormulas(
  sheet: Sheet,
  names: readonly string[],
  inputs: ReadonlyMap<string, { readonly value: Value }>,
  partial?: ReadonlyMap<string, Rational | undefined>,
  known?: Map<string, Step>,
): Step[] {
  const needed = closure(sheet, names);
  const values = new Map<string, Value>();
  for (const [name, iv] of inputs) values.set(name, iv.value);
  const byName = formulasByName.of(sheet, () => new Map(sheet.formulas.map((f) => [f.name, f])));
  const steps: Step[] = [];
  for (const name of sheet.evaluationOrder) {
    if (!needed.has(name)) continue;
    // A step another target of the same values already took (deriveEach).
    const done = partial === undefined ? known?.get(name) : undefined;
    if (done) {
      values.set(name, done.value);
      steps.push(done);
      continue;
    }
    const formula = byName.get(name)!;
    const expr = formula.definition.expr;
    const bindings = new Map<string, Value>();
    for (const used of symbolsOf(expr).keys()) if (values.has(used)) bindings.set(used, values.get(used)!);
    let value: Value | undefined;
    if (bindings.size === symbolsOf(expr).size) {
      value = located(`formula ‘${name}’ (step ${steps.length + 1} of the trail)`, () => evaluateTree(expr, (n) => values.get(n)!), expr.span);
    } else {
      const q = partial?.get(name);
      if (q !== undefined) value = { q, exact: true };
    }
    if (value === undefined) continue;
    values.set(name, value);
    const step = { name, formula, sheet: formula.sheet, bindings, value };
    steps.push(step);
    if (partial === undefined) known?.set(name, step);
  }
  return steps;
}
const formulasByName = memo<Sheet, ReadonlyMap<string, Formula>>({ lasting: true });

// A sheet's programs, by target: compiled once, run for each refusal.
const programs = keyedMemo<Sheet, string, Program>({ lasting: true });
const programFor = (sheet: Sheet, target: string): Program => programs.of(sheet, target, () => compileProgram(sheet, [target]));

/**
 * Whether the targets' values, in floats, move when some of the `missing` inputs go from one
 * made-up value to others, the other missing inputs held at the first; a value past a double's
 * range counts as moving. Each target's known inputs become floats once, for every question.
 */
function floatProbe(sheet: Sheet, targets: readonly string[], inputs: ReadonlyMap<string, InputValue>, missing: ReadonlySet<string>): (varied: ReadonlySet<string>) => boolean {
  // Made when first asked: a refusal for an input out of range needs no program.
  type Probe = { readonly program: Program; readonly x: Float64Array; readonly unknown: readonly (readonly [string, number])[]; readonly out: number; base?: number };
  let made: Probe[] | undefined;
  const make = (): Probe[] =>
    targets.map((target) => {
      const program = programFor(sheet, target);
      const x = new Float64Array(program.size);
      for (const [n, iv] of inputs) {
        const slot = program.slots.get(n);
        if (slot !== undefined) x[slot] = iv.value.q.toNumber();
      }
      const unknown = [...missing].flatMap((n) => (program.slots.has(n) ? [[n, program.slots.get(n)!] as const] : []));
      return { program, x, unknown, out: program.slots.get(target)! };
    });
  return (varied) =>
    (made ??= make()).some((t) => {
      // Those varied each go to a value of their own: moved together by one factor, a ratio of
      // them (an MFU's tokens per second over its devices' peak) would seem not to depend on them.
      const at = (varying: boolean) => {
        const x = t.x.slice();
        for (let i = 0; i < t.unknown.length; i++) x[t.unknown[i]![1]] = varying && varied.has(t.unknown[i]![0]) ? 37 / 10 + (61 / 100) * i : 7 / 3;
        t.program.run(x);
        return x[t.out]!;
      };
      let a: number, b: number;
      try {
        // Every missing input at the first value: the same whichever are varied.
        a = t.base ??= at(false);
        b = at(true);
      } catch (e) {
        // A chain of closures nested deeper than the stack: it cannot tell, so the input counts.
        if (e instanceof RangeError) return true;
        throw e;
      }
      return !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    });
}

/**
 * The issues of a failed resolution worth saying: of the inputs with no value, those the targets
 * depend on (a prompt's tokens, not a link's bandwidth on one device); all of them when that cannot
 * be told apart.
 */
function issuesWorthSaying(
  sheet: Sheet,
  targets: readonly string[],
  found: { values: Map<string, InputValue>; issues: readonly Issue[] },
  missing: ReadonlySet<string>,
  moves: ((varied: ReadonlySet<string>) => boolean) | undefined,
): readonly Issue[] {
  // Each input is tried alone, a run of the program each: past a few dozen, every one is said.
  if (!moves || missing.size < 2 || missing.size > 64) return found.issues;
  const moving = [...missing].filter((n) => moves(new Set([n])));
  // Floats miss an input whose term is small beside the rest (a batch's KV cache beside 350 GB of
  // weights): one they see no change from is asked of the exact form at the values given.
  const needed = new Set([...moving, ...readExactly(sheet, targets, found.values, [...missing].filter((n) => !moving.includes(n)))]);
  if (needed.size === 0) return found.issues;
  return found.issues.filter((i) => i.code !== "MISSING_INPUT" || i.remedy?.input === undefined || needed.has(i.remedy.input));
}

/** Which of `names` the targets' canonical forms, with the values given put in, still hold; all of them where a form is too large to expand. */
function readExactly(sheet: Sheet, targets: readonly string[], inputs: ReadonlyMap<string, InputValue>, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  let forms;
  try {
    forms = sheetForms(sheet, { only: targets, given: new Map([...inputs].map(([n, iv]) => [n, iv.value.q])) }).forms;
  } catch (e) {
    if (e instanceof FlopsheetError) return [...names];
    throw e;
  }
  return names.filter((n) => targets.some((t) => mentions(forms.get(t)!, n)));
}

/**
 * Inputs lacking a value that the target does not depend on at the values the others have: the
 * target's canonical form, with every exact value put in, is a constant. Undefined when some
 * missing input still counts, a value is an approximation, or the form is too large to expand.
 */
function spareUnneeded(
  sheet: Sheet,
  targets: readonly string[],
  found: { values: Map<string, InputValue>; issues: readonly Issue[] },
  moves: ((varied: ReadonlySet<string>) => boolean) | undefined,
): { inputs: Map<string, InputValue>; unneeded: Input[]; partial: Map<string, Rational | undefined> } | undefined {
  if (!moves || !found.issues.every((i) => i.code === "MISSING_INPUT" && i.remedy?.input !== undefined)) return undefined;
  const missing = new Set(found.issues.map((i) => i.remedy!.input!));
  const inputs = found.values;
  // A quick refusal before the proof: the value, in floats, at two made-up values of the missing
  // inputs. Most targets depend on what they lack (an estimate asks hundreds), and expanding
  // forms is dear; a value past a double's range is refused here too, and the input asked for.
  if (moves(missing)) return undefined;
  let forms;
  try {
    forms = sheetForms(sheet, { only: targets, given: new Map([...inputs].map(([n, iv]) => [n, iv.value.q])) });
  } catch (e) {
    if (e instanceof FlopsheetError) return undefined; // too large, or undefined at these values: the missing inputs are asked for
    throw e;
  }
  const partial = new Map([...forms.forms].map(([n, c]) => [n, forms.algebra.constantValue(c)]));
  if (targets.some((t) => partial.get(t) === undefined)) return undefined;
  return { inputs, unneeded: sheet.inputs.filter((i) => missing.has(i.name)), partial };
}

/** Values to evaluate targets with: the inputs, those spared, and the targets' steps' values without them. */
export interface Resolved {
  readonly inputs: Map<string, InputValue>;
  readonly unneeded: Input[];
  readonly partial?: Map<string, Rational | undefined>;
}

/**
 * What resolveSome found, where it is enough for the targets: as it is with no issue; with only
 * inputs missing that no target depends on at these values, those spared; else the issues worth
 * saying, thrown. derive, reports and a scenario's checks all go through here.
 *
 * @throws FlopsheetError
 */
export function sparedOrThrow(sheet: Sheet, targets: readonly string[], found: { values: Map<string, InputValue>; issues: readonly Issue[] }): Resolved {
  if (found.issues.length === 0) return { inputs: found.values, unneeded: [] };
  const missing = new Set(found.issues.flatMap((i) => (i.code === "MISSING_INPUT" && i.remedy?.input !== undefined ? [i.remedy.input] : [])));
  // Floats tell which missing inputs count only where every value given is exact.
  const exact = [...found.values.values()].every((iv) => iv.value.exact);
  const moves = exact && missing.size > 0 ? floatProbe(sheet, targets, found.values, missing) : undefined;
  const spared = spareUnneeded(sheet, targets, found, moves);
  if (!spared) throw new FlopsheetError(issuesWorthSaying(sheet, targets, found, missing, moves));
  return spared;
}

/** The inputs that presets give values to through the sheet's bindings, with those values. */
export function presetInputs(sheet: Sheet, presets: readonly Preset[]): Map<string, Rational> {
  const out = new Map<string, Rational>();
  if (presets.length === 0) return out;
  for (const input of sheet.inputs) {
    if (!input.bind) continue;
    try {
      const v = resolveInputs(sheet, [input.name], undefined, [], presets).get(input.name);
      if (v?.origin === "preset") out.set(input.name, v.value.q);
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e; // not given by the presets: it stays a symbol
    }
  }
  return out;
}

/**
 * The audit of a sheet against presets: every formula bound to a quantity the presets publish,
 * derived with the presets' values, beside the published value. Formulas needing inputs the
 * presets do not give are left out.
 */
export function auditSheet(sheet: Sheet, presets: readonly Preset[]): AuditEntry[] {
  const published = new Set(presets.flatMap((p) => [...p.values.keys()]));
  const out: AuditEntry[] = [];
  for (const formula of sheet.formulas) {
    const quantity = boundName(formula);
    if (quantity === undefined || !published.has(quantity)) continue;
    try {
      out.push(...derive(sheet, formula.name, { presets, symbolic: false }).audit.filter((a) => a.formula === formula.name));
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
    }
  }
  return out;
}

/** The formulas that expressions name directly (closure() adds what those use). */
export function formulasUsed(sheet: Sheet, exprs: readonly Expr[]): string[] {
  const formulaNames = new Set(sheet.formulas.map((f) => f.name));
  return exprs.flatMap((e) => [...symbolsOf(e).keys()]).filter((n) => formulaNames.has(n));
}

/** The inputs an expression depends on, through the formulas it uses. */
export function inputsUsed(sheet: Sheet, exprs: readonly Expr[]): string[] {
  // A formula's inputs are asked for again with every derivation of it (an estimate derives each
  // quantity many times over): sheets and expressions are immutable, so once each.
  const find = (): readonly string[] => {
    const names = new Set(exprs.flatMap((e) => [...symbolsOf(e).keys()]));
    for (const f of closure(sheet, formulasUsed(sheet, exprs))) for (const u of sheet.uses.get(f) ?? []) names.add(u);
    return sheet.inputs.map((i) => i.name).filter((n) => names.has(n));
  };
  return [...(exprs.length === 1 ? usedBySheet.of(sheet, exprs[0]!, find) : find())];
}
const usedBySheet = keyedMemo<Sheet, Expr, readonly string[]>({ lasting: true });

/**
 * Derives a formula's value with its trail.
 *
 * @example derive(sheet, "Total_FLOPs", { scenario: "section-4.2" }).value.q // 135291469824000000000000
 * @throws FlopsheetError for an unknown target or scenario, missing or invalid inputs, or failed arithmetic.
 */
export function derive(sheet: Sheet, target: string, options: DeriveOptions = {}): Derivation {
  expectSheet(sheet, "derive's sheet");
  expectString(target, "derive's target");
  expectCommonOptions(options, "derive's options");
  const name = findTarget(sheet, target).name;
  const asked = options.set ?? [];
  // A setting of a quantity the sheet derives replaces its formula (pinFormulas).
  sheet = pinFormulas(sheet, asked, [name]);
  const formula = findTarget(sheet, name);
  const scenario = options.scenario === undefined ? undefined : findScenario(sheet, options.scenario);
  const needed = inputsUsed(sheet, [formula.definition.expr]);
  const presets = options.presets ?? [];
  const set = [...asked, ...conventionSettings(sheet, formula, options.conventions, asked)];
  const found = resolveSome(sheet, needed, scenario, set, presets, options.chain);
  return derivedFrom(sheet, formula, scenario, found, options);
}

/** A derivation from the inputs found for its target (derive and deriveEach). */
function derivedFrom(sheet: Sheet, formula: Formula, scenario: Scenario | undefined, found: ReturnType<typeof resolveSome>, options: DeriveOptions, known?: Map<string, Step>): Derivation {
  const name = formula.name;
  const presets = options.presets ?? [];
  const { inputs, unneeded, partial } = sparedOrThrow(sheet, [name], found);
  const steps = evaluateFormulas(sheet, [name], inputs, partial, known);
  const conventions = conventionsOf(formula, [...inputs.values()]);
  if (options.conventions) checkConventions(sheet, formula, conventions, options.conventions);
  const symbolic = options.symbolic === false ? undefined : symbolicForms(sheet, [name]).get(name)!;
  return {
    conventions,
    sheet,
    target: name,
    scenario,
    inputs: [...inputs.values()],
    steps,
    value: steps[steps.length - 1]!.value,
    symbolic,
    audit: auditSteps(steps, [...(scenario?.presets ?? []), ...presets]),
    presets: presets.map((p) => p.id),
    unneeded,
  };
}

/**
 * derive for several targets of a sheet with the same options, as an estimate asks: for each, its
 * derivation or the error derive throws for it. Targets whose inputs are found the same way (no
 * setting pins a formula, no convention asked sets an input) find them once and share the steps
 * they have in common.
 *
 * @example deriveEach(decoder, ["params", "kv_cache_bytes_per_token"], { presets: [llama3] })[1].value.q // 131072
 * @throws FlopsheetError for an unknown scenario (every target's).
 */
export function deriveEach(sheet: Sheet, targets: readonly string[], options: DeriveOptions = {}): (Derivation | FlopsheetError)[] {
  expectSheet(sheet, "deriveEach's sheet");
  expectCommonOptions(options, "deriveEach's options");
  const asked = options.set ?? [];
  const scenario = options.scenario === undefined ? undefined : findScenario(sheet, options.scenario);
  const out: (Derivation | FlopsheetError)[] = [];
  const attempt = (at: number, work: () => Derivation) => {
    try {
      out[at] = work();
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
      out[at] = e;
    }
  };
  const shared: { readonly at: number; readonly formula: Formula; readonly needed: readonly string[] }[] = [];
  targets.forEach((target, at) => {
    let formula: Formula;
    try {
      expectString(target, "deriveEach's target");
      formula = findTarget(sheet, target);
      // Pinned, or given a convention's setting: its inputs are not found as the others' are.
      if (pinFormulas(sheet, asked, [formula.name]) !== sheet || conventionSettings(sheet, formula, options.conventions, asked).length > 0) {
        attempt(at, () => derive(sheet, target, options));
        return;
      }
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
      out[at] = e;
      return;
    }
    shared.push({ at, formula, needed: inputsUsed(sheet, [formula.definition.expr]) });
  });
  if (shared.length === 0) return out;
  const found = resolution(sheet, [...new Set(shared.flatMap((t) => t.needed))], scenario, asked, options.presets ?? [], options.chain);
  const known = new Map<string, Step>();
  for (const t of shared) attempt(t.at, () => derivedFrom(sheet, t.formula, scenario, found.some(t.needed), options, known));
  return out;
}
