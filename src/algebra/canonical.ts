/**
 * Canonical forms: a sum of terms, each an exact rational coefficient times a product of factors.
 *
 * A factor is a variable (an input) or an opaque atom raised to a rational exponent. Atoms are
 * what polynomial algebra cannot open: a power of a sum that is not a positive whole number
 * (`(a + b)⁻¹`, `√(a + b)`), and function calls (`ln`, `min`, `ceil`, …) with canonical arguments.
 *
 * Invariants, which make `key` equality mean equality of forms:
 * - no two terms share a monomial, no coefficient is zero, terms are sorted (see compareTerms);
 * - no two factors of a term share a base, no exponent is zero, factors are sorted (compareFactors);
 * - a power atom's base is never a single term and never has a positive whole exponent (it would
 *   have been expanded); a whole negative exponent's base is primitive (integer coprime
 *   coefficients, its first term positive, no factor common to all terms).
 *
 * Every rewrite here holds at every real point where the original expression is defined, which is
 * why `√(x²)` stays opaque (it is |x|, not x) while `√x · √x` becomes x.
 */
import { ArithmeticError, Rational } from "../core/rational.js";
import { exactLog, rationalPower } from "../core/exact.js";
import { checkDomain, functionSpec, type FunctionName } from "../syntax/functions.js";

export type Base =
  | { readonly kind: "var"; readonly name: string; readonly key: string }
  | { readonly kind: "pow"; readonly base: Canonical; readonly key: string; readonly primitive: boolean }
  | { readonly kind: "call"; readonly fn: AtomFunction; readonly args: readonly Canonical[]; readonly key: string };

/** Functions that survive into canonical forms. `log` becomes `ln`; `sqrt` becomes a power. */
export type AtomFunction = Exclude<FunctionName, "sqrt" | "log"> | "pow";

export interface Factor {
  readonly base: Base;
  readonly exp: Rational;
}

export interface Term {
  readonly coef: Rational;
  readonly factors: readonly Factor[];
  /** Identifies the monomial (the factors without the coefficient). */
  readonly monomial: string;
}

export interface Canonical {
  readonly terms: readonly Term[];
  /** Equal keys, equal forms; also a stable, readable identifier. */
  readonly key: string;
}

/** Whether a form holds the variable `name` anywhere: in a term, a power's base or a function's argument. */
export function mentions(c: Canonical, name: string): boolean {
  const inBase = (b: Base): boolean => (b.kind === "var" ? b.name === name : b.kind === "pow" ? mentions(b.base, name) : b.args.some((a) => mentions(a, name)));
  return c.terms.some((t) => t.factors.some((f) => inBase(f.base)));
}

/** Expansions larger than this are refused: they are never what a sheet meant. */
export const MAX_TERMS = 20_000;

/**
 * Term operations (products of two terms, terms merged) one algebra may do in all, so that many
 * forms each under MAX_TERMS cannot add up to minutes: a hundred formulas S² + i over a sum of
 * 190 inputs took 37 s. The shipped sheets need a few thousand.
 */
export const MAX_WORK = 120_000;

/** A factor that carries its key: terms share factors, and each key was being written again for every term. */
class FactorOf implements Factor {
  readonly key: string;
  constructor(
    readonly base: Base,
    readonly exp: Rational,
  ) {
    this.key = exp.isOne() ? base.key : `${base.key}^${exp}`;
  }
}

const factor = (base: Base, exp: Rational): Factor => new FactorOf(base, exp);
const factorKey = (f: Factor) => (f instanceof FactorOf ? f.key : f.exp.isOne() ? f.base.key : `${f.base.key}^${f.exp}`);

interface OrderKey {
  readonly degree: Rational;
  readonly vars: readonly { readonly rank: number; readonly name: string; readonly exp: Rational }[];
}

/** A form whose key is written when first read: most intermediate forms are never compared. */
class Form implements Canonical {
  private written: string | undefined;
  constructor(readonly terms: readonly Term[]) {}
  get key(): string {
    return (this.written ??= this.terms.length === 0 ? "0" : this.terms.map(termKey).join(" + "));
  }
}

const termKey = (t: Term) => (t.monomial === "" ? `${t.coef}` : `${t.coef}*${t.monomial}`);

