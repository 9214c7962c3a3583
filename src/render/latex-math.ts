/**
 * LaTeX math for reports: values, number literals, formulas as written (with or without their
 * values), and breaking long expressions into lines that fit a page.
 */
import type { Rational } from "../core/rational.js";
import type { Value } from "../evaluate/value.js";
import { assertNever, leftChain, type Expr } from "../syntax/tree.js";
import { latexSymbol } from "./latex-symbols.js";
import { callLatex, functionSpec } from "../syntax/functions.js";
import { formatExact, formatRounded, groupDigits, type ScientificStyle } from "./numbers.js";
import { showsRounded } from "./result-text.js";

export const LATEX_SCIENTIFIC: ScientificStyle = { times: " \\times ", power: (e) => `10^{${e}}`, minus: "-" };

/** An exact value: `469\,762\,048`, `6.71`, `-\frac{1}{3}`. */
export function latexExact(q: Rational): string {
  const text = formatExact(q, "\\,").replace("−", "-");
  const slash = text.indexOf("/");
  if (slash === -1) return text;
  const sign = text.startsWith("-") ? "-" : "";
  return `${sign}\\frac{${text.slice(sign.length, slash)}}{${text.slice(slash + 1)}}`;
}

/** A result: exact, then `\approx` its rounded form when that says more (the rule of showsRounded). */
export function latexResult(v: Value, digits: number): string {
  const rounded = formatRounded(v.q, digits, LATEX_SCIENTIFIC);
  if (!v.exact) return `\\approx ${rounded}`;
  return showsRounded(v.q, digits) ? `${latexExact(v.q)} \\approx ${rounded}` : latexExact(v.q);
}

/** A value put into a formula: exact values in full, approximations to six figures. */
export function latexValue(v: Value): string {
  return v.exact ? latexExact(v.q) : formatRounded(v.q, 6, LATEX_SCIENTIFIC);
}

