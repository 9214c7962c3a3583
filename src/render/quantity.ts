/**
 * A value with a unit, the way a person says it: the unit chosen by magnitude (24.0 days, not
 * 2,073,600 s; 140 TFLOP/s; 16.1 GB), FLOPs in scientific notation, ratios as percentages. Every
 * format prints the same choice; `into` asks for a unit of the same dimension instead.
 */
import { Rational } from "../core/rational.js";
import { BASE_DIMENSIONS, BINARY_PREFIXES, DECIMAL_PREFIXES, dimensionText, parseUnit, UnitError, type Dimension } from "../core/units.js";
import type { Value } from "../evaluate/value.js";
import { boundName } from "../sheet/bindings.js";
import type { Formula } from "../sheet/model.js";
import { formatExact, formatRounded, groupDigits, TEXT_STYLE, type ScientificStyle } from "./numbers.js";
import { roundedValue, roundSignificant } from "../core/significant.js";
import { resultText, showsRounded } from "./result-text.js";
import { LATEX_SCIENTIFIC, latexExact, latexResult } from "./latex-math.js";

export interface HumanValue {
  /** The value in `unit`. */
  readonly value: Rational;
  /** The unit it is shown in, as written (`days`, `TFLOP/s per device`, `%`). */
  readonly unit: string;
  /** The same amount in other units, where people use both (`15.0 GiB` beside `16.1 GB`). */
  readonly also?: readonly { readonly value: Rational; readonly unit: string }[];
}

const at = (name: string) => BASE_DIMENSIONS.indexOf(name as (typeof BASE_DIMENSIONS)[number]);
const [FLOP, BYTE, SECOND, DEVICE, TOKEN] = ["FLOP", "byte", "second", "device", "token"].map(at) as [number, number, number, number, number];
const only = (d: Dimension, want: Record<number, number>) => d.every((x, i) => x === (want[i] ?? 0));
// The units table's prefixes and time units, read, not re-listed: display and parsing agree.
const DECIMAL = ["", ...DECIMAL_PREFIXES.map(([p]) => p)];
const BINARY = ["", ...BINARY_PREFIXES.map(([p]) => p)];
const secondsIn = (unit: string) => parseUnit(unit).factor;
const TIMES: readonly (readonly [string, Rational])[] = [["us", secondsIn("us")], ["ms", secondsIn("ms")], ["s", secondsIn("s")], ["minutes", secondsIn("minutes")], ["hours", secondsIn("hours")], ["days", secondsIn("days")]];

/** The prefix that puts a value between 1 and 1000 (or 1024), and the value under it. */
function prefixed(v: Rational, prefixes: readonly string[], base: bigint): { value: Rational; prefix: string } {
  let k = 0;
  let x = v.abs();
  const size = Rational.of(base);
  while (k < prefixes.length - 1 && x.cmp(size) >= 0) (x = x.div(size)), k++;
  return { value: v.sign < 0 ? x.neg() : x, prefix: prefixes[k]! };
}

/** What a per-device or per-token quantity says after its amount. */
function perText(d: Dimension): string {
  const parts = [d[TOKEN] === -1 ? "per token" : "", d[DEVICE] === -1 ? "per device" : ""].filter(Boolean);
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}

/**
 * The unit to show `q` (a value in `unit`) in, or undefined for a quantity without a unit (a
 * count: layers, a width) or with one this table does not know (shown as written).
 *
 * @throws UnitError when `into` is not a unit of the same dimension.
 */
export function humanValue(q: Rational, unit: string | undefined, into?: string): HumanValue | undefined {
  if (unit === undefined) return undefined;
  let parsed: ReturnType<typeof parseUnit>;
  try {
    parsed = parseUnit(unit);
  } catch (e) {
    if (e instanceof UnitError) return undefined;
    throw e;
  }
  const base = q.mul(parsed.factor);
  if (into !== undefined) {
    const target = parseUnit(into);
    if (!target.dim.every((x, i) => x === parsed.dim[i])) {
      throw new UnitError(`${into} measures ${dimensionText(target.dim)}, but this value is ${dimensionText(parsed.dim)} (${unit})`);
    }
    return { value: base.div(target.factor), unit: into };
  }
  const d = parsed.dim;
  const trimmed = unit.trim();
  if (d.every((x) => x === 0)) {
    return trimmed === "ratio" || trimmed === "%" || trimmed === "percent" ? { value: base.mul(Rational.of(100)), unit: "%" } : undefined;
  }
  if (only(d, { [SECOND]: 1 })) {
    // The largest time unit of which the value is at least two (90 s, 3.0 minutes, 2.0 hours, 24.0
    // days), or one for a second and below (1.90 s, 5.11 ms, 142 ms, 850 us).
    const seconds = base.abs();
    const atLeast = (f: Rational) => seconds.cmp(f.mul(Rational.of(f.cmp(Rational.ONE) <= 0 ? 1 : 2))) >= 0;
    const [name, size] = [...TIMES].reverse().find(([, f]) => atLeast(f)) ?? TIMES[0]!;
    return { value: base.div(size), unit: name };
  }
  // FLOP/s, per device where it is a device's rate: a decimal prefix.
  if (only(d, { [FLOP]: 1, [SECOND]: -1, [DEVICE]: d[DEVICE]! }) && (d[DEVICE] === 0 || d[DEVICE] === -1)) {
    const p = prefixed(base, DECIMAL, 1000n);
    return { value: p.value, unit: `${p.prefix}FLOP/s${perText(d)}` };
  }
  // Bytes, per token or per device: decimal, and binary beside it.
  if (only(d, { [BYTE]: 1, [TOKEN]: d[TOKEN]!, [DEVICE]: d[DEVICE]! }) && [0, -1].includes(d[TOKEN]!) && [0, -1].includes(d[DEVICE]!)) {
    const dec = prefixed(base, DECIMAL, 1000n);
    const bin = prefixed(base, BINARY, 1024n);
    const per = perText(d);
    return { value: dec.value, unit: dec.prefix === "" ? `bytes${per}` : `${dec.prefix}B${per}`, ...(bin.prefix === "" ? {} : { also: [{ value: bin.value, unit: `${bin.prefix}B${per}` }] }) };
  }
  // PF-days stay PF-days (the unit compute budgets are quoted in); other FLOP counts stay FLOP.
  return { value: q, unit: trimmed };
}

