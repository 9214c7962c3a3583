import { readFileSync } from "node:fs";
import { shippedSheetIds as shippedIds } from "../../src/index.js";
import { describe, expect, test } from "vitest";
import { runChecks } from "../../src/index.js";
import { parseAll } from "../../src/syntax/parse.js";
import { shipped } from "../helpers/sheets.js";

const ids = shippedIds();

describe.each(ids)("shipped sheet %s", (id) => {
  const sheet = shipped(id);

  test("every formula, identity side and expectation target has exactly one parse", () => {
    const texts = [
      ...sheet.formulas.map((f) => f.definition.text),
      ...sheet.checks.flatMap((c) => [c.lhs.text, c.rhs.text]),
      ...sheet.scenarios.flatMap((s) => s.expect.map((e) => e.target.text)),
    ];
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(parseAll(text), text).toHaveLength(1);
  });

  test("every check comes out as declared", () => {
    const report = runChecks(sheet);
    expect(report.results.filter((r) => !r.passed).map((r) => (r.kind === "identity" ? r.check.name : r.expectation.target.text))).toEqual([]);
  });

  test("every formula cites its source", () => {
    expect(sheet.formulas.filter((f) => !f.source).map((f) => f.name)).toEqual([]);
  });

  test("the file's id is its name", () => {
    expect(sheet.id).toBe(id);
    expect(readFileSync(new URL(`../../formulas/${id}.yaml`, import.meta.url), "utf8")).toContain(`id: ${id}`);
  });
});