/** A number as its author typed it: `1e12` → `10^{12}`, `6.71e7` → `6.71 \times 10^{7}`, `70_000` → `70\,000`. */
export function latexNumberLiteral(text: string): string {
  const m = /^([\d_.]+)(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return text;
  const [int = "", frac] = m[1]!.replace(/_/g, "").split(".");
  const mantissa = groupDigits(int || "0", "\\,") + (frac !== undefined ? `.${frac}` : "");
  if (m[2] === undefined) return mantissa;
  const exponent = String(Number(m[2]));
  return mantissa === "1" ? `10^{${exponent}}` : `${mantissa} \\times 10^{${exponent}}`;
}

const OPERATORS: Record<string, string> = { "+": "+", "-": "-", "−": "-", "×": "\\times", "·": "\\cdot", "⋅": "\\cdot", "*": "\\cdot", "/": "/", "÷": "\\div" };

export interface TreeLatexOptions {
  /** Values to put in place of names (the substituted line of a step). */
  readonly values?: ReadonlyMap<string, Value>;
  readonly symbols?: ReadonlyMap<string, string>;
}

/**
 * A formula as LaTeX, split at its top-level operators into pieces (each after the first starting
 * with its operator) so a long line can break between them.
 */
export function treeLatexPieces(expr: Expr, options: TreeLatexOptions = {}): string[] {
  const value = (name: string, operand: boolean): string | undefined => {
    const v = options.values?.get(name);
    if (v === undefined) return undefined;
    const text = latexValue(v);
    return operand && /\\times|\\frac|^-/.test(text) ? `\\left(${text}\\right)` : text;
  };
  const walk = (e: Expr, operand: boolean): string => {
    switch (e.kind) {
      case "number":
        return latexNumberLiteral(e.text);
      case "symbol":
        return value(e.name, operand) ?? latexSymbol(e.name, options.symbols);
      case "negate":
        return `-${walk(e.arg, true)}`;
      case "group":
        return `\\left(${walk(e.inner, false)}\\right)`;
      case "call": {
        // A radical's own bar groups its argument: √(a + b) needs no parentheses under it.
        const args = e.args.map((a) => ("radical" in functionSpec(e.fn).latex && a.kind === "group" ? walk(a.inner, false) : walk(a, false)));
        return callLatex(e.fn, args);
      }
      case "binary":
        return joinPieces(e, walk).join("");
      default:
        return assertNever(e);
    }
  };
  if (expr.kind === "binary" && expr.op !== "^") return joinPieces(expr, walk);
  return [walk(expr, false)];
}

/**
 * The pieces of a chain (`a + b − c`, `a × b / c`), each after the first starting with its
 * operator. A parenthesised operand is opened out into its own pieces between `\bigl(` and
 * `\bigr)`, which, unlike `\left(…\right)`, may open on one line and close on another: so a long
 * term can break inside its parentheses.
 */
function joinPieces(e: Extract<Expr, { kind: "binary" }>, walk: (e: Expr, operand: boolean) => string): string[] {
  if (e.op === "^") {
    const base = walk(e.left, true);
    // A base that already has a superscript (or is a root) needs braces; a subscript does not: d_{\text{model}}^{2}.
    const needsBraces = /\^|\\sqrt/.test(base) && !/^\\left\(.*\\right\)$/.test(base);
    const exponent = e.right.kind === "number" ? e.right.text : walk(e.right, false);
    return [`${needsBraces ? `{${base}}` : base}^{${exponent}}`];
  }
  const { ops, operands, links } = leftChain(e);
  const isSum = e.op === "+" || e.op === "-";
  const pieces: string[] = [];
  operands.forEach((o, i) => {
    let inner: string[];
    if (o.kind === "group" && o.inner.kind === "binary" && o.inner.op !== "^") {
      inner = joinPieces(o.inner, walk);
      inner[0] = `\\bigl(${inner[0]}`;
      inner[inner.length - 1] = `${inner[inner.length - 1]}\\bigr)`;
    } else if (o.kind === "binary" && o.op !== "^" && o.style !== "implicit" && (o.op === "*" || o.op === "/") !== !isSum) {
      // A product inside a sum (or a sum inside a product, when written without parentheses
      // only under precedence) opens out too; no parentheses are needed.
      inner = joinPieces(o, walk);
    } else {
      inner = [walk(o, !isSum || (i > 0 && ops[i] === "-"))];
    }
    const link = links[i];
    if (link) {
      const op = link.style === "implicit" ? (/^\d/.test(inner[0]!) ? " \\times " : " ") : ` ${OPERATORS[link.opText] ?? link.opText} `;
      inner[0] = `${op}${inner[0]}`;
    }
    pieces.push(...inner);
  });
  return pieces;
}

/**
 * Roughly how wide a LaTeX math string is, in characters of ordinary text: commands count as one
 * symbol, `\text{…}` by its letters, sub- and superscripts at two thirds, thin spaces at a quarter.
 */
export function latexWidth(latex: string): number {
  let s = latex.replace(/\\(?:text|mathrm)\{([^}]*)\}/g, "$1");
  let small = 0;
  s = s.replace(/[_^]\{([^{}]*)\}/g, (_, inner: string) => {
    small += inner.length * 0.67;
    return "";
  });
  const thin = (s.match(/\\,/g) ?? []).length * 0.25;
  s = s.replace(/\\,/g, "").replace(/\\left|\\right/g, "").replace(/\\[A-Za-z]+/g, "x").replace(/[{}]/g, "").replace(/\s+/g, " ");
  return s.length + small + thin;
}

/** Greedy line breaking: pieces joined on a line while it stays within `width`. */
export function breakLines(pieces: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const piece of pieces) {
    if (line !== "" && latexWidth(line + piece) > width) {
      lines.push(line);
      line = piece.trimStart();
    } else {
      line += piece;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}
