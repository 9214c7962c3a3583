/**
 * Exact rational numbers over BigInt.
 *
 * Invariant: `d > 0` and `gcd(|n|, d) = 1`, so two equal rationals have identical fields and
 * `toString()` is a canonical key.
 */

/** Thrown by arithmetic that has no exact result or would not fit in memory; callers add the location. */
export class ArithmeticError extends Error {
  constructor(
    readonly reason: "division-by-zero" | "overflow" | "too-many-terms" | "domain",
    message: string,
  ) {
    super(message);
    this.name = "ArithmeticError";
  }
}

/** Results beyond this many bits (about 30,000 decimal digits) are refused rather than computed. */
export const MAX_BITS = 100_000;

/** Digits a number literal may have: 10^30,200 needs more than MAX_BITS. */
export const MAX_DIGITS = 30_200;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  if (x === 0n) return 0;
  // Hexadecimal is a linear-time conversion; the leading digit holds 1 to 4 bits.
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + parseInt(hex[0]!, 16).toString(2).length;
}

// Comparisons with these are cheap (BigInts compare by length first); bitLength is not.
const TOO_BIG = 1n << BigInt(MAX_BITS + 64);
const HALF = 1n << BigInt(MAX_BITS / 2);
// Nearly every number is far below the limits: one comparison with a one-word constant settles it.
const WORD = 1n << 53n;
// The negated bounds are constants too: `-WORD` in a comparison allocates a BigInt each time.
const MINUS_WORD = -WORD;
const MINUS_HALF = -HALF;
const MINUS_TOO_BIG = -TOO_BIG;
const small = (x: bigint) => (x < WORD && x > MINUS_WORD) || (x < HALF && x > MINUS_HALF);

/** Refuses a numerator or denominator past MAX_BITS before anything is computed with it. */
function checkSize(n: bigint, d: bigint): void {
  if (n < WORD && n > MINUS_WORD && d < WORD) return;
  if (n >= TOO_BIG || n <= MINUS_TOO_BIG || d >= TOO_BIG) {
    throw new ArithmeticError("overflow", "the result would have more than 30,000 digits");
  }
}

