import fc from "fast-check";
import { performance } from "node:perf_hooks";
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
    expect(["PARSE", "TOO_DEEP"]).toContain(e.code);
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

  test(`valid formulas with deleted, duplicated, swapped and inserted characters (${runs(5_000)})`, async () => {
    await assertRuns(fc.property(mutation, parsesOrFailsCleanly), runs(5_000));
  }, TIMEOUT);

  test("inputs up to 10 kB are accepted or rejected quickly (worst case printed)", () => {
    const tenK = (unit: string) => unit.repeat(Math.floor(10_000 / unit.length));
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
      "10 kB of random formula text": Array.from({ length: 10_000 }, (_, i) => "ab2 (+)×^"[(i * 7919) % 9]).join(""),
    };
    const times: [string, number][] = [];
    for (const [name, text] of Object.entries(cases)) {
      const t = performance.now();
      parsesOrFailsCleanly(text);
      times.push([name, performance.now() - t]);
    }
    times.sort((a, b) => b[1] - a[1]);
    console.log("parse times for 10 kB inputs, slowest first:\n" + times.map(([n, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${n}`).join("\n"));
    expect(times).toHaveLength(Object.keys(cases).length);
  }, TIMEOUT);
});
