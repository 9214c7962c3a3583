/**
 * `NAME=FROM..TO[:×2 | :+K | :N]` and `NAME=a,b,c`: the values a sweep takes, exact where
 * they can be (a doubling from 1024 is integers, a linear range rational), floats where a
 * log-spaced range asks for them.
 */
import { FlopsheetError, SourceText } from "../core/errors.js";
import { Rational } from "../core/rational.js";
import { parseFormula } from "../syntax/parse.js";
import { symbolsOf } from "../syntax/tree.js";
import { evaluateTree } from "../evaluate/evaluate-tree.js";
import { located } from "../syntax/located.js";
import { NAME_PATTERN } from "../syntax/names.js";

export interface SweepValue {
  readonly number: number;
  /** Exact, where the range gives it exactly; a log-spaced point is the float's own decimal. */
  readonly q: Rational;
}

export interface Vary {
  readonly name: string;
  /** How many values the range has; each is made when asked for, so a range of millions costs nothing until a row is printed. */
  readonly count: number;
  /** The i-th value, 0 ≤ i < count. */
  readonly at: (i: number) => SweepValue;
  /** The least and the greatest value, as floats: a range inside an input's declared one needs no check at each point. */
  readonly low: number;
  readonly high: number;
  /** As typed, for messages. */
  readonly text: string;
  /** How the shell that took it writes a range (`--vary` on the command line), quoted in messages. */
  readonly flag?: string;
}

/** How a range is named in messages: `--vary seq_len` from the command line, `seq_len` elsewhere. */
export function varyLabel(v: Pick<Vary, "name" | "flag">): string {
  return `${v.flag !== undefined ? `${v.flag} ` : ""}${v.name}`;
}

/** Beyond this many points a sweep is refused: a typo (`:1e9`), not a question. */
export const MAX_POINTS = 50_000_000;
const DEFAULT_POINTS = 10;

/** The smallest positive double with full precision. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * @example valuesOf(parseVary("d_model=1024..8192:×2")).map((v) => v.number) // [1024, 2048, 4096, 8192]
 * @throws FlopsheetError located in the range's text (after `flag`, where a shell gives one).
 */
