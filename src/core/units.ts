/**
 * The units of compute accounting, exactly: nine base dimensions (FLOP, byte, parameter, token,
 * sequence, device, second, joule, dollar), the units people write over them (FLOP/s,
 * byte/parameter, PF-day = 8.64 × 10¹⁹ FLOP, ms, hours, days, W, kWh, USD) and their prefixes
 * (decimal for every unit that takes them, binary as well for bytes), each with an exact rational
 * factor to its base units.
 *
 * Ours rather than mathjs' Unit: conversions here are exact (mathjs converts in floats, so
 * 0.1 GiB would not be 0.1 × 2³⁰ bytes), and loading mathjs costs ten times a bare start-up. The
 * tests check this table against mathjs' own conversions, as an independent oracle.
 */
import { Rational } from "./rational.js";

export const BASE_DIMENSIONS = ["FLOP", "byte", "parameter", "token", "sequence", "device", "second", "joule", "dollar"] as const;
export type BaseDimension = (typeof BASE_DIMENSIONS)[number];

/** Exponents of the base dimensions, in BASE_DIMENSIONS' order; all zero for a pure number. */
export type Dimension = readonly number[];

interface UnitDef {
  readonly names: readonly string[];
  readonly dim: Dimension;
  readonly factor: Rational;
  /** Which prefixes it takes. */
  readonly prefixes: "decimal" | "decimal-and-binary" | "none";
}

const dim = (d: Partial<Record<BaseDimension, number>>): Dimension => BASE_DIMENSIONS.map((b) => d[b] ?? 0);
const ONE = Rational.ONE;

const UNITS: readonly UnitDef[] = [
  { names: ["FLOP", "FLOPs", "flop", "flops"], dim: dim({ FLOP: 1 }), factor: ONE, prefixes: "decimal" },
  { names: ["byte", "bytes", "B"], dim: dim({ byte: 1 }), factor: ONE, prefixes: "decimal-and-binary" },
  { names: ["bit", "bits"], dim: dim({ byte: 1 }), factor: Rational.of(1, 8), prefixes: "decimal" },
  { names: ["parameter", "parameters", "param", "params"], dim: dim({ parameter: 1 }), factor: ONE, prefixes: "decimal" },
  { names: ["token", "tokens"], dim: dim({ token: 1 }), factor: ONE, prefixes: "decimal" },
  { names: ["sequence", "sequences"], dim: dim({ sequence: 1 }), factor: ONE, prefixes: "decimal" },
  { names: ["device", "devices", "GPU", "GPUs", "chip", "chips"], dim: dim({ device: 1 }), factor: ONE, prefixes: "none" },
  { names: ["second", "seconds", "s", "sec"], dim: dim({ second: 1 }), factor: ONE, prefixes: "none" },
  // Serving latencies are quoted in milliseconds and microseconds (29 ms a token); "us" is how µ is typed.
  { names: ["ms", "millisecond", "milliseconds"], dim: dim({ second: 1 }), factor: Rational.of(1n, 1000n), prefixes: "none" },
  { names: ["us", "microsecond", "microseconds"], dim: dim({ second: 1 }), factor: Rational.of(1n, 1_000_000n), prefixes: "none" },
  { names: ["minute", "minutes", "min"], dim: dim({ second: 1 }), factor: Rational.of(60), prefixes: "none" },
  { names: ["hour", "hours", "h"], dim: dim({ second: 1 }), factor: Rational.of(3600), prefixes: "none" },
  { names: ["day", "days"], dim: dim({ second: 1 }), factor: Rational.of(86_400), prefixes: "none" },
  // A petaFLOP/s sustained for a day: 10¹⁵ × 86,400 FLOP (Kaplan et al. 2020, §2.1).
  { names: ["PF-day", "PF-days", "petaflop/s-day", "petaflop/s-days", "pfs-day", "pfs-days"], dim: dim({ FLOP: 1 }), factor: Rational.of(10n ** 15n * 86_400n), prefixes: "none" },
  { names: ["ratio", "%", "percent"], dim: dim({}), factor: ONE, prefixes: "none" },
  // Energy and power, for a device's power draw and a run's energy (an upper bound: at full power).
  { names: ["joule", "joules", "J"], dim: dim({ joule: 1 }), factor: ONE, prefixes: "decimal" },
  { names: ["watt", "watts", "W"], dim: dim({ joule: 1, second: -1 }), factor: ONE, prefixes: "decimal" },
  { names: ["Wh"], dim: dim({ joule: 1 }), factor: Rational.of(3600), prefixes: "decimal" },
  // Money, for a price per device-hour: no exchange rates, so one currency.
  { names: ["USD", "dollar", "dollars"], dim: dim({ dollar: 1 }), factor: ONE, prefixes: "none" },
];
// "%" reads as a ratio in a unit column, but as a value it is a hundredth.
const PERCENT_VALUE = Rational.of(1, 100);
const isPercent = (word: string) => word === "%" || word === "percent";