/** A term that remembers its sort key: a term is sorted in every sum it enters, often many times. */
class TermOf implements Term {
  order: OrderKey | undefined;
  /** The algebra whose variable order `order` follows. */
  orderedBy: Algebra | undefined;
  constructor(
    readonly coef: Rational,
    readonly factors: readonly Factor[],
    readonly monomial: string,
  ) {}
}

/** The same monomial with another coefficient: factors, key and order carry over. */
function withCoef(t: Term, coef: Rational): TermOf {
  const out = new TermOf(coef, t.factors, t.monomial);
  out.order = (t as TermOf).order;
  out.orderedBy = (t as TermOf).orderedBy;
  return out;
}

const sameBase = (a: Base, b: Base) => a === b || a.key === b.key;

/**
 * Terms: ascending total degree; ties go to the term with the higher power of the variable that
 * comes first in input order (so `a² + a·b + b²`); then by atoms' keys.
 */
function compareTerms(a: Term, ka: OrderKey, b: Term, kb: OrderKey): number {
  const d = ka.degree.cmp(kb.degree);
  if (d !== 0) return d;
  // The variables of both, merged in input order: at the first whose exponents differ, the
  // higher exponent comes first (a missing variable has exponent 0).
  let i = 0;
  let j = 0;
  while (i < ka.vars.length || j < kb.vars.length) {
    const va = ka.vars[i];
    const vb = kb.vars[j];
    const c = va && vb ? compareVars(va, vb) : va ? -1 : 1;
    if (c === 0) {
      const e = vb!.exp.cmp(va!.exp);
      if (e !== 0) return e;
      i++;
      j++;
    } else if (c < 0) {
      // Only a has this variable: b's exponent 0 is lower when a's is positive.
      return va!.exp.sign > 0 ? -1 : 1;
    } else {
      return vb!.exp.sign > 0 ? 1 : -1;
    }
  }
  return a.monomial < b.monomial ? -1 : a.monomial > b.monomial ? 1 : 0;
}

const compareVars = (x: { rank: number; name: string }, y: { rank: number; name: string }) =>
  x.rank - y.rank || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);

/**
 * Builds and combines canonical forms. The variable order is the sheet's input order: it decides
 * the order of factors and of terms, so one algebra serves one sheet.
 *
 * @example
 * const A = new Algebra(["n", "d"]);
 * A.add(A.mul(A.constant(Rational.of(2)), A.pow(A.variable("d"), Rational.of(2))), A.variable("n")).key
 */
export class Algebra {
  private readonly rank = new Map<string, number>();
  private readonly variables = new Map<string, Canonical>();
  private work = 0;

  private spend(operations: number): void {
    this.work += operations;
    if (this.work > MAX_WORK) {
      throw new ArithmeticError("too-many-terms", `the canonical forms would take more than ${MAX_WORK.toLocaleString("en-US")} term operations in all`);
    }
  }

  constructor(variables: readonly string[]) {
    variables.forEach((v, i) => this.rank.set(v, i));
  }

  readonly zero: Canonical = this.sum([]);
  readonly one: Canonical = this.constant(Rational.ONE);

  constant(q: Rational): Canonical {
    return this.sum(q.isZero() ? [] : [this.term(q, [])]);
  }

  variable(name: string): Canonical {
    let v = this.variables.get(name);
    if (v === undefined) {
      v = this.sum([this.term(Rational.ONE, [factor({ kind: "var", name, key: name }, Rational.ONE)])]);
      this.variables.set(name, v);
    }
    return v;
  }

  /** The value of a form without factors, else undefined. */
  constantValue(c: Canonical): Rational | undefined {
    if (c.terms.length === 0) return Rational.ZERO;
    const t = c.terms[0]!;
    return c.terms.length === 1 && t.factors.length === 0 ? t.coef : undefined;
  }

  add(a: Canonical, b: Canonical): Canonical {
    if (a.terms.length === 0) return b;
    if (b.terms.length === 0) return a;
    return this.collect([...a.terms, ...b.terms]);
  }

  /** The sum of many forms, collected once: linear in their terms, where adding one by one is quadratic. */
  sumOf(forms: readonly Canonical[]): Canonical {
    const terms: Term[] = [];
    for (const f of forms) for (const t of f.terms) terms.push(t);
    return this.collect(terms);
  }

  neg(a: Canonical): Canonical {
    // The order of terms does not depend on their coefficients.
    return new Form(a.terms.map((t) => withCoef(t, t.coef.neg())));
  }