export function parseVary(text: string, flag?: string): Vary {
  const prefix = flag !== undefined ? `${flag} ` : "";
  const source = new SourceText("command line", prefix + text);
  const fail = (message: string, start = 0, end = text.length): never => {
    throw new FlopsheetError([source.issue("INVALID_VALUE", message, { start: prefix.length + start, end: prefix.length + end })]);
  };
  const eq = text.indexOf("=");
  if (eq <= 0) fail(`expected NAME=FROM..TO[:×2 | :+K | :N] or NAME=a,b,c, got ‘${text}’`);
  const name = text.slice(0, eq).trim();
  // The names the formula language takes (α as well as d_model), as a setting does.
  if (!NAME_PATTERN.test(name)) fail(`‘${name}’ is not a name`, 0, eq);
  const body = text.slice(eq + 1);
  const at = eq + 1;
  const constant = (t: string, offset: number): Rational => {
    const trimmed = t.trim();
    if (trimmed === "") fail("a value is missing", offset, offset + t.length);
    const lead = t.length - t.trimStart().length;
    const expr = parseFormula(trimmed, { source, map: (i) => prefix.length + offset + lead + i });
    if (symbolsOf(expr).size > 0) fail(`‘${trimmed}’ must be a number, not a formula`, offset, offset + t.length);
    const q = located(`the value ‘${trimmed}’`, () => evaluateTree(expr, () => { throw new Error("internal error"); }).q, { start: prefix.length + offset, end: prefix.length + offset + t.length });
    // A sweep computes in doubles: a value they cannot hold would print as 0 or Infinity.
    const x = Math.abs(q.toNumber());
    if (q.sign !== 0 && !(x >= MIN_NORMAL && x < Infinity)) {
      fail(`‘${trimmed}’ is beyond what a sweep's floating point holds (magnitudes from about 2.2 × 10^-308 to 1.8 × 10^308); derive computes it exactly`, offset, offset + t.length);
    }
    return q;
  };
  const exact = (q: Rational): SweepValue => ({ number: q.toNumber(), q });

  if (!body.includes("..")) {
    let offset = at;
    const values = body.split(",").map((part) => {
      const v = exact(constant(part, offset));
      offset += part.length + 1;
      return v;
    });
    return { name, ...listed(values), text, ...(flag !== undefined ? { flag } : {}) };
  }
  const dots = body.indexOf("..");
  const colon = body.indexOf(":", dots);
  const fromText = body.slice(0, dots);
  const toText = colon < 0 ? body.slice(dots + 2) : body.slice(dots + 2, colon);
  const from = constant(fromText, at);
  const to = constant(toText, at + dots + 2);
  if (to.cmp(from) < 0) fail(`the range runs down: ${from} > ${to}; write FROM..TO with FROM ≤ TO`, at, colon < 0 ? text.length : at + colon);
  const spec = colon < 0 ? String(DEFAULT_POINTS) : body.slice(colon + 1).trim();
  const specAt = at + (colon < 0 ? body.length : colon + 1);
  const guard = (n: number) => {
    if (n > MAX_POINTS) fail(`${n.toLocaleString("en-US")} values in one range; at most ${MAX_POINTS.toLocaleString("en-US")}`, specAt, text.length);
  };
  const step = /^[×x*](.+)$/.exec(spec);
  const add = /^\+(.+)$/.exec(spec);
  const tail = { name, text, ...(flag !== undefined ? { flag } : {}) };
  if (step) {
    const k = constant(step[1]!, specAt + 1);
    if (k.cmp(Rational.ONE) <= 0) fail(`a factor must be more than 1, got ${k}`, specAt, text.length);
    if (from.sign <= 0) fail(`a geometric range must start above 0, got ${from}`, at, at + dots);
    // Counted in floating point first, so a factor of 1.000001 is refused before millions of exact powers.
    guard(Math.floor(Math.log(to.toNumber() / from.toNumber()) / Math.log(k.toNumber())) + 1);
    const values: SweepValue[] = [];
    for (let v = from; v.cmp(to) <= 0; v = v.mul(k)) {
      values.push(exact(v));
      guard(values.length);
    }
    return { ...listed(values), ...tail };
  } else if (add) {
    const k = constant(add[1]!, specAt + 1);
    if (k.sign <= 0) fail(`a step must be more than 0, got ${k}`, specAt, text.length);
    const span = to.sub(from).div(k);
    const whole = span.n / span.d;
    guard(Number(whole + 1n));
    // Whole steps from a whole start, within a double's exact integers: the value is its float, and
    // the exact value is made only when asked for (a 100,000-point sweep to CSV never asks).
    const last = from.add(k.mul(Rational.of(whole)));
    const bounds = { low: from.toNumber(), high: last.toNumber() };
    if (from.isInteger() && k.isInteger() && last.abs().cmp(Rational.of(Number.MAX_SAFE_INTEGER)) <= 0) {
      const [a, d] = [from.toNumber(), k.toNumber()];
      return { count: Number(whole) + 1, at: (i: number) => wholeValue(a + d * i), ...bounds, ...tail };
    }
    return { count: Number(whole) + 1, at: (i: number) => exact(from.add(k.mul(Rational.of(i)))), ...bounds, ...tail };
  } else if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    if (n < 1) fail("a range needs at least 1 point", specAt, text.length);
    guard(n);
    const a = from.toNumber(), b = to.toNumber();
    // Log-spaced where the range spans a decade or more, as a planner's axes are.
    const log = a > 0 && b / a >= 10;
    const value = (i: number): SweepValue => {
      if (n === 1 || i === 0) return exact(from);
      if (i === n - 1) return exact(to);
      if (log) {
        const x = a * Math.pow(b / a, i / (n - 1));
        return { number: x, q: Rational.parseDecimal(String(x)) ?? Rational.of(Math.round(x)) };
      }
      return exact(from.add(to.sub(from).mul(Rational.of(i, n - 1))));
    };
    return { count: n, at: value, low: a, high: n === 1 ? a : b, ...tail };
  }
  return fail(`after ‘:’, expected ×K (times K), +K (plus K) or a number of points, got ‘${spec}’`, specAt, text.length);
}

/** A whole number no larger than 2^53: the float is exact, and so is the rational made from it on demand. */
class WholeValue implements SweepValue {
  #q: Rational | undefined;
  constructor(readonly number: number) {}
  get q(): Rational {
    return (this.#q ??= Rational.of(BigInt(this.number)));
  }
}
const wholeValue = (number: number): SweepValue => new WholeValue(number);

function listed(values: readonly SweepValue[]): Pick<Vary, "count" | "at" | "low" | "high"> {
  const numbers = values.map((v) => v.number);
  return { count: values.length, at: (i) => values[i]!, low: Math.min(...numbers), high: Math.max(...numbers) };
}

/** Every value of a range, made at once: for a range known to be small (a breakdown's points, tests). */
export function valuesOf(v: Pick<Vary, "count" | "at">): SweepValue[] {
  return Array.from({ length: v.count }, (_, i) => v.at(i));
}

/** How many points the cartesian product of the ranges has. */
export function pointCount(vary: readonly Vary[]): number {
  return vary.reduce((n, v) => n * v.count, 1);
}

/**
 * A number typed on the command line (`1e24`, `10^24`, `15 × 10^12`), exactly.
 * @throws FlopsheetError located in `label`'s text.
 */
export function parseConstant(text: string, label: string): Rational {
  const prefix = `${label}=`;
  const source = new SourceText("command line", prefix + text);
  const expr = parseFormula(text, { source, map: (i) => prefix.length + i });
  if (symbolsOf(expr).size > 0) throw new FlopsheetError([source.issue("INVALID_VALUE", `the value of ${label} must be a number, not a formula`, { start: prefix.length, end: prefix.length + text.length })]);
  return located(`the value of ${label}`, () => evaluateTree(expr, () => { throw new Error("internal error"); }).q, { start: prefix.length, end: prefix.length + text.length });
}