export const DECIMAL_PREFIXES: readonly (readonly [string, Rational])[] = [
  ["k", Rational.of(10n ** 3n)],
  ["M", Rational.of(10n ** 6n)],
  ["G", Rational.of(10n ** 9n)],
  ["T", Rational.of(10n ** 12n)],
  ["P", Rational.of(10n ** 15n)],
  ["E", Rational.of(10n ** 18n)],
  ["Z", Rational.of(10n ** 21n)],
  ["Y", Rational.of(10n ** 24n)],
];
export const BINARY_PREFIXES: readonly (readonly [string, Rational])[] = [
  ["Ki", Rational.of(2n ** 10n)],
  ["Mi", Rational.of(2n ** 20n)],
  ["Gi", Rational.of(2n ** 30n)],
  ["Ti", Rational.of(2n ** 40n)],
  ["Pi", Rational.of(2n ** 50n)],
  ["Ei", Rational.of(2n ** 60n)],
];

const byName = new Map<string, UnitDef>();
for (const u of UNITS) for (const n of u.names) byName.set(n, u);

export class UnitError extends Error {}

/** Budgets of a unit's text: no real unit comes near them, and past them the work is unbounded. */
const MAX_UNIT_POWER = 12;
const MAX_UNIT_NESTING = 20;

/** One unit name with an optional prefix: "TFLOP", "GiB", "days". */
function atom(word: string): { factor: Rational; dim: Dimension } {
  const exact = byName.get(word);
  if (exact) return { factor: isPercent(word) ? PERCENT_VALUE : exact.factor, dim: exact.dim };
  for (const [p, f] of [...BINARY_PREFIXES, ...DECIMAL_PREFIXES]) {
    if (!word.startsWith(p)) continue;
    const u = byName.get(word.slice(p.length));
    if (!u || u.prefixes === "none") continue;
    if (p.endsWith("i") && u.prefixes !== "decimal-and-binary") throw new UnitError(`the binary prefix ${p} is for bytes, not ${word.slice(p.length)}`);
    return { factor: f.mul(u.factor), dim: u.dim };
  }
  // "device-hours", "GPU-days": a product written with a hyphen.
  if (word.includes("-") && !word.startsWith("-") && !word.endsWith("-")) {
    return word.split("-").map(atom).reduce((a, b) => ({ factor: a.factor.mul(b.factor), dim: mulDim(a.dim, b.dim) }));
  }
  throw new UnitError(`unknown unit ‘${word}’`);
}

const mulDim = (a: Dimension, b: Dimension, k = 1) => a.map((x, i) => x + k * b[i]!);
const PER_DEVICE = dim({ device: -1 });

/**
 * A unit expression: names with prefixes, joined by `·`, `*` or a space, divided by `/` or
 * `per`, with integer powers (`^2`, `²`) and parentheses: "TFLOP/s", "KiB/token", "FLOP/(s·device)".
 *
 * @throws UnitError naming the part that is not a unit.
 */
export function parseUnit(text: string): { factor: Rational; dim: Dimension } {
  const trimmed = text.trim();
  // Whole names first: "petaflop/s-day" and "%" are units, not a quotient or an operator.
  const whole = byName.get(trimmed);
  if (whole) return { factor: isPercent(trimmed) ? PERCENT_VALUE : whole.factor, dim: whole.dim };
  const tokens: string[] = [];
  const src = trimmed.replace(/²/g, "^2").replace(/³/g, "^3").replace(/\s+per\s+/g, "/");
  for (let k = 0; k < src.length; ) {
    const c = src[k]!;
    if (/\s/.test(c)) k++;
    else if ("·*/()".includes(c)) tokens.push(c), k++;
    else if (c === "^") {
      const m = /^\^(-?\d+)/.exec(src.slice(k));
      if (!m) throw new UnitError(`‘${text}’ has ‘^’ without a whole power after it`);
      // No unit anyone writes has a power past a few; kFLOP^100000 is a typo, and a 300,000-digit factor.
      if (Math.abs(Number(m[1])) > MAX_UNIT_POWER) throw new UnitError(`‘${text}’ raises a unit to the power ${m[1]}; a power is at most ${MAX_UNIT_POWER}`);
      tokens.push(`^${m[1]}`);
      k += m[0].length;
    } else if (/[A-Za-z%]/.test(c)) {
      const m = /^[A-Za-z%][A-Za-z0-9%-]*/.exec(src.slice(k))!;
      tokens.push(m[0]);
      k += m[0].length;
    } else throw new UnitError(`‘${text}’ has ‘${c}’, which is no part of a unit`);
  }
  if (tokens.length === 0) throw new UnitError("a unit is missing");
  let depth = 0;
  for (const t of tokens) {
    depth += t === "(" ? 1 : t === ")" ? -1 : 0;
    if (depth > MAX_UNIT_NESTING) throw new UnitError(`‘${text.length > 40 ? `${text.slice(0, 40)}…` : text}’ nests parentheses more than ${MAX_UNIT_NESTING} deep`);
  }
  let i = 0;
  const product = (): { factor: Rational; dim: Dimension } => {
    let acc = power();
    while (i < tokens.length && tokens[i] !== ")") {
      if (tokens[i] === "/") {
        i++;
        const d = power();
        acc = { factor: acc.factor.div(d.factor), dim: mulDim(acc.dim, d.dim, -1) };
      } else {
        if (tokens[i] === "·" || tokens[i] === "*") i++;
        const m = power();
        acc = { factor: acc.factor.mul(m.factor), dim: mulDim(acc.dim, m.dim) };
      }
    }
    return acc;
  };
  const power = (): { factor: Rational; dim: Dimension } => {
    let base: { factor: Rational; dim: Dimension };
    const t = tokens[i++];
    if (t === undefined) throw new UnitError(`‘${text}’ ends where a unit is expected`);
    if (t === "(") {
      base = product();
      if (tokens[i++] !== ")") throw new UnitError(`‘${text}’ has an unclosed parenthesis`);
    } else if (/^[A-Za-z%]/.test(t)) base = atom(t);
    else throw new UnitError(`‘${text}’ has ‘${t}’ where a unit is expected`);
    if (tokens[i]?.startsWith("^")) {
      const k = Number(tokens[i++]!.slice(1));
      base = { factor: k >= 0 ? base.factor.pow(BigInt(k)) : Rational.ONE.div(base.factor.pow(BigInt(-k))), dim: base.dim.map((x) => x * k) };
    }
    return base;
  };
  const out = product();
  if (i < tokens.length) throw new UnitError(`‘${text}’ has an unmatched parenthesis`);
  return out;
}