export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly MINUS_ONE = new Rational(-1n, 1n);

  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  /** An already reduced n/d, checked for size. */
  private static sized(n: bigint, d: bigint): Rational {
    checkSize(n, d);
    return new Rational(n, d);
  }

  /** `Rational.of(3n, 6n)` is 1/2; throws on a zero denominator. */
  static of(n: bigint | number, d: bigint | number = 1n): Rational {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new ArithmeticError("division-by-zero", "division by zero");
    if (dd < 0n) {
      nn = -nn;
      dd = -dd;
    }
    checkSize(nn, dd);
    const g = gcd(nn, dd);
    return g === 1n ? new Rational(nn, dd) : new Rational(nn / g, dd / g);
  }

  /**
   * Parses the decimal notation the formula language accepts for a number token, exactly:
   * `Rational.parseDecimal("6.71")` is 671/100, `"1e12"` is 10¹², `"70_000"` is 70000.
   * Returns undefined for anything else.
   */
  static parseDecimal(text: string): Rational | undefined {
    const m = /^(\d(?:_?\d)*)?(?:\.(\d(?:_?\d)*)?)?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
    const intPart = (m[1] ?? "").replace(/_/g, "");
    const fracPart = (m[2] ?? "").replace(/_/g, "");
    // Refused before conversion, which is quadratic in the length: 90,000 digits took 20 s.
    if (intPart.length + fracPart.length > MAX_DIGITS) throw new ArithmeticError("overflow", `the number ${text.slice(0, 12)}… has more than ${MAX_DIGITS.toLocaleString("en-US")} digits`);
    const exp = m[3] === undefined ? 0 : Number(m[3]);
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 30_000) {
      throw new ArithmeticError("overflow", `the exponent of ${text} is too large`);
    }
    const digits = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, "") || "0");
    const scale = exp - fracPart.length;
    return scale >= 0 ? Rational.of(digits * 10n ** BigInt(scale)) : Rational.of(digits, 10n ** BigInt(-scale));
  }

  get sign(): -1 | 0 | 1 {
    return this.n === 0n ? 0 : this.n < 0n ? -1 : 1;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  isOne(): boolean {
    return this.n === 1n && this.d === 1n;
  }
  isInteger(): boolean {
    return this.d === 1n;
  }

  add(o: Rational): Rational {
    if (this.d === 1n && o.d === 1n) return Rational.sized(this.n + o.n, 1n);
    // An integer added to a reduced fraction leaves it reduced (gcd(n + k·d, d) = gcd(n, d) = 1):
    // no gcd of 17,000-digit numbers for `p + 1`.
    if (o.d === 1n) return Rational.sized(this.n + o.n * this.d, this.d);
    if (this.d === 1n) return Rational.sized(this.n * o.d + o.n, o.d);
    return Rational.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    // Bits add up in a product: refuse before computing one that could not be kept.
    const fits = (small(this.n) && small(o.n)) || bitLength(this.n) + bitLength(o.n) <= MAX_BITS + 128;
    if (!fits || (!(small(this.d) && small(o.d)) && bitLength(this.d) + bitLength(o.d) > MAX_BITS + 128)) {
      throw new ArithmeticError("overflow", "the result would have more than 30,000 digits");
    }
    if (this.d === 1n && o.d === 1n) return Rational.sized(this.n * o.n, 1n);
    return Rational.of(this.n * o.n, this.d * o.d);
  }
  div(o: Rational): Rational {
    if (o.n === 0n) throw new ArithmeticError("division-by-zero", "division by zero");
    return Rational.of(this.n * o.d, this.d * o.n);
  }
  neg(): Rational {
    return new Rational(-this.n, this.d);
  }
  abs(): Rational {
    return this.n < 0n ? this.neg() : this;
  }
  inverse(): Rational {
    return Rational.ONE.div(this);
  }

  /** Integer powers, exact; refuses results larger than MAX_BITS instead of exhausting memory. */
  pow(e: bigint): Rational {
    if (e === 0n) return Rational.ONE;
    if (e < 0n) {
      if (this.n === 0n) throw new ArithmeticError("division-by-zero", "zero raised to a negative power");
      return this.inverse().pow(-e);
    }
    if (this.n === 0n || (this.d === 1n && (this.n === 1n || this.n === -1n))) {
      return this.n === -1n && e % 2n === 1n ? this : this.n === -1n ? Rational.ONE : this;
    }
    // x^e has between (bits − 1)·e + 1 and bits·e bits: refuse only what is surely too large,
    // and measure the rest (2^90,000 has 27,093 digits, within the limit).
    const bits = BigInt(Math.max(bitLength(this.n), bitLength(this.d)));
    if ((bits - 1n) * e > BigInt(MAX_BITS) + 64n) {
      throw new ArithmeticError("overflow", "the result would have more than 30,000 digits");
    }
    return Rational.sized(this.n ** e, this.d ** e);
  }

  /** The exact q-th root when it is rational (`root(1/4, 2)` is 1/2), otherwise undefined. */
  root(q: bigint): Rational | undefined {
    if (q === 1n) return this;
    if (this.n < 0n) {
      if (q % 2n === 0n) return undefined;
      const r = this.neg().root(q);
      return r?.neg();
    }
    const rn = integerRoot(this.n, q);
    const rd = integerRoot(this.d, q);
    return rn === undefined || rd === undefined ? undefined : new Rational(rn, rd);
  }

  floor(): Rational {
    const q = this.n / this.d;
    return Rational.of(this.n < 0n && q * this.d !== this.n ? q - 1n : q);
  }
  ceil(): Rational {
    return this.neg().floor().neg();
  }

  cmp(o: Rational): -1 | 0 | 1 {
    if (this.d === 1n && o.d === 1n) return this.n < o.n ? -1 : this.n > o.n ? 1 : 0;
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  equals(o: Rational): boolean {
    return this.n === o.n && this.d === o.d;
  }

  /** The nearest double (correctly rounded, as `Number(bigint)` is for integers). */
  toNumber(): number {
    if (this.d === 1n) return Number(this.n);
    const a = this.n < 0n ? -this.n : this.n;
    // Scale so the integer quotient has at least 65 bits; a set lowest bit stands for a non-zero
    // remainder, so Number() rounds the 53-bit result as the exact quotient would round.
    const s = 65 - (bitLength(a) - bitLength(this.d));
    const num = s >= 0 ? a << BigInt(s) : a;
    const den = s >= 0 ? this.d : this.d << BigInt(-s);
    let q = num / den;
    if (q * den !== num) q |= 1n;
    const half = Math.trunc(s / 2);
    const x = Number(q) * 2 ** -half * 2 ** -(s - half);
    return this.n < 0n ? -x : x;
  }

  /** Plain ASCII, no grouping: `-16777216`, `1/4`. */
  toString(): string {
    return this.d === 1n ? this.n.toString() : `${this.n}/${this.d}`;
  }
}

/** floor(x^(1/q)) if it is exact, else undefined; x ≥ 0. Newton's method on BigInt. */
function integerRoot(x: bigint, q: bigint): bigint | undefined {
  if (x < 2n) return x;
  // 2^q > x past its bit length: no whole root, and r^(q−1) for a q of 10^16 would not fit a BigInt.
  if (q >= BigInt(bitLength(x))) return undefined;
  const k = Number(q);
  let r = 1n << BigInt(Math.ceil(bitLength(x) / k));
  for (;;) {
    const next = ((q - 1n) * r + x / r ** (q - 1n)) / q;
    if (next >= r) break;
    r = next;
  }
  return r ** q === x ? r : undefined;
}