  /** c·a for a constant c: no term merges with another and the order stays. */
  private scale(a: Canonical, c: Rational): Canonical {
    if (c.isZero()) return this.zero;
    if (c.isOne()) return a;
    return new Form(a.terms.map((t) => withCoef(t, t.coef.mul(c))));
  }

  sub(a: Canonical, b: Canonical): Canonical {
    return this.add(a, this.neg(b));
  }

  mul(a: Canonical, b: Canonical): Canonical {
    if (a.terms.length * b.terms.length > MAX_TERMS * 4) tooLarge();
    this.spend(a.terms.length * b.terms.length);
    const ca = this.constantValue(a);
    if (ca !== undefined) return this.scale(b, ca);
    const cb = this.constantValue(b);
    if (cb !== undefined) return this.scale(a, cb);
    const parts: Term[] = [];
    const expansions: Canonical[] = [];
    for (const x of a.terms) {
      for (const y of b.terms) {
        const product = this.mulTerms(x, y);
        if ("monomial" in product) parts.push(product);
        else expansions.push(product);
      }
    }
    let result = this.collect(parts);
    for (const e of expansions) result = this.add(result, e);
    return result;
  }

  div(a: Canonical, b: Canonical): Canonical {
    if (b.terms.length === 0) throw new ArithmeticError("division-by-zero", "division by zero");
    return this.mul(a, this.pow(b, Rational.MINUS_ONE));
  }

  /** a^q for a constant rational exponent q. */
  pow(a: Canonical, q: Rational): Canonical {
    if (q.isZero()) return this.one;
    if (q.isOne()) return a;
    if (a.terms.length === 0) {
      if (q.sign < 0) throw new ArithmeticError("division-by-zero", "zero raised to a negative power");
      return this.zero;
    }
    if (a.terms.length === 1) return this.powTerm(a.terms[0]!, q);
    if (q.isInteger() && q.sign > 0) return this.powPositive(a, q.n);
    if (q.isInteger()) {
      // (c·m·P)^q = c^q · m^q · P^q with P primitive: equal forms get equal atoms.
      const { content, common, primitive } = this.primitivePart(a);
      const atom = this.settled(Rational.ONE, [factor(this.powBase(primitive, true), q)]);
      return this.mul(this.mul(this.constant(content.pow(q.n)), this.powTerm(common, q)), atom);
    }
    return this.sum([this.term(Rational.ONE, [factor(this.powBase(a), q)])]);
  }

  /** a^b for any exponent: a symbolic exponent makes an opaque `pow` atom. */
  powExpr(a: Canonical, b: Canonical): Canonical {
    const q = this.constantValue(b);
    return q !== undefined ? this.pow(a, q) : this.atom("pow", [a, b]);
  }

  /**
   * A call of a function of the language, by its entry's symbolic rule: √ becomes a power, log a
   * quotient of ln, min and max flatten; any other call is an opaque atom, folded to a constant
   * when its arguments are constants and its value at them is rational.
   */
  call(fn: FunctionName, args: readonly Canonical[]): Canonical {
    const consts = args.map((a) => this.constantValue(a));
    const allConst = consts.every((c) => c !== undefined);
    const spec = functionSpec(fn);
    if (allConst) checkDomain(fn, consts as Rational[]);
    switch (spec.symbolic) {
      case "power":
        return this.pow(args[0]!, Rational.of(1, 2));
      case "base-change":
        return args.length === 2 ? this.logBase(args[0]!, args[1]!) : this.call("ln", [args[0]!]);
      case "lattice":
        return this.lattice(fn, args, allConst);
      case "natural":
      case "atom": {
        const q = allConst ? spec.exact(consts as Rational[]) : undefined;
        if (q !== undefined) return this.constant(q);
        if (spec.symbolic === "natural" && consts[0] !== undefined) return this.lnOfConstant(consts[0]);
        return this.atom(fn as AtomFunction, args);
      }
    }
  }

  /**
   * ln of a positive rational as a combination of logarithms of integers that are no perfect
   * powers: ln(1/4) = −2·ln 2, so that ln 4 / ln(1/4) is exactly −1. Integers beyond 256 bits stay
   * whole (finding their roots would cost more than it is worth).
   */
  private lnOfConstant(x: Rational): Canonical {
    const ln = (n: bigint): Canonical => {
      if (n === 1n) return this.zero;
      const bits = n.toString(2).length;
      if (bits <= 256) {
        for (let k = bits; k >= 2; k--) {
          const m = Rational.of(n).root(BigInt(k));
          if (m !== undefined) return this.mul(this.constant(Rational.of(k)), ln(m.n));
        }
      }
      return this.atom("ln", [this.constant(Rational.of(n))]);
    };
    return this.sub(ln(x.n), ln(x.d));
  }

