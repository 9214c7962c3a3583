/**
 * Dimension checking: every formula's dimension inferred through its tree from its inputs' units,
 * and compared with the unit it declares or the quantity it binds. A sum adds like to like, a
 * function of a dimensioned quantity (log, exp) is an error, a power of one needs a constant
 * exponent that leaves whole powers of the base dimensions.
 *
 * Papers write neither the units of their coefficients nor those of their counts: the 6 of 6ND is
 * 6 FLOP per parameter per token, the 34 of Korthikanti's 34sbh is bytes per element, and
 * l·h² counts parameters although l and h are plain numbers. So a number in an expression, or a
 * quantity with no unit (layers, widths, heads), is a count that may stand for any count: FLOP,
 * byte, parameter, token or sequence; devices only a quantity with no unit may count (a tensor-
 * parallel size), never a number written in a formula. Between quantities that have units, every part of
 * the dimension is checked (parameters are not bytes: `memory = params` in bytes is an error).
 * Time is never a count: no coefficient hides seconds, so `C / (n·X)` is checked to be a time,
 * and `C / X` in a formula of FLOP per second is not.
 */
import type { Issue, SourceText, Span } from "../core/errors.js";
import { ArithmeticError, Rational } from "../core/rational.js";
import { BASE_DIMENSIONS, dimensionText, parseUnit, UnitError, type Dimension } from "../core/units.js";
import type { Sheet, Written } from "../sheet/model.js";
import type { Vocabulary } from "../sheet/vocabulary.js";
import { functionSpec, type FunctionName } from "../syntax/functions.js";
import { numberValue } from "../syntax/number.js";
import { assertNever, leftChain, type Expr } from "../syntax/tree.js";

/** A dimension, and whether a count in the expression may carry more counts on top of it. */
interface Dim {
  readonly dim: Dimension;
  readonly free: boolean;
  /**
   * A quantity with no unit (layers, a tensor-parallel size) may count devices too; a number
   * written in a formula may not: the 86,400 of `C / X / 86400` is seconds a day, never a device count.
   */
  readonly devices?: boolean;
  /** The value, where the expression is a constant (an exponent must be one). */
  readonly constant?: Rational;
}

const NONE: Dimension = BASE_DIMENSIONS.map(() => 0);
// The parts of a dimension a count cannot carry (no coefficient hides seconds, joules or dollars);
// devices only a quantity with no unit can.
const STRICT = (["second", "joule", "dollar"] as const).map((d) => BASE_DIMENSIONS.indexOf(d));
const DEVICE = BASE_DIMENSIONS.indexOf("device");
const carries = (d: Dim, i: number) => d.free && !STRICT.includes(i) && (i !== DEVICE || d.devices === true);

const pure = (d: Dim) => d.dim.every((x, i) => x === 0 || carries(d, i));
/** Whether two dimensions can be the same, given the counts their numbers may carry. */
const agree = (a: Dim, b: Dim) => a.dim.every((x, i) => x === b.dim[i] || carries(a, i) || carries(b, i));
/** Freedom through a product or a function: either side's. */
const joined = (a: Dim, b: Dim) => ({ free: a.free || b.free, ...(a.devices || b.devices ? { devices: true } : {}) });
const freedom = (a: Dim) => ({ free: a.free, ...(a.devices ? { devices: true } : {}) });
const show = (d: Dim) => dimensionText(d.dim);

class DimensionError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/** The dimension of a unit text, or an issue at where it is written. */
function unitDim(unit: string, span: Span, file: SourceText, issues: Issue[]): Dimension | undefined {
  try {
    return parseUnit(unit).dim;
  } catch (e) {
    if (!(e instanceof UnitError)) throw e;
    // The caret excerpt shows the text; a message of a 16,000-character unit would bury the reason.
    const shown = unit.length > 40 ? `${unit.slice(0, 40)}…` : unit;
    issues.push(file.issue("INVALID_VALUE", `‘${shown}’ is not a unit flopsheet knows: ${e.message}`, span));
    return undefined;
  }
}

