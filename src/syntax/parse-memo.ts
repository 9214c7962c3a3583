/**
 * Parses of the shipped formulas, made by the build (scripts/embed-formulas.mjs), so that loading
 * the shipped sheets does not run the Earley parser on each of their formulas at every start. A
 * memo holds a tree with offsets inside its formula's text; the parser maps them into the file and
 * attaches the source, exactly as a parse would.
 */
import type { SourceText, Span } from "../core/errors.js";
import { assertNever, type Expr } from "./tree.js";

/** A tree as plain data: each node as in Expr, its span as [start, end] inside the formula text. */
export type MemoTree = Record<string, unknown> & { readonly kind: Expr["kind"]; readonly span: readonly [number, number] };

/** The plain-data form of a tree parsed from a formula on its own (offsets from 0). */
export function memoOf(e: Expr): MemoTree {
  const span: [number, number] = [e.span.start, e.span.end];
  switch (e.kind) {
    case "number":
      return { kind: e.kind, text: e.text, span };
    case "symbol":
      return { kind: e.kind, name: e.name, span };
    case "negate":
      return { kind: e.kind, arg: memoOf(e.arg), span };
    case "group":
      return { kind: e.kind, inner: memoOf(e.inner), span };
    case "call":
      return { kind: e.kind, fn: e.fn, args: e.args.map(memoOf), style: e.style, span };
    case "binary":
      return { kind: e.kind, op: e.op, left: memoOf(e.left), right: memoOf(e.right), style: e.style, opText: e.opText, span };
    default:
      return assertNever(e);
  }
}

/** The tree a parse of the formula at `map` in `source` gives. */
export function treeOf(m: MemoTree, map: (i: number) => number, source: SourceText): Expr {
  const span: Span = { start: map(m.span[0]), end: map(m.span[1]), source };
  const sub = (x: unknown) => treeOf(x as MemoTree, map, source);
  switch (m.kind) {
    case "number":
      return { kind: "number", text: m.text as string, span };
    case "symbol":
      return { kind: "symbol", name: m.name as string, span };
    case "negate":
      return { kind: "negate", arg: sub(m.arg), span };
    case "group":
      return { kind: "group", inner: sub(m.inner), span };
    case "call":
      return { kind: "call", fn: m.fn as never, args: (m.args as unknown[]).map(sub), style: m.style as never, span };
    case "binary":
      return { kind: "binary", op: m.op as never, left: sub(m.left), right: sub(m.right), style: m.style as never, opText: m.opText as string, span };
    default:
      return assertNever(m.kind);
  }
}