  private logBase(x: Canonical, b: Canonical): Canonical {
    const cx = this.constantValue(x);
    const cb = this.constantValue(b);
    if (cx !== undefined && cb !== undefined && cb.sign > 0 && !cb.isOne() && cx.sign > 0) {
      const k = exactLog(cx, cb);
      if (k !== undefined) return this.constant(k);
    }
    if (cb !== undefined && cb.isOne()) throw new ArithmeticError("division-by-zero", "a logarithm to base 1");
    return this.div(this.call("ln", [x]), this.call("ln", [b]));
  }

  /** min and max: their entry's exact form picks between two constants. */
  private lattice(fn: FunctionName, args: readonly Canonical[], allConst: boolean): Canonical {
    const pick = (a: Rational, b: Rational) => functionSpec(fn).exact([a, b])!;
    if (allConst) return this.constant(args.map((a) => this.constantValue(a)!).reduce(pick));
    // min(min(a, b), c) = min(a, b, c); constants fold into one; duplicates go; order by key.
    const flat: Canonical[] = [];
    let bound: Rational | undefined;
    for (const a of args) {
      const inner = a.terms.length === 1 ? a.terms[0]! : undefined;
      const f = inner?.coef.isOne() && inner.factors.length === 1 ? inner.factors[0]! : undefined;
      const nested = f && f.exp.isOne() && f.base.kind === "call" && f.base.fn === fn ? f.base.args : [a];
      for (const n of nested) {
        const c = this.constantValue(n);
        if (c !== undefined) bound = bound === undefined ? c : pick(bound, c);
        else if (!flat.some((x) => x.key === n.key)) flat.push(n);
      }
    }
    if (bound !== undefined) flat.push(this.constant(bound));
    if (flat.length === 1) return flat[0]!;
    return this.atom(fn as AtomFunction, flat.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }

  private atom(fn: AtomFunction, args: readonly Canonical[]): Canonical {
    const base: Base = { kind: "call", fn, args, key: `${fn}(${args.map((a) => a.key).join(", ")})` };
    return this.sum([this.term(Rational.ONE, [factor(base, Rational.ONE)])]);
  }

  /** `primitive` records that the base is already normalised, so it can stand as a denominator. */
  private powBase(base: Canonical, primitive = false): Base {
    return { kind: "pow", base, key: `(${base.key})`, primitive };
  }

  // ---- terms ----------------------------------------------------------------------------------

  private term(coef: Rational, factors: Factor[]): Term {
    // Terms have a few factors: an insertion sort, without the builtin's cost per call.
    const sorted: Factor[] = [];
    for (const f of factors) {
      if (f.exp.isZero()) continue;
      let i = sorted.length;
      while (i > 0 && this.compareFactors(sorted[i - 1]!, f) > 0) {
        sorted[i] = sorted[i - 1]!;
        i--;
      }
      sorted[i] = f;
    }
    return new TermOf(coef, sorted, sorted.length === 1 ? factorKey(sorted[0]!) : sorted.map(factorKey).join("·"));
  }

  /**
   * The product of two terms: a term, or a whole form when an atom's exponent became a positive
   * whole number (it is expanded) or the term would hold a sum in its denominator other than one
   * primitive sum to the power −1 (the denominators are multiplied out into one, so that
   * `1/(a + c)²` and `1/(a² + 2·a·c + c²)` have one form).
   */
  private mulTerms(x: Term, y: Term): Term | Canonical {
    if (y.factors.length === 0) return withCoef(x, x.coef.mul(y.coef));
    if (x.factors.length === 0) return withCoef(y, x.coef.mul(y.coef));
    // Terms have a few factors: a scan is cheaper than a map.
    const merged: Factor[] = x.factors.slice();
    const n = merged.length;
    let plain = true;
    for (let k = 0; k < n; k++) if (merged[k]!.base.kind === "pow") plain = false;
    for (const g of y.factors) {
      let i = 0;
      while (i < n && !sameBase(merged[i]!.base, g.base)) i++;
      if (i === n) merged.push(g);
      else merged[i] = factor(g.base, merged[i]!.exp.add(g.exp));
      if (g.base.kind === "pow") plain = false;
    }
    if (plain) return this.term(x.coef.mul(y.coef), merged);
    return this.settle(x.coef.mul(y.coef), merged);
  }

  /**
   * coef times factors with distinct bases, in the form every term keeps: a whole power of an
   * atom `(sum)^q` is expanded, denominators other than one primitive sum to the power −1 are
   * multiplied out into one. Forms are built only from settled terms, which is what lets a
   * product with a constant skip this step.
   */
  private settle(coef: Rational, factors: readonly Factor[]): Term | Canonical {
    const keep: Factor[] = [];
    const expand: Canonical[] = [];
    const denominators: Factor[] = [];
    for (const f of factors) {
      const base = f.base.kind === "pow" ? f.base.base : undefined;
      const wholePower = base !== undefined && f.exp.isInteger() && !f.exp.isZero();
      // (√y)² = y and (√y)⁻² = 1/y: a whole power of a single term is just that power.
      if (wholePower && (f.exp.sign > 0 || base.terms.length === 1)) expand.push(this.pow(base, f.exp));
      else if (wholePower) denominators.push(f);
      else if (!f.exp.isZero()) keep.push(f);
    }
    const only = denominators[0];
    const settled =
      denominators.length === 0 ||
      (denominators.length === 1 && only!.exp.equals(Rational.MINUS_ONE) && only!.base.kind === "pow" && only!.base.primitive);
    if (settled) keep.push(...denominators);
    const term = this.term(coef, keep);
    if (settled && expand.length === 0) return term;
    let result = this.sum([term]);
    for (const e of expand) result = this.mul(result, e);
    if (!settled) {
      const product = denominators.reduce((acc, f) => this.mul(acc, this.powPositive((f.base as { base: Canonical }).base, -f.exp.n)), this.one);
      result = this.mul(result, this.pow(product, Rational.MINUS_ONE));
    }
    return result;
  }

  private settled(coef: Rational, factors: readonly Factor[]): Canonical {
    const s = this.settle(coef, factors);
    return s instanceof Form ? s : this.sum([s as Term]);
  }

  private powTerm(t: Term, q: Rational): Canonical {
    if (q.isInteger()) {
      let result = this.sum([this.term(t.coef.pow(q.n), [])]);
      for (const f of t.factors) {
        const exp = f.exp.mul(q);
        if (f.base.kind === "pow" && exp.isInteger() && exp.sign > 0) result = this.mul(result, this.powPositive(f.base.base, exp.n));
        else result = this.mul(result, this.settled(Rational.ONE, [factor(f.base, exp)]));
      }
      return result;
    }
    // A non-whole exponent: only what is sound at every defined point is simplified.
    const root = t.coef.sign > 0 ? rationalPower(t.coef, q) : undefined;
    if (t.factors.length === 0) {
      if (root !== undefined) return this.constant(root);
      if (t.coef.sign < 0) throw new ArithmeticError("domain", `(${t.coef})^(${q}) is not a real number`);
      return this.sum([this.term(Rational.ONE, [factor(this.powBase(this.sum([t])), q)])]);
    }
    const [only] = t.factors;
    if (root !== undefined && t.factors.length === 1 && only!.base.kind === "var" && only!.exp.n % 2n !== 0n) {
      // (c·x^p)^q = c^q·x^(pq) when c > 0 and p has an odd numerator: x^p keeps the sign of x.
      return this.sum([this.term(root, [factor(only!.base, only!.exp.mul(q))])]);
    }
    return this.sum([this.term(Rational.ONE, [factor(this.powBase(this.sum([t])), q)])]);
  }

  private powPositive(a: Canonical, n: bigint): Canonical {
    if (a.terms.length === 1) return this.powTerm(a.terms[0]!, Rational.of(n));
    let result = this.one;
    let base = a;
    for (let e = n; e > 0n; e >>= 1n) {
      if (e & 1n) result = this.mul(result, base);
      if (e > 1n) base = this.mul(base, base);
      if (result.terms.length > MAX_TERMS || base.terms.length > MAX_TERMS) tooLarge();
    }
    return result;
  }

  /** a = content · common · primitive, where primitive's coefficients are coprime integers. */
  private primitivePart(a: Canonical): { content: Rational; common: Term; primitive: Canonical } {
    let num = 0n;
    let den = 1n;
    for (const t of a.terms) {
      num = gcd(num, t.coef.n);
      den = (den * t.coef.d) / gcd(den, t.coef.d);
    }
    const first = a.terms[0]!;
    const size = Rational.of(num, den);
    // Factors (variables and atoms) present in every term, to their smallest exponent.
    const commonFactors: Factor[] = [];
    for (const f of first.factors) {
      let exp = f.exp;
      for (const t of a.terms) {
        const g = t.factors.find((h) => h.base.key === f.base.key);
        if (!g) {
          exp = Rational.ZERO;
          break;
        }
        if (g.exp.cmp(exp) < 0) exp = g.exp;
      }
      if (!exp.isZero()) commonFactors.push(factor(f.base, exp));
    }
    const common = this.term(Rational.ONE, commonFactors);
    const inverse = this.sum([this.term(size.inverse(), commonFactors.map((f) => (factor(f.base, f.exp.neg()))))]);
    const divided = this.mul(a, inverse);
    // The sign goes with the first term of what is left, in its own order: the first term of `a`
    // may not be (2·m − x·m has its terms in another order than 2 − x), and then one sum would
    // have two forms, 1/(2 − x) and −1/(−2 + x).
    const negative = (divided.terms[0]?.coef.sign ?? 1) < 0;
    return { content: negative ? size.neg() : size, common, primitive: negative ? this.neg(divided) : divided };
  }

  // ---- sums and order -------------------------------------------------------------------------

  /** Merges like terms, then sorts. */
  private collect(terms: readonly Term[]): Canonical {
    this.spend(terms.length);
    const byMonomial = new Map<string, Term>();
    for (const t of terms) {
      const prev = byMonomial.get(t.monomial);
      byMonomial.set(t.monomial, prev ? withCoef(prev, prev.coef.add(t.coef)) : t);
    }
    if (byMonomial.size > MAX_TERMS) tooLarge();
    return this.sum([...byMonomial.values()]);
  }

  /** Terms already merged: drop zeros, sort, key. */
  private sum(terms: readonly Term[]): Canonical {
    // Each term's order key is computed once, then compared: sorting 20,000 terms compares them
    // a quarter of a million times.
    const kept = terms.filter((t) => !t.coef.isZero());
    if (kept.length > 1) {
      for (const t of kept as TermOf[]) {
        if (t.orderedBy !== this) {
          t.order = this.orderKey(t);
          t.orderedBy = this;
        }
      }
      kept.sort((a, b) => compareTerms(a, (a as TermOf).order!, b, (b as TermOf).order!));
    }
    return new Form(kept);
  }

  /** Variables by the sheet's input order; names it does not list come after, by name. */
  private varRank(name: string): number {
    return this.rank.get(name) ?? Number.MAX_SAFE_INTEGER;
  }

  /**
   * Factors: variables with positive exponents (smaller exponent first, then input order), then
   * atoms with positive exponents, then variables and atoms with negative exponents (the
   * denominator), each by input order or key.
   */
  private compareFactors(a: Factor, b: Factor): number {
    const group = (f: Factor) => (f.exp.sign > 0 ? 0 : 2) + (f.base.kind === "var" ? 0 : 1);
    const ga = group(a);
    const gb = group(b);
    if (ga !== gb) return ga - gb;
    if (a.base.kind === "var" && b.base.kind === "var") {
      if (ga === 0 && !a.exp.equals(b.exp)) return a.exp.cmp(b.exp);
      const r = this.varRank(a.base.name) - this.varRank(b.base.name);
      return r !== 0 ? r : a.base.name < b.base.name ? -1 : a.base.name > b.base.name ? 1 : 0;
    }
    return a.base.key < b.base.key ? -1 : a.base.key > b.base.key ? 1 : 0;
  }

  /** A term's degree and its variables in input order, computed once per sort. */
  private orderKey(t: Term): OrderKey {
    const vars = t.factors
      .filter((f) => f.base.kind === "var")
      .map((f) => ({ rank: this.varRank((f.base as { name: string }).name), name: (f.base as { name: string }).name, exp: f.exp }))
      .sort(compareVars);
    return { degree: degree(t), vars };
  }

}

function degree(t: Term): Rational {
  return t.factors.reduce((acc, f) => acc.add(f.exp), Rational.ZERO);
}


function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function tooLarge(): never {
  throw new ArithmeticError("too-many-terms", `the expanded form would have more than ${MAX_TERMS.toLocaleString("en-US")} terms`);
}