/**
 * A value in a chosen unit: rounded, and between 10³ and 10⁶ in plain grouped digits as people
 * write them (3,740 PF-days, 1,530 GPU-hours), scientific beyond.
 */
function magnitude(value: Rational, digits: number, style: ScientificStyle, separator: string): string {
  const r = roundSignificant(value, digits);
  if (r.exponent < 3 || r.exponent > 5) return formatRounded(value, digits, style);
  const q = roundedValue(r);
  return q.isInteger() ? groupDigits(q.n.toString(), separator).replace("−", style.minus) : formatRounded(value, digits, style);
}

/** "33.8 days", "140 TFLOP/s per device", "16.1 GB (15.0 GiB)", "52.2%", "1.75 × 10¹¹ parameters". */
export function humanText(h: HumanValue, digits: number, style: ScientificStyle = TEXT_STYLE): string {
  const one = (value: Rational, unit: string) => `${magnitude(value, digits, style, ",")}${unit === "%" ? "%" : ` ${unit}`}`;
  const main = one(h.value, h.unit);
  return h.also && h.also.length > 0 ? `${main} (${h.also.map((a) => one(a.value, a.unit)).join(", ")})` : main;
}

/** The value in base units (seconds, bytes, FLOP) and their name, for JSON. */
export function baseValue(q: Rational, unit: string | undefined): { value: Rational; unit: string } | undefined {
  if (unit === undefined) return undefined;
  try {
    const p = parseUnit(unit);
    return { value: q.mul(p.factor), unit: p.dim.every((x) => x === 0) ? "1" : dimensionText(p.dim) };
  } catch (e) {
    if (e instanceof UnitError) return undefined;
    throw e;
  }
}

/**
 * A result with its unit, as the trail and the result line show it: the exact value where it is
 * a whole number or a short decimal, then the value in the unit a person would say; a fraction is
 * never the value shown (`≈ 33.8 days`, not `4,736,443/140,000`).
 */
export function quantityText(v: Value, unit: string | undefined, digits: number, into?: string): string {
  const h = humanValue(v.q, unit, into);
  if (!h) return resultText(v, digits);
  const human = humanText(h, digits);
  const exact = v.exact ? formatExact(v.q) : undefined;
  const plain = exact !== undefined && !exact.includes("/") ? exact : undefined;
  if (h.unit === "%") return plain !== undefined && !showsRounded(h.value, digits) ? `${formatExact(h.value)}%` : `≈ ${human}`;
  if (plain === undefined) return `≈ ${human}`;
  if (h.unit !== unit!.trim() || h.also) return `${plain} ${unit!.trim()} ≈ ${human}`;
  return showsRounded(v.q, digits) ? `${plain} ≈ ${human}` : `${plain} ${h.unit}`;
}

/** The unit asked for a formula's result, by its name or the quantity it binds. */
export function displayUnit(formula: Formula, units: ReadonlyMap<string, string> | undefined): string | undefined {
  if (!units) return undefined;
  return units.get(formula.name) ?? (boundName(formula) !== undefined ? units.get(boundName(formula)!) : undefined);
}


/**
 * A unit as LaTeX: upright (`\\mathrm{}`, since siunitx is not in texlive-latex-recommended), with
 * `%` and spaces escaped. Units reach here only after parseUnit accepted them (letters, digits,
 * `% - / · * ^ ( )` and spaces), so no other TeX character can occur.
 */
export function latexUnit(unit: string): string {
  if (unit === "%") return "\\%";
  const body = unit.replace(/[^A-Za-z0-9%\-/·*^() ]/g, "").replace(/%/g, "\\%").replace(/·|\*/g, "{\\cdot}").replace(/ /g, "\\ ").replace(/-/g, "\\text{-}");
  return `\\mathrm{${body}}`;
}

/** quantityText in LaTeX: `174604234752 \\approx 1.75 \\times 10^{11}\\,\\mathrm{parameters}`. */
export function latexQuantity(v: Value, unit: string | undefined, digits: number, into?: string): string {
  const h = humanValue(v.q, unit, into);
  if (!h) return latexResult(v, digits);
  const one = (value: Rational, u: string) => `${magnitude(value, digits, LATEX_SCIENTIFIC, "\\,")}${u === "%" ? "\\%" : `\\,${latexUnit(u)}`}`;
  const human = [h, ...(h.also ?? [])].map((a) => one(a.value, a.unit)).join(" \\approx ");
  const plain = v.exact && (v.q.isInteger() || !formatExact(v.q).includes("/")) ? latexExact(v.q) : undefined;
  if (h.unit === "%") return plain !== undefined && !showsRounded(h.value, digits) ? `${latexExact(h.value)}\\%` : `\\approx ${human}`;
  if (plain === undefined) return `\\approx ${human}`;
  if (h.unit !== unit!.trim() || h.also) return `${plain}\\,${latexUnit(unit!.trim())} \\approx ${human}`;
  return showsRounded(v.q, digits) ? `${plain} \\approx ${human}` : `${plain}\\,${latexUnit(h.unit)}`;
}
