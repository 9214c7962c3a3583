import { performance } from "node:perf_hooks";
import { describe, expect, test } from "vitest";
import { canonicalForm, canonicalText, derive, FlopsheetError, loadSheet } from "../../src/index.js";

/** f_0 = x, f_i = f_{i-1} + x: f_n is (n + 1)·x. */
function chain(n: number): string {
  const lines = ["inputs:", "  x: a value", "formulas:", "  f_0: x"];
  for (let i = 1; i <= n; i++) lines.push(`  f_${i}: f_${i - 1} + x`);
  return lines.join("\n") + "\n";
}

describe("scale without crashing", () => {
  test("a chain of 10,000 formulas loads, canonicalises and evaluates, in time linear in its length", () => {
    const report: string[] = [];
    for (const n of [2_500, 5_000, 10_000]) {
      const text = chain(n);
      const t0 = performance.now();
      const sheet = loadSheet(text, { path: "chain.yaml" });
      const t1 = performance.now();
      const form = canonicalForm(sheet, `f_${n}`);
      const t2 = performance.now();
      const d = derive(sheet, `f_${n}`, { set: [{ name: "x", text: "3" }] });
      const t3 = performance.now();
      expect(canonicalText(form)).toBe(`${n + 1}·x`);
      expect(d.value.q.toString()).toBe(String(3 * (n + 1)));
      expect(d.steps).toHaveLength(n + 1);
      report.push(`${String(n).padStart(6)} formulas: load ${(t1 - t0).toFixed(0)} ms, canonical ${(t2 - t1).toFixed(0)} ms, derive ${(t3 - t2).toFixed(0)} ms`);
    }
    console.log(`chains (each size doubles the last):\n${report.join("\n")}`);
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
