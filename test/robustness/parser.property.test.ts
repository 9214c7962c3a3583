import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FlopsheetError } from "../../src/core/errors.js";
import { parseAll, parseFormula } from "../../src/syntax/parse.js";
import { CORPUS } from "../syntax/corpus.js";
import { assertRuns, runs, TIMEOUT } from "./fuzz-config.js";

/** Parses; any failure must be our error type, pointing inside the input. */
function parsesOrFailsCleanly(text: string): void {
  try {
    parseFormula(text);
  } catch (e) {
    if (!(e instanceof FlopsheetError)) throw new Error(`${JSON.stringify(text)} threw ${String(e)}`);
    const loc = e.issues[0]!.location!;
    expect(["PARSE", "TOO_DEEP", "ARITY"]).toContain(e.code);
    const lines = text.split("\n");
    expect(loc.line).toBeGreaterThanOrEqual(1);
    expect(loc.line).toBeLessThanOrEqual(lines.length);
    expect(loc.column).toBeGreaterThanOrEqual(1);
    expect(loc.column).toBeLessThanOrEqual(lines[loc.line - 1]!.length + 1);
  }
}

const mutation = fc.tuple(fc.constantFrom(...CORPUS), fc.array(fc.tuple(fc.constantFrom("delete", "duplicate", "swap", "insert"), fc.nat(), fc.string({ unit: "grapheme", maxLength: 2 })), { minLength: 1, maxLength: 4 })).map(
  ([text, edits]) => {
    let s = [...text];
    for (const [kind, at, insert] of edits) {
      const i = s.length === 0 ? 0 : at % s.length;
      if (kind === "delete") s.splice(i, 1);
      else if (kind === "duplicate" && s.length > 0) s.splice(i, 0, s[i]!);
      else if (kind === "swap" && s.length > 1) [s[i], s[(i + 1) % s.length]] = [s[(i + 1) % s.length]!, s[i]!];
      else s.splice(i, 0, ...insert);
    }
    return s.join("");
  },
);

describe("the parser only fails cleanly", () => {
  test(`random strings, any Unicode (${runs(5_000)})`, async () => {
    await assertRuns(fc.property(fc.string({ unit: "binary", maxLength: 60 }), parsesOrFailsCleanly), runs(5_000));
  }, TIMEOUT);

  test(`random strings of formula characters (${runs(5_000)})`, async () => {
    const chars = fc.constantFrom(..."ab2 7.e_()+-−×·*/÷^²³⁻¹√,".split(""), "sqrt", "min", "log");
    await assertRuns(fc.property(fc.array(chars, { maxLength: 30 }).map((a) => a.join("")), (text) => {
      parsesOrFailsCleanly(text);
      // Whatever parses, parses once: ambiguity would show here first.
      try {
        expect(parseAll(text)).toHaveLength(1);
      } catch (e) {
        if (!(e instanceof FlopsheetError)) throw e;
      }
    }), runs(5_000));
  }, TIMEOUT);

  test(`a plain whole number, which skips the parser, is the tree the parser makes (${runs(1_000)})`, async () => {
    const { SourceText } = await import("../../src/core/errors.js");
    await assertRuns(
      fc.property(fc.stringMatching(/^[0-9]{1,40}$/), fc.nat(50), (text, at) => {
        const origin = { source: new SourceText("a.yaml", " ".repeat(at) + text), map: (i: number) => at + i };
        expect(parseFormula(text, origin)).toEqual(parseAll(text, origin)[0]);
      }),
      runs(1_000),
    );
  }, TIMEOUT);

  test(`valid formulas with deleted, duplicated, swapped and inserted characters (${runs(5_000)})`, async () => {
    await assertRuns(fc.property(mutation, parsesOrFailsCleanly), runs(5_000));
  }, TIMEOUT);

  test("inputs up to 10 kB are each accepted or refused with the right error (times are in npm run bench)", () => {
    const tenK = (unit: string) => unit.repeat(Math.floor(10_000 / unit.length));
    // What each must come to: parsed, or refused with this code.
    const cases: Record<string, string> = {
      "a 10 kB sum": "x" + tenK(" + x"),
      "a 10 kB product with powers": "x" + tenK(" × y²"),
      "10 kB of opening parentheses": tenK("("),
      "balanced parentheses, 5,000 deep": "(".repeat(5_000) + "x" + ")".repeat(5_000),
      "10 kB of unary minus": tenK("−") + "x",
      "a 10 kB tower of powers": "2" + tenK("^2"),
      "10 kB of operators": tenK("+×"),
      "10 kB of digits": tenK("7"),
      "10 kB of names": tenK("ab "),
    };
    const expected: Record<string, string> = {
      "a 10 kB sum": "parsed",
      "a 10 kB product with powers": "parsed",
      "10 kB of opening parentheses": "TOO_DEEP",
      "balanced parentheses, 5,000 deep": "TOO_DEEP",
      "10 kB of unary minus": "TOO_DEEP",
      "a 10 kB tower of powers": "TOO_DEEP",
      "10 kB of operators": "PARSE",
      "10 kB of digits": "parsed",
      "10 kB of names": "PARSE",
    };
    const outcome = (text: string) => {
      try {
        parseFormula(text);
        return "parsed";
      } catch (e) {
        if (!(e instanceof FlopsheetError)) throw e;
        return e.code;
      }
    };
    expect(Object.fromEntries(Object.entries(cases).map(([name, text]) => [name, outcome(text)]))).toEqual(expected);
  }, TIMEOUT);
});