/** A constant's value, or none where it is too large to hold (that is for evaluation to report). */
function tryConstant(f: () => Rational): { constant?: Rational } {
  try {
    return { constant: f() };
  } catch (e) {
    if (e instanceof ArithmeticError) return {};
    throw e;
  }
}

/** The dimension of an expression whose names have the dimensions `of` gives. */
function infer(expr: Expr, of: (name: string) => Dim | undefined): Dim {
  const walk = (e: Expr): Dim => {
    switch (e.kind) {
      case "number":
        return { dim: NONE, free: true, ...tryConstant(() => numberValue(e)) };
      case "symbol":
        return of(e.name) ?? { dim: NONE, free: true, devices: true };
      case "group":
        return walk(e.inner);
      case "negate": {
        const a = walk(e.arg);
        return { dim: a.dim, ...freedom(a), ...(a.constant ? { constant: a.constant.neg() } : {}) };
      }
      case "call":
        return call(e.fn, e.args.map(walk), e.args, e.span);
      case "binary": {
        if (e.op === "^") return power(walk(e.left), walk(e.right), e.span);
        const { ops, operands } = leftChain(e);
        let acc = walk(operands[0]!);
        for (let i = 1; i < operands.length; i++) {
          const b = walk(operands[i]!);
          const op = ops[i]!;
          if (op === "+" || op === "-") {
            if (!agree(acc, b)) throw new DimensionError(op === "+" ? `adds ${show(b)} to ${show(acc)}` : `subtracts ${show(b)} from ${show(acc)}`, operands[i]!.span);
            const kept = acc.free ? b : acc;
            acc = { dim: kept.dim, ...joined(acc, b), free: kept.free };
          } else {
            const k = op === "*" ? 1 : -1;
            const [x, y] = [acc.constant, b.constant];
            const constant = x && y && !(op === "/" && y.isZero()) ? tryConstant(() => (op === "*" ? x.mul(y) : x.div(y))) : {};
            acc = { dim: acc.dim.map((d, j) => d + k * b.dim[j]!), ...joined(acc, b), ...constant };
          }
        }
        return acc;
      }
      default:
        return assertNever(e);
    }
  };
  const power = (base: Dim, exponent: Dim, span: Span): Dim => {
    if (!pure(exponent)) throw new DimensionError(`raises to a power of ${show(exponent)}; an exponent is a pure number`, span);
    if (base.dim.every((x) => x === 0)) return { dim: NONE, ...joined(base, exponent) };
    if (!exponent.constant) throw new DimensionError(`raises ${show(base)} to a power that is not a constant, which leaves no unit`, span);
    return scaled(base, exponent.constant, span);
  };
  const scaled = (base: Dim, k: Rational, span: Span): Dim => {
    const dim = base.dim.map((x) => Rational.of(x).mul(k));
    if (!dim.every((x) => x.isInteger())) throw new DimensionError(`raises ${show(base)} to the power ${k}, which leaves no unit`, span);
    return { dim: dim.map((x) => x.toNumber()), ...freedom(base) };
  };
  // By the function table's dimension rule; no function is named here.
  const call = (fn: FunctionName, args: Dim[], nodes: readonly Expr[], span: Span): Dim => {
    const rule = functionSpec(fn).dimension;
    switch (rule) {
      case "root":
        return args[0]!.dim.every((x) => x === 0) ? { dim: NONE, ...freedom(args[0]!) } : scaled(args[0]!, Rational.of(1, 2), span);
      case "pure":
        args.forEach((a, i) => {
          if (!pure(a)) throw new DimensionError(`takes ${fn} of ${show(a)}; ${fn} takes a pure number`, nodes[i]!.span);
        });
        return { dim: NONE, free: false };
      case "alike": {
        let acc = args[0]!;
        args.slice(1).forEach((a, i) => {
          if (!agree(acc, a)) throw new DimensionError(`takes the ${fn} of ${show(acc)} and ${show(a)}`, nodes[i + 1]!.span);
          if (acc.free) acc = a;
        });
        return { dim: acc.dim, ...freedom(acc) };
      }
      case "same":
        return { dim: args[0]!.dim, ...freedom(args[0]!) };
      default:
        return assertNever(rule);
    }
  };
  return walk(expr);
}

