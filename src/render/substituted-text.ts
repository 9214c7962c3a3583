/**
 * A formula with the values of its names put in, in its author's notation: operators as written,
 * their parentheses, superscripts and radicals kept. `k × d_model²` becomes `7 × 8,192²`.
 */
import type { Value } from "../evaluate/value.js";
import { assertNever, leftChain, type Expr } from "../syntax/tree.js";
import { formatExact, formatRounded, superscript } from "./numbers.js";
import { callText } from "../syntax/functions.js";

export interface SubstitutionStyle {
  /** How a value is shown; exact values in full by default, approximations rounded. */
  readonly value: (v: Value) => string;
  /** Wraps the text of a substituted value (colour in a terminal). */
  readonly mark: (text: string) => string;
}

/** Digits shown for an approximate value inside a substituted formula. */
const APPROX_DIGITS = 6;

export const PLAIN_SUBSTITUTION: SubstitutionStyle = {
  value: (v) => (v.exact ? formatExact(v.q) : formatRounded(v.q, APPROX_DIGITS)),
  mark: (t) => t,
};

/** Whether a value's text can stand as an operand without parentheses. */
function isAtomic(text: string): boolean {
  return /^[\d,.]+$/.test(text);
}

/**
 * @example substitutedText(parseFormula("k × d_model²"), new Map([["k", seven], ["d_model", d]])) // "7 × 8,192²"
 */
export function substitutedText(expr: Expr, values: ReadonlyMap<string, Value>, style: SubstitutionStyle = PLAIN_SUBSTITUTION): string {
  // `operand` is true where a non-atomic value needs parentheses (anywhere but a whole sum's term).
  const walk = (e: Expr, operand: boolean): string => {
    switch (e.kind) {
      case "number":
        return e.text;
      case "symbol": {
        const v = values.get(e.name);
        if (v === undefined) return e.name;
        const text = style.value(v);
        return style.mark(operand && !isAtomic(text) ? `(${text})` : text);
      }
      case "negate":
        return `−${walk(e.arg, true)}`;
      case "group":
        return `(${walk(e.inner, false)})`;
      case "call":
        if (e.style === "radical") {
          const [arg] = e.args as [Expr];
          return `√${arg.kind === "group" ? walk(arg, false) : walk(arg, true)}`;
        }
        return callText(e.fn, e.args.map((a) => walk(a, false)));
      case "binary": {
        if (e.op === "^") {
          const base = walk(e.left, true);
          if (e.style === "superscript" && e.right.kind === "number") return `${base}${superscript(e.right.text)}`;
          return `${base}^${walk(e.right, true)}`;
        }
        const { ops, operands, links } = leftChain(e);
        const isSum = e.op === "+" || e.op === "-";
        return operands
          .map((o, i) => {
            const text = walk(o, !isSum || (i > 0 && ops[i] === "-"));
            if (i === 0) return text;
            const link = links[i]!;
            const opText = link.style === "implicit" ? (o.kind === "symbol" && values.has(o.name) ? "×" : "") : link.opText;
            return opText === "" ? text : ` ${normaliseOp(opText)} ${text}`;
          })
          .join("");
      }
      default:
        return assertNever(e);
    }
  };
  return walk(expr, false);
}

function normaliseOp(op: string): string {
  return op === "-" ? "−" : op;
}
