/**
 * The grammar driver: text in, one expression tree out, or a FlopsheetError that points at the
 * offending token inside the enclosing file and says in a line what was expected there.
 */
import nearley from "nearley";
import { FlopsheetError, SourceText, type Span } from "../core/errors.js";
import { expectString } from "../core/arguments.js";
import grammar from "./formula-grammar.generated.js";
import { TokenReplay, tokenize, type OffsetMap, type Token } from "./lexer.js";
import { arityProblem } from "./functions.js";
import { treeOf } from "./parse-memo.js";
import { parsedMemo } from "./parsed.generated.js";
import { assertNever, nesting, type Call, type Expr } from "./tree.js";

/** Where a formula's text sits: the file it came from, and how its offsets map into that file. */
export interface FormulaOrigin {
  readonly source: SourceText;
  readonly map: OffsetMap;
}

/**
 * Nesting deeper than this (parentheses, calls, powers, unary minus; a long sum counts once) is
 * refused with a clear error: later passes recurse on nesting, and no real formula comes close.
 */
export const MAX_NESTING = 200;

const PLAIN_WHOLE = /^[0-9]+$/;

const compiled = nearley.Grammar.fromCompiled(grammar);

/**
 * Parses a formula.
 *
 * @example parseFormula("2 × d_model² + (n × d_model²)")
 * @throws FlopsheetError with code PARSE or TOO_DEEP, located in `origin.source`.
 */
export function parseFormula(text: string, origin?: FormulaOrigin): Expr {
  expectString(text, "parseFormula's text");
  // A plain whole number (a config's 4096) is one number node: no parse needed, none run.
  const memo = PLAIN_WHOLE.test(text) ? { kind: "number" as const, text, span: [0, text.length] as const } : parsedMemo(text);
  if (memo !== undefined) return treeOf(memo, origin?.map ?? ((i) => i), origin?.source ?? new SourceText("<formula>", text));
  const results = parseAll(text, origin);
  if (results.length > 1) {
    // The grammar is built to be unambiguous; a test checks it. This is a bug, not a user error.
    throw new Error(`internal error: ${results.length} parses for ${JSON.stringify(text)}`);
  }
  return results[0]!;
}

/** Every parse of a formula (exactly one for any valid formula); for the unambiguity test. */
export function parseAll(text: string, origin?: FormulaOrigin): Expr[] {
  const source = origin?.source ?? new SourceText("<formula>", text);
  const map = origin?.map ?? ((i: number) => i);
  const fail = (message: string, span: Span, code: "PARSE" | "TOO_DEEP" | "ARITY" = "PARSE"): never => {
    throw new FlopsheetError(source.issue(code, message, span));
  };

  const tokens = tokenize(text, map, source);
  const last = tokens[tokens.length - 1];
  if (last === undefined) return fail("the formula is empty", { start: map(0), end: map(text.length) });
  if (last.type === "error") {
    const ch = String.fromCodePoint(last.text.codePointAt(0)!);
    return fail(`unexpected character ‘${ch}’ in a formula`, { start: last.offset, end: last.offset + ch.length });
  }

  const tooDeep = deepestToken(tokens);
  if (tooDeep) return fail(`the formula is nested more than ${MAX_NESTING} levels deep`, tokenSpan(tooDeep), "TOO_DEEP");

  const { parser, failedAt } = run(tokens);
  if (failedAt !== undefined) {
    const token = tokens[failedAt]!;
    const expected = expectedAt(parser, parser.table.length - 2);
    // Could the formula have ended just before this token? Then say so (error path only).
    if (run(tokens.slice(0, failedAt)).parser.results.length > 0) expected.add("the end of the formula");
    return fail(unexpectedMessage(tokens, failedAt, expected), tokenSpan(token));
  }
  if (parser.results.length === 0) {
    const expected = expectedAt(parser, parser.table.length - 1);
    const at = map(text.trimEnd().length);
    return fail(`the formula ends too early; expected ${describe(expected)}`, { start: at, end: at + 1 });
  }
  const results = parser.results as Expr[];
  const { beyondLimit } = nesting(results[0]!, MAX_NESTING);
  if (beyondLimit) {
    const at = beyondLimit.span.start;
    return fail(`the formula is nested more than ${MAX_NESTING} levels deep`, { start: at, end: at + 1 }, "TOO_DEEP");
  }
  const miscounted = wrongArity(results[0]!);
  if (miscounted) return fail(arityProblem(miscounted.fn, miscounted.args.length)!, miscounted.span, "ARITY");
  return results;
}

/** The first call with the wrong number of arguments for its function, if any. */
function wrongArity(expr: Expr): Call | undefined {
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.kind) {
      case "call":
        if (arityProblem(e.fn, e.args.length)) return e;
        stack.push(...e.args);
        break;
      case "binary":
        stack.push(e.right, e.left);
        break;
      case "negate":
        stack.push(e.arg);
        break;
      case "group":
        stack.push(e.inner);
        break;
      case "number":
      case "symbol":
        break;
      default:
        assertNever(e);
    }
  }
  return undefined;
}

