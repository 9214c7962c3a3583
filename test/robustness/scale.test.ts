import { describe, expect, test } from "vitest";
import { canonicalForm, canonicalText, derive, FlopsheetError, loadSheet } from "../../src/index.js";

/** f_0 = x, f_i = f_{i-1} + x: f_n is (n + 1)·x. (scripts/bench.mjs times the same chains.) */
export function chain(n: number): string {
  const lines = ["inputs:", "  x: a value", "formulas:", "  f_0: x"];
  for (let i = 1; i <= n; i++) lines.push(`  f_${i}: f_${i - 1} + x`);
  return lines.join("\n") + "\n";
}

describe("scale without crashing", () => {
  test("a chain of 10,000 formulas loads, canonicalises and evaluates (times by length are in npm run bench)", () => {
    for (const n of [2_500, 5_000, 10_000]) {
      const sheet = loadSheet(chain(n), { path: "chain.yaml" });
      const form = canonicalForm(sheet, `f_${n}`);
      const d = derive(sheet, `f_${n}`, { set: [{ name: "x", text: "3" }] });
      expect(canonicalText(form)).toBe(`${n + 1}·x`);
      expect(d.value.q.toString()).toBe(String(3 * (n + 1)));
      expect(d.steps).toHaveLength(n + 1);
    }
  });

  test("a formula nested 10,000 parentheses deep is a clean error, never a RangeError", () => {
    const text = `inputs:\n  x: a value\nformulas:\n  f: ${"(".repeat(10_000)}x${")".repeat(10_000)}\n`;
    expect(() => loadSheet(text, { path: "deep.yaml" })).toThrow(FlopsheetError);
    try {
      loadSheet(text, { path: "deep.yaml" });
    } catch (e) {
      expect((e as FlopsheetError).issues[0]!.message).toBe("the formula is nested more than 200 levels deep");
    }
  });

  test.each([1, 2, 3, 10, 100, 1_000])("a cycle of %i formulas is reported with its whole path", (n) => {
    const lines = ["formulas:"];
    for (let i = 0; i < n; i++) lines.push(`  c${i}: c${(i + 1) % n} + 1`);
    try {
      loadSheet(lines.join("\n") + "\n", { path: "cycle.yaml" });
      throw new Error("not rejected");
    } catch (e) {
      if (!(e instanceof FlopsheetError)) throw e;
      const path = [...Array.from({ length: n }, (_, i) => `c${i}`), "c0"].join(" → ");
      expect(e.issues.map((i) => i.message)).toEqual([`formulas depend on each other in a cycle: ${path}`]);
    }
  });
});
