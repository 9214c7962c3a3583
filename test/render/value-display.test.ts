// The one rule by which every format shows a value, exact or rounded.
import { describe, expect, it } from "vitest";
import { Rational } from "../../src/core/rational.js";
import { resultText } from "../../src/render/result-text.js";
import { valueText } from "../../src/render/explore.js";

describe("one value-display rule for every format", () => {
  const exact = (q: Rational) => ({ q, exact: true });
  it("a summary line shows a value as the trail does: 1,409,286,144 ≈ 1.41 × 10⁹, 128, 1,271/1,500 ≈ 0.847", () => {
    for (const q of [Rational.of(1_409_286_144), Rational.of(128), Rational.of(1271, 1500), Rational.of(21_504)]) {
      expect(valueText(exact(q), 3)).toBe(resultText(exact(q), 3));
    }
    expect(valueText(exact(Rational.of(1_409_286_144)), 3)).toBe("1,409,286,144 ≈ 1.41 × 10⁹");
  });
  it("only a summary line abbreviates an exact value of more than 40 characters, and says how many digits it has", () => {
    const big = exact(Rational.of(10n ** 60n + 7n));
    expect(valueText(big, 3)).toBe("≈ 1.00 × 10⁶⁰ (exact: 61 digits)");
    expect(resultText(big, 3)).toMatch(/^1,000,000,(000,){17}007 ≈ 1\.00 × 10⁶⁰$/);
  });
});