/**
 * The first token past the nesting limit, counting parentheses and chains of `^` (which nest to
 * the right), found before parsing: an Earley parser without Leo's optimisation takes quadratic
 * time on right recursion, and a 10 kB tower of powers took 2 s to parse.
 */
function deepestToken(tokens: readonly Token[]): Token | undefined {
  const powers: number[] = [0];
  let previous: Token | undefined;
  for (const t of tokens) {
    const level = powers.length - 1;
    if (t.type === "lparen") powers.push(0);
    else if (t.type === "rparen" && level > 0) powers.pop();
    else if (t.type === "caret") powers[level]!++;
    else if (t.type === "plus" || t.type === "times" || t.type === "divide" || t.type === "comma") powers[level] = 0;
    else if (t.type === "minus" && previous !== undefined && ["number", "ident", "rparen", "superscript"].includes(previous.type)) powers[level] = 0;
    if (powers.length - 1 + powers[powers.length - 1]! > MAX_NESTING) return t;
    previous = t;
  }
  return undefined;
}

// nearley documents `parser.table` (with `keepHistory`) but its typings omit it; the expected
// tokens at an error are read from there.
type Column = { states: { rule: { symbols: unknown[] }; dot: number }[] };
type TableParser = nearley.Parser & { table: Column[] };

function run(tokens: readonly Token[]): { parser: TableParser; failedAt?: number } {
  const parser = new nearley.Parser(compiled, { keepHistory: true, lexer: new TokenReplay(tokens) }) as TableParser;
  try {
    parser.feed("");
  } catch (e) {
    const token = (e as { token?: Token }).token;
    if (!token) throw e;
    return { parser, failedAt: tokens.indexOf(token) };
  }
  return { parser };
}

const tokenSpan = (t: Token): Span => ({ start: t.offset, end: t.end, source: t.source });

type Expectation =
  | "a number" | "a name" | "a function" | "‘(’" | "‘)’" | "‘,’" | "an operator" | "√" | "the end of the formula";

const EXPECTATION_ORDER: readonly Expectation[] = [
  "an operator", "a number", "a name", "a function", "√", "‘(’", "‘,’", "‘)’", "the end of the formula",
];

const BY_TOKEN: Record<string, Expectation> = {
  number: "a number", ident: "a name", func: "a function", lparen: "‘(’", rparen: "‘)’", comma: "‘,’", sqrt: "√",
};

function expectedAt(parser: TableParser, columnIndex: number): Set<Expectation> {
  const types = new Set<string>();
  for (const state of parser.table[columnIndex]?.states ?? []) {
    const next = state.rule.symbols[state.dot] as { type?: string } | string | undefined;
    if (next !== undefined && typeof next !== "string" && next.type !== undefined) types.add(next.type);
  }
  const found = new Set<Expectation>();
  for (const t of types) {
    // A minus where a value may start is unary minus, part of "a value", not a binary operator.
    if (t === "minus" && types.has("number")) continue;
    found.add(BY_TOKEN[t] ?? "an operator");
  }
  return found;
}

function describe(expected: Set<Expectation>): string {
  const items = EXPECTATION_ORDER.filter((e) => expected.has(e));
  // "a number, a name, a function, √ or ‘(’" all mean "a value": say so briefly.
  const valueStarts: Expectation[] = ["a number", "a name", "a function", "√", "‘(’"];
  const compact = valueStarts.every((v) => expected.has(v))
    ? [...items.filter((i) => !valueStarts.includes(i)), "a value (a number, a name or ‘(’)"]
    : items;
  if (compact.length === 0) return "nothing more";
  return compact.length === 1 ? compact[0]! : `${compact.slice(0, -1).join(", ")} or ${compact[compact.length - 1]}`;
}

function tokenDisplay(t: Token): string {
  switch (t.type) {
    case "number":
      return `number ‘${t.text}’`;
    case "ident":
      return `name ‘${t.text}’`;
    case "func":
      return `function ‘${t.text}’`;
    default:
      return `‘${t.text}’`;
  }
}

function unexpectedMessage(tokens: readonly Token[], index: number, expected: Set<Expectation>): string {
  const token = tokens[index]!;
  const previous = tokens[index - 1];
  if (token.type === "rparen" && !expected.has("‘)’")) {
    const open = tokens.slice(0, index).filter((t) => t.type === "lparen").length;
    const closed = tokens.slice(0, index).filter((t) => t.type === "rparen").length;
    if (open <= closed) return "‘)’ has no matching ‘(’";
  }
  if (token.type === "lparen" && previous?.type === "ident") {
    return `‘${previous.text}’ is not a function; to multiply, write ${previous.text} × (…)`;
  }
  if (token.type === "number" && previous?.type === "number") {
    return `unexpected ${tokenDisplay(token)} right after a number; write × between numbers`;
  }
  return `unexpected ${tokenDisplay(token)}; expected ${describe(expected)}`;
}
