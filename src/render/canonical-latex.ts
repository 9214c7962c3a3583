/**
 * Canonical forms as LaTeX math (no surrounding `$`): `2\,d_{\text{model}}^{2} + n\,d_{\text{model}}^{2}`.
 */
import type { Base, Canonical, Factor } from "../algebra/canonical.js";
import { Rational } from "../core/rational.js";
import { assertNever } from "../syntax/tree.js";
import { layoutTerm } from "./canonical-layout.js";
import { groupDigits } from "./numbers.js";
import { latexSymbol } from "./latex-symbols.js";
import { callLatex, callLatexEnds } from "../syntax/functions.js";
import { latexWidth } from "./latex-math.js";

/** A whole number with thin-space grouping: `2\,016\,000`. */
export function latexInteger(n: bigint): string {
  return groupDigits(n.toString(), "\\,");
}

/** @example canonicalLatex(form, new Map([["alpha", "\\alpha"]])) */
export function canonicalLatex(c: Canonical, symbols?: ReadonlyMap<string, string>): string {
  return canonicalLatexTerms(c, symbols).join("");
}

/** The terms of a form as LaTeX, each after the first starting with its sign (" + …", " - …"), for breaking long sums. */
export function canonicalLatexTerms(c: Canonical, symbols?: ReadonlyMap<string, string>): string[] {
  return canonicalLatexPieces(c, symbols).map((pieces) => pieces.join(""));
}

/** A call wider than this is opened out into pieces a line may break between. */
const WIDE_CALL = 40;

/**
 * Each term as the pieces a line may break between: one piece, or for a term holding a wide call
 * (`max` of two long sums), the term's other factors, the call's opening (after `/` when the call
 * divides), each term of each argument, and its closing.
 */
export function canonicalLatexPieces(c: Canonical, symbols?: ReadonlyMap<string, string>): string[][] {
  if (c.terms.length === 0) return [["0"]];
  const factor = (f: Factor) => factorLatex(f, symbols);
  return c.terms.map((t, i) => {
    const l = layoutTerm(t);
    const sign = i === 0 ? (l.negative ? "-" : "") : l.negative ? " - " : " + ";
    const wideUp = l.numerator.findIndex((f) => isWideCall(f, symbols));
    const wideDown = wideUp >= 0 ? -1 : l.denominator.findIndex((f) => isWideCall(f, symbols));
    const wide = wideUp >= 0 ? l.numerator[wideUp] : l.denominator[wideDown];
    const numerator = l.numerator.filter((_, k) => k !== wideUp);
    const denominator = l.denominator.filter((_, k) => k !== wideDown);
    const num = [...(l.numeratorCoef !== undefined ? [latexInteger(l.numeratorCoef)] : []), ...numerator.map(factor)];
    const den = [...(l.denominatorCoef !== undefined ? [latexInteger(l.denominatorCoef)] : []), ...denominator.map(factor)];
    const numText = num.length > 0 ? num.join("\\,") : "1";
    const body = den.length === 0 ? numText : `\\frac{${numText}}{${den.join("\\,")}}`;
    if (wide === undefined) return [`${sign}${body}`];
    // A dividing call or sum follows the rest after a slash; a multiplying one follows it, or stands alone.
    const lead = wideDown >= 0 ? `${body} \\big/ ` : body === "1" ? "" : `${body}\\,`;
    return [...callPieces(wide.base, symbols, `${sign}${lead}`)];
  });
}

/** A wide call (or sum in parentheses) as pieces: its opening with `lead`, each term of its arguments, its closing. */
function callPieces(base: Base, symbols: ReadonlyMap<string, string> | undefined, lead: string): string[] {
  const ends = operatorEnds(base)!;
  const list = base.kind === "call" ? base.args : base.kind === "pow" ? [base.base] : [];
  // A comma ends the line an argument ends on, so a broken line never starts with one.
  const pieces = list.flatMap((a, k) => {
    const terms = canonicalLatexPieces(a, symbols).flat();
    if (k < list.length - 1) terms[terms.length - 1] = `${terms[terms.length - 1]},`;
    if (k > 0) terms[0] = ` ${terms[0]!.trimStart()}`;
    return terms;
  });
  pieces[0] = `${lead}${ends.open}${pieces[0]}`;
  pieces[pieces.length - 1] = `${pieces[pieces.length - 1]}${ends.close}`;
  return pieces;
}

/**
 * A call to a function written as an operator (max, min, log), or a sum in parentheses, to the
 * first power (in the numerator or the denominator), too wide for a line's share.
 */
function isWideCall(f: Factor, symbols?: ReadonlyMap<string, string>): boolean {
  return f.exp.abs().isOne() && operatorEnds(f.base) !== undefined && latexWidth(factorLatex({ ...f, exp: Rational.ONE }, symbols)) > WIDE_CALL;
}

function operatorEnds(b: Base): { open: string; close: string } | undefined {
  if (b.kind === "pow") return { open: "\\bigl(", close: "\\bigr)" };
  return b.kind === "call" && b.fn !== "pow" ? callLatexEnds(b.fn) : undefined;
}

function baseLatex(b: Base, symbols?: ReadonlyMap<string, string>): { text: string; atomic: boolean } {
  switch (b.kind) {
    case "var":
      return { text: latexSymbol(b.name, symbols), atomic: true };
    case "pow":
      return { text: `\\left(${canonicalLatex(b.base, symbols)}\\right)`, atomic: true };
    case "call": {
      const args = b.args.map((a) => canonicalLatex(a, symbols));
      // `pow` is the power operator with a symbolic exponent, not a function of the language.
      if (b.fn === "pow") return { text: `\\left(${args[0]}\\right)^{${args[1]}}`, atomic: false };
      return { text: callLatex(b.fn, args), atomic: true };
    }
    default:
      return assertNever(b);
  }
}

function factorLatex(f: Factor, symbols?: ReadonlyMap<string, string>): string {
  const { text, atomic } = baseLatex(f.base, symbols);
  const inner = f.base.kind === "pow" ? canonicalLatex(f.base.base, symbols) : text;
  if (f.exp.n === 1n && f.exp.d === 2n) return `\\sqrt{${inner}}`;
  if (f.exp.isOne()) return text;
  const base = atomic ? text : `\\left(${text}\\right)`;
  // A subscripted name takes its exponent in braces after the subscript: d_{\text{model}}^{2}.
  return `${base}^{${f.exp.isInteger() ? f.exp.n : `${f.exp.n}/${f.exp.d}`}}`;
}
