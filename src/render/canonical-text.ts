/**
 * Canonical forms as text: `2·d_model² + n·d_model²`, `d_model/(2·H)`, `√(a + b)`. The text is
 * valid formula-language input and parses back to the same canonical form.
 */
import type { Base, Canonical, Factor } from "../algebra/canonical.js";
import { assertNever } from "../syntax/tree.js";
import { layoutTerm } from "./canonical-layout.js";
import { superscript } from "./numbers.js";
import { callText } from "../syntax/functions.js";

/** @example canonicalText(form) // "2·d_model² + n·d_model²" */
export function canonicalText(c: Canonical): string {
  if (c.terms.length === 0) return "0";
  return c.terms
    .map((t, i) => {
      const l = layoutTerm(t);
      const num = [...(l.numeratorCoef !== undefined ? [l.numeratorCoef.toString()] : []), ...l.numerator.map(factorText)];
      const den = [...(l.denominatorCoef !== undefined ? [l.denominatorCoef.toString()] : []), ...l.denominator.map(factorText)];
      const body = num.join("·") + (den.length === 0 ? "" : `/${den.length > 1 ? `(${den.join("·")})` : den[0]}`);
      return i === 0 ? (l.negative ? `−${body}` : body) : `${l.negative ? " − " : " + "}${body}`;
    })
    .join("");
}

function baseText(b: Base): { text: string; atomic: boolean } {
  switch (b.kind) {
    case "var":
      return { text: b.name, atomic: true };
    case "pow": {
      const inner = canonicalText(b.base);
      const atomic = b.base.terms.length === 1 && b.base.terms[0]!.factors.length === 0 && b.base.terms[0]!.coef.isInteger() && b.base.terms[0]!.coef.sign > 0;
      return { text: atomic ? inner : `(${inner})`, atomic: true };
    }
    case "call":
      if (b.fn === "pow") {
        const [x, y] = b.args as [Canonical, Canonical];
        return { text: `${wrap(x)}^${wrap(y)}`, atomic: false };
      }
      return { text: callText(b.fn, b.args.map(canonicalText)), atomic: true };
    default:
      return assertNever(b);
  }
}

/** A form as an operand: parenthesised unless it is a single name or a non-negative whole number. */
function wrap(c: Canonical): string {
  const t = canonicalText(c);
  return /^[\p{L}_][\p{L}\d_]*$|^\d+$/u.test(t) ? t : `(${t})`;
}

function factorText(f: Factor): string {
  const { text, atomic } = baseText(f.base);
  if (f.exp.isOne()) return text;
  const base = atomic ? text : `(${text})`;
  if (f.exp.isInteger()) return `${base}${superscript(f.exp.n)}`;
  if (f.exp.n === 1n && f.exp.d === 2n) return `√${base}`;
  return `${base}^(${f.exp})`;
}
