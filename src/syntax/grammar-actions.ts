/**
 * Node builders for the grammar's postprocessors: they only assemble object literals with spans.
 */
import type { Span } from "../core/errors.js";
import type { Token } from "./lexer.js";
import type { BinaryOp, Expr, FunctionName } from "./tree.js";

// nearley hands postprocessors an untyped array; each builder names the shape its rule produces.
type D = unknown[];

const SUPERSCRIPT_DIGITS: Record<string, string> = {
  "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-",
};

type Spanned = { span: Span } | Token;
const startOf = (x: Spanned) => ("span" in x ? x.span.start : x.offset);
const endOf = (x: Spanned) => ("span" in x ? x.span.end : x.end);
const sourceOf = (x: Spanned) => ("span" in x ? x.span.source : x.source);
const span = (from: Spanned, to: Spanned): Span => ({ start: startOf(from), end: endOf(to), source: sourceOf(from) });

export const num = (d: D): Expr => {
  const [t] = d as [Token];
  return { kind: "number", text: t.text, span: span(t, t) };
};

export const sym = (d: D): Expr => {
  const [t] = d as [Token];
  return { kind: "symbol", name: t.text, span: span(t, t) };
};

export const negate = (d: D): Expr => {
  const [op, arg] = d as [Token, Expr];
  return { kind: "negate", arg, span: span(op, arg) };
};

export const binary =
  (op: BinaryOp) =>
  (d: D): Expr => {
    const [left, t, right] = d as [Expr, Token, Expr];
    return { kind: "binary", op, left, right, style: "explicit", opText: t.text, span: span(left, right) };
  };

export const implicit = (d: D): Expr => {
  const [t, right] = d as [Token, Expr];
  return { kind: "binary", op: "*", left: num([t]), right, style: "implicit", opText: "", span: span(t, right) };
};

export const superscript = (d: D): Expr => {
  const [base, t] = d as [Expr, Token];
  const text = [...t.text].map((c) => SUPERSCRIPT_DIGITS[c]).join("");
  return {
    kind: "binary",
    op: "^",
    left: base,
    right: { kind: "number", text, span: span(t, t) },
    style: "superscript",
    opText: "",
    span: span(base, t),
  };
};

export const group = (d: D): Expr => {
  const [open, inner, close] = d as [Token, Expr, Token];
  return { kind: "group", inner, span: span(open, close) };
};

export const call = (d: D): Expr => {
  const [name, , args, close] = d as [Token, Token, Expr[], Token];
  return { kind: "call", fn: name.text as FunctionName, args, style: "call", span: span(name, close) };
};

export const radical = (d: D): Expr => {
  const [root, arg] = d as [Token, Expr];
  return { kind: "call", fn: "sqrt", args: [arg], style: "radical", span: span(root, arg) };
};

export const firstArg = (d: D): Expr[] => [d[0] as Expr];

export const moreArgs = (d: D): Expr[] => {
  const [args, , arg] = d as [Expr[], Token, Expr];
  return [...args, arg];
};
