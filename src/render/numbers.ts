/**
 * How numbers are shown: exact values in full with digit grouping, rounded values in scientific
 * notation with a fixed number of significant digits. Same value, same text, always.
 */
import { Rational } from "../core/rational.js";
import { roundedValue, roundSignificant } from "../core/significant.js";

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** `superscript(-12)` is "⁻¹²". */
export function superscript(n: number | bigint | string): string {
  return String(n).replace(/-/g, "⁻").replace(/\d/g, (d) => SUPERSCRIPTS[Number(d)]!);
}

/** `groupDigits("1409286144")` is "1,409,286,144"; a leading minus is kept. */
export function groupDigits(digits: string, separator = ","): string {
  const sign = digits.startsWith("-") ? "−" : "";
  const body = sign ? digits.slice(1) : digits;
  // Linear in the length (a lookahead regular expression is quadratic: seconds on 15,000 digits).
  const head = body.length % 3 || 3;
  const groups = [body.slice(0, head)];
  for (let i = head; i < body.length; i += 3) groups.push(body.slice(i, i + 3));
  return sign + groups.join(separator);
}

/** Digits after the point when the value is a terminating decimal of at most `max` places. */
function decimalPlaces(q: Rational, max = 20): number | undefined {
  let d = q.d;
  let twos = 0;
  let fives = 0;
  // Stop past `max`: a denominator of 2^50000 would otherwise take 50,000 divisions to refuse.
  while (d % 2n === 0n && twos <= max) (d /= 2n), twos++;
  while (d % 5n === 0n && fives <= max) (d /= 5n), fives++;
  const places = Math.max(twos, fives);
  return d === 1n && places <= max ? places : undefined;
}

/**
 * The exact value, in full: `1,409,286,144`, `−16,777,216`, `6.71`, `1/3`.
 * Uses the true minus sign; `separator` groups thousands.
 */
export function formatExact(q: Rational, separator = ","): string {
  if (q.isInteger()) return groupDigits(q.n.toString(), separator);
  const places = decimalPlaces(q);
  if (places === undefined) return `${groupDigits(q.n.toString(), separator)}/${groupDigits(q.d.toString(), separator)}`;
  const scaled = (q.n < 0n ? -q.n : q.n) * 10n ** BigInt(places) / q.d;
  const s = scaled.toString().padStart(places + 1, "0");
  const int = s.slice(0, s.length - places);
  return `${q.sign < 0 ? "−" : ""}${groupDigits(int, separator)}.${s.slice(s.length - places)}`;
}

export interface ScientificStyle {
  /** Joins mantissa and power: " × " in text, " \\times " in LaTeX. */
  readonly times: string;
  readonly power: (exponent: number) => string;
  readonly minus: string;
}

export const TEXT_STYLE: ScientificStyle = { times: " × ", power: (e) => `10${superscript(e)}`, minus: "−" };

/**
 * `digits` significant figures: scientific from 10³ up and below 10⁻³ (`1.41 × 10⁹`), plain
 * between (`0.250`, `14.1`).
 */
export function formatRounded(q: Rational, digits: number, style: ScientificStyle = TEXT_STYLE): string {
  const r = roundSignificant(q, digits);
  const sign = r.sign < 0 ? style.minus : "";
  if (r.exponent >= 3 || r.exponent <= -4) {
    const m = r.mantissa.length > 1 ? `${r.mantissa[0]}.${r.mantissa.slice(1)}` : r.mantissa;
    return `${sign}${m}${style.times}${style.power(r.exponent)}`;
  }
  if (r.exponent < 0) return `${sign}0.${"0".repeat(-r.exponent - 1)}${r.mantissa}`;
  const int = r.mantissa.slice(0, r.exponent + 1).padEnd(r.exponent + 1, "0");
  const frac = r.mantissa.slice(r.exponent + 1);
  return `${sign}${int}${frac ? `.${frac}` : ""}`;
}

/** Whether rounding to `digits` figures shows the value exactly (then the rounded form is redundant). */
export function roundsExactly(q: Rational, digits: number): boolean {
  return roundedValue(roundSignificant(q, digits)).equals(q) && (q.isInteger() || decimalPlaces(q) !== undefined);
}

/** A relative difference as a signed percentage to two figures: `+0.21%`, `−3.4%`, `0%`. */
export function percent(q: Rational): string {
  if (q.isZero()) return "0%";
  return `${q.sign > 0 ? "+" : ""}${formatRounded(q.mul(Rational.of(100)), 2)}%`;
}

/**
 * A value for a JSON document: a JSON number (the nearest double) where one exists, else, past
 * ±1.8 × 10³⁰⁸ or below the smallest double, the value in scientific notation as a string, so a
 * value is never `null` or a silent 0.
 *
 * @example jsonNumber(Rational.of(10n ** 400n)) // "1.0000000000000000e+400"
 */
export function jsonNumber(q: Rational): number | string {
  const n = q.toNumber();
  if (Number.isFinite(n) && (n !== 0 || q.isZero())) return n;
  const r = roundSignificant(q, 17);
  return `${r.sign < 0 ? "-" : ""}${r.mantissa[0]}.${r.mantissa.slice(1)}e${r.exponent < 0 ? "-" : "+"}${Math.abs(r.exponent)}`;
}
