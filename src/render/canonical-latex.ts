/**
 * Canonical forms as LaTeX math (no surrounding `$`): `2\,d_{\text{model}}^{2} + n\,d_{\text{model}}^{2}`.
 */
import type { Base, Canonical, Factor } from "../algebra/canonical.js";
import { assertNever } from "../syntax/tree.js";
import { layoutTerm } from "./canonical-layout.js";
import { groupDigits } from "./numbers.js";
import { latexSymbol } from "./latex-symbols.js";
import { callLatex } from "../syntax/functions.js";

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
  if (c.terms.length === 0) return ["0"];
  const factor = (f: Factor) => factorLatex(f, symbols);
  return c.terms
    .map((t, i) => {
      const l = layoutTerm(t);
      const num = [...(l.numeratorCoef !== undefined ? [latexInteger(l.numeratorCoef)] : []), ...l.numerator.map(factor)];
      const den = [...(l.denominatorCoef !== undefined ? [latexInteger(l.denominatorCoef)] : []), ...l.denominator.map(factor)];
      const numText = num.length > 0 ? num.join("\\,") : "1";
      const body = den.length === 0 ? numText : `\\frac{${numText}}{${den.join("\\,")}}`;
      return i === 0 ? (l.negative ? `-${body}` : body) : `${l.negative ? " - " : " + "}${body}`;
    });
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
