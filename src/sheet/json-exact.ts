/**
 * JSON read for model configs: every number kept as the text it was written as (an integer past
 * 2⁵³ keeps all its digits, `4096` stays "4096"), and every value with its span in the file, so a
 * mistake in a config is reported at its line and column, like one in a sheet.
 */
import { FlopsheetError, SourceText, type Span } from "../core/errors.js";

export type JsonValue =
  | { readonly kind: "number"; readonly text: string; readonly span: Span }
  | { readonly kind: "string"; readonly value: string; readonly span: Span }
  | { readonly kind: "boolean"; readonly value: boolean; readonly span: Span }
  | { readonly kind: "null"; readonly span: Span }
  | { readonly kind: "array"; readonly items: readonly JsonValue[]; readonly span: Span }
  | { readonly kind: "object"; readonly entries: ReadonlyMap<string, { readonly key: Span; readonly value: JsonValue }>; readonly span: Span };

/** Nesting a config never needs; deeper input is refused before it can exhaust the stack. */
const MAX_DEPTH = 100;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * @example parseJsonExact(new SourceText("c.json", '{"n": 12345678901234567890}'))
 * @throws FlopsheetError located where the text stops being JSON.
 */
export function parseJsonExact(file: SourceText): JsonValue {
  const text = file.text;
  let at = 0;
  const fail = (message: string, where = at): never => {
    if (where >= text.length) message = "the text ends too early";
    throw new FlopsheetError(file.issue("INVALID_VALUE", `${file.name} is not JSON: ${message}`, { start: where, end: where + 1 }));
  };
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at]!)) at++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, at)) {
      at += word.length;
      return true;
    }
    return false;
  };
  const string = (): { value: string; span: Span } => {
    STRING.lastIndex = at;
    const m = STRING.exec(text);
    if (!m) fail(text[at] === '"' ? "a string is not closed or holds a control character" : "expected a string");
    const start = at;
    at += m![0].length;
    return { value: JSON.parse(m![0]) as string, span: { start, end: at } };
  };
  const value = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} deep`);
    space();
    const start = at;
    const c = text[at];
    if (c === "{") {
      at++;
      const entries = new Map<string, { key: Span; value: JsonValue }>();
      space();
      if (text[at] === "}") return { kind: "object", entries, span: { start, end: ++at } };
      for (;;) {
        space();
        const key = string();
        space();
        if (text[at] !== ":") fail("expected ‘:’ after a key");
        at++;
        const v = value(depth + 1);
        if (entries.has(key.value)) fail(`the key ‘${key.value}’ appears twice`, key.span.start);
        entries.set(key.value, { key: key.span, value: v });
        space();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "}") return { kind: "object", entries, span: { start, end: ++at } };
        fail("expected ‘,’ or ‘}’");
      }
    }
    if (c === "[") {
      at++;
      const items: JsonValue[] = [];
      space();
      if (text[at] === "]") return { kind: "array", items, span: { start, end: ++at } };
      for (;;) {
        items.push(value(depth + 1));
        space();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "]") return { kind: "array", items, span: { start, end: ++at } };
        fail("expected ‘,’ or ‘]’");
      }
    }
    if (c === '"') {
      const s = string();
      return { kind: "string", value: s.value, span: s.span };
    }
    if (literal("true")) return { kind: "boolean", value: true, span: { start, end: at } };
    if (literal("false")) return { kind: "boolean", value: false, span: { start, end: at } };
    if (literal("null")) return { kind: "null", span: { start, end: at } };
    // Python's json writes these for floats; a config's dropout may hold one. They are no size.
    if (literal("NaN") || literal("Infinity") || literal("-Infinity")) return { kind: "null", span: { start, end: at } };
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (!m) return fail(at >= text.length ? "the text ends too early" : `unexpected ‘${text[at]}’`);
    at += m[0].length;
    return { kind: "number", text: m[0], span: { start, end: at } };
  };
  const v = value(0);
  space();
  if (at < text.length) fail("more text after the end of the JSON value");
  return v;
}
