/** The build's memo of the shipped formulas' parses: what the parser itself gives, and complete. */
import { expect, test } from "vitest";
import { loadShipped, shippedSheetIds } from "../../src/index.js";
import { parseAll } from "../../src/syntax/parse.js";
import { memoOf } from "../../src/syntax/parse-memo.js";
import { parsedTable } from "../../src/syntax/parsed.generated.js";

test("every memo is the parser's own parse of its text", () => {
  const entries = Object.entries(parsedTable());
  expect(entries.length).toBeGreaterThan(300);
  for (const [text, memo] of entries) expect(memoOf(parseAll(text)[0]!), text).toEqual(memo);
});

test("loading the shipped sheets parses nothing afresh: every formula and both sides of every identity are memoised", () => {
  const missing = shippedSheetIds().flatMap((id) => {
    const sheet = loadShipped(id);
    const texts = [...sheet.formulas.map((f) => f.definition.text), ...sheet.checks.flatMap((c) => [c.lhs.text, c.rhs.text])];
    return texts.filter((t) => !Object.hasOwn(parsedTable(), t)).map((t) => `${id}: ${JSON.stringify(t)}`);
  });
  expect(missing).toEqual([]);
});