export const sameDimension = (a: Dimension, b: Dimension) => a.every((x, i) => x === b[i]);

/** "FLOP·s⁻¹": a dimension for messages. */
export function dimensionText(d: Dimension): string {
  const up = BASE_DIMENSIONS.filter((_, i) => d[i]! > 0).map((b) => (d[BASE_DIMENSIONS.indexOf(b)]! === 1 ? b : `${b}^${d[BASE_DIMENSIONS.indexOf(b)]}`));
  const down = BASE_DIMENSIONS.filter((_, i) => d[i]! < 0).map((b) => (d[BASE_DIMENSIONS.indexOf(b)]! === -1 ? b : `${b}^${-d[BASE_DIMENSIONS.indexOf(b)]!}`));
  if (up.length === 0 && down.length === 0) return "a pure number";
  const num = up.length === 0 ? "1" : up.join("·");
  return down.length === 0 ? num : `${num}/${down.length === 1 ? down[0] : `(${down.join("·")})`}`;
}

/** A number with a unit (`140 TFLOP/s`, `80 GiB`), or a bare decimal suffix (`15T` = 15 × 10¹²). */
export interface ValueWithUnit {
  readonly number: string;
  readonly unit?: string;
  /** A prefix alone after the number, with no unit: `15T`. */
  readonly suffix?: string;
}

/** Splits "140 TFLOP/s" into number and unit; undefined where the text has no unit (a plain number or formula). */
export function splitValueWithUnit(text: string): ValueWithUnit | undefined {
  const m = /^\s*([+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$/.exec(text);
  if (!m || m[2] === "") return undefined;
  const tail = m[2]!;
  if (/^[kKMGTPEZY]$/.test(tail)) return { number: m[1]!, suffix: tail };
  if (!/^[A-Za-z%(]/.test(tail)) return undefined;
  return { number: m[1]!, unit: tail };
}

const SUFFIX: Record<string, Rational> = Object.fromEntries([...DECIMAL_PREFIXES, ["K", Rational.of(1000)]].map(([p, f]) => [p, f]));

/**
 * A value typed with a unit, in the unit a quantity is kept in: `140 TFLOP/s` in FLOP/s is 1.4 × 10¹⁴;
 * `15T` is 15 × 10¹² in any unit.
 *
 * @throws UnitError when the units measure different things (`80 GiB` for FLOP/s), or are unknown.
 */
export function convertValue(v: ValueWithUnit, into: string | undefined): Rational {
  const n = Rational.parseDecimal(v.number.replace(/^[+]/, "").replace(/^-/, ""));
  if (!n) throw new UnitError(`‘${v.number}’ is not a number`);
  const signed = v.number.startsWith("-") ? n.neg() : n;
  if (v.suffix) return signed.mul(SUFFIX[v.suffix]!);
  const from = parseUnit(v.unit!);
  if (into === undefined) {
    if (from.dim.every((x) => x === 0)) return signed.mul(from.factor);
    throw new UnitError(`${v.unit} is ${dimensionText(from.dim)}, but this value has no unit to convert it into`);
  }
  // A quantity declared in % holds a ratio (40% is 0.4), so % as the unit converted into is 1.
  const to = isPercent(into.trim()) ? { factor: ONE, dim: parseUnit(into).dim } : parseUnit(into);
  // A rate of one device, typed as people say it ("989 TFLOP/s"), for a quantity kept per device.
  if (!sameDimension(from.dim, to.dim) && sameDimension(mulDim(from.dim, PER_DEVICE), to.dim)) return signed.mul(from.factor).div(to.factor);
  if (!sameDimension(from.dim, to.dim)) throw new UnitError(`${v.unit} measures ${dimensionText(from.dim)}, but this value is in ${into} (${dimensionText(to.dim)})`);
  return signed.mul(from.factor).div(to.factor);
}