/**
 * Every dimension problem of a sheet: units that are not units, formulas whose dimension is not
 * their unit's, sums of unlike quantities, identities between unlike sides. With a vocabulary,
 * an input or formula bound to a quantity has that quantity's unit.
 */
export function dimensionIssues(sheet: Sheet, vocabulary?: Vocabulary): Issue[] {
  const issues: Issue[] = [];
  const vocab = new Map<string, Dim>();
  for (const [name, term] of vocabulary?.terms ?? []) {
    if (term.unit === undefined) continue;
    const d = unitDim(term.unit, term.span, vocabulary!.file, issues);
    if (d) vocab.set(name, { dim: d, free: false });
  }
  const attempt = (w: Written, f: () => void) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof DimensionError)) throw e;
      issues.push(w.file.issue("DIMENSION", `${w.text.trim()}: ${e.message}`, e.span));
    }
  };
  const known = new Map<string, Dim>();
  const lookup = (name: string) => known.get(name);
  const vocabLookup = (name: string): Dim => vocab.get(name) ?? { dim: NONE, free: true, devices: true };

  for (const input of sheet.inputs) {
    const declared = input.unit !== undefined ? unitDim(input.unit, input.unitSpan ?? input.span, input.file, issues) : undefined;
    let bound: Dim | undefined;
    for (const w of vocabulary ? [input.bind, input.otherwise] : []) {
      if (!w) continue;
      attempt(w, () => {
        const d = infer(w.expr, vocabLookup);
        // What an input falls back to is the same kind of quantity as what it binds: params, never tokens.
        if (bound && w === input.otherwise && !agree(d, bound)) {
          throw new DimensionError(`input ‘${input.name}’ binds ${input.bind!.text.trim()} (${show(bound)}) but falls back to ${w.text.trim()} (${show(d)})`, w.expr.span);
        }
        bound ??= d;
        if (declared && !agree(d, { dim: declared, free: false })) {
          throw new DimensionError(`binds ${show(d)} to input ‘${input.name}’, which is in ${input.unit} (${dimensionText(declared)})`, w.expr.span);
        }
      });
    }
    // A quantity with no unit (layers, heads, a width) is a count.
    known.set(input.name, declared ? { dim: declared, free: false } : bound ?? { dim: NONE, free: true, devices: true });
  }

  const byName = new Map(sheet.formulas.map((f) => [f.name, f]));
  for (const name of sheet.evaluationOrder) {
    const formula = byName.get(name);
    if (!formula) continue;
    const declared = formula.unit !== undefined ? unitDim(formula.unit, formula.unitSpan ?? formula.span, formula.file, issues) : undefined;
    const boundTo = formula.bind?.expr.kind === "symbol" ? formula.bind.expr.name : undefined;
    const boundDim = boundTo ? vocab.get(boundTo) : undefined;
    if (declared && boundDim && !agree(boundDim, { dim: declared, free: false })) {
      issues.push(formula.file.issue("DIMENSION", `formula ‘${name}’ is in ${formula.unit} (${dimensionText(declared)}), but the quantity it binds, ${boundTo}, is ${show(boundDim)}`, formula.unitSpan ?? formula.span));
    }
    const want = declared ? { dim: declared, free: false } : boundDim;
    let inferred: Dim = { dim: NONE, free: true };
    attempt(formula.definition, () => {
      inferred = infer(formula.definition.expr, lookup);
      if (want && !agree(inferred, want)) {
        const what = declared ? `its unit, ${formula.unit}, is ${dimensionText(declared)}` : `it binds ${boundTo}, which is ${show(want)}`;
        throw new DimensionError(`formula ‘${name}’ comes out in ${show(inferred)}, but ${what}`, formula.definition.expr.span);
      }
    });
    known.set(name, want ?? { dim: inferred.dim, ...freedom(inferred) });
  }

  for (const check of sheet.checks) {
    attempt(check.lhs, () => {
      const l = infer(check.lhs.expr, lookup);
      const r = infer(check.rhs.expr, lookup);
      if (!agree(l, r)) throw new DimensionError(`check ‘${check.name}’ compares ${show(l)} with ${show(r)}`, check.rhs.expr.span);
    });
  }
  return issues;
}
