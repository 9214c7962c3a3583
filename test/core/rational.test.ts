import { describe, expect, test } from "vitest";
import { Rational } from "../../src/core/rational.js";
import { roundSignificant } from "../../src/core/significant.js";

describe("Rational", () => {
  test("normalises sign and common factors", () => {
    expect(Rational.of(6n, -4n).toString()).toBe("-3/2");
    expect(Rational.of(0n, -5n).toString()).toBe("0");
  });

  test.each([
    ["6.71", "671/100"],
    ["1e12", "1000000000000"],
    ["1.5E-3", "3/2000"],
    ["70_000_000_000", "70000000000"],
    [".5", "1/2"],
    ["123456789012345678901234567890", "123456789012345678901234567890"],
  ])("parses %s exactly", (text, exact) => expect(Rational.parseDecimal(text)!.toString()).toBe(exact));

  test("toNumber is the correctly rounded double", () => {
    expect(Rational.of(1n, 3n).toNumber()).toBe(1 / 3);
    expect(Rational.parseDecimal("1.414213562373095048801688724209698078569671875376948073176679738")!.toNumber()).toBe(Math.SQRT2);
    expect(Rational.of(-1n, 10n).toNumber()).toBe(-0.1);
    expect(Rational.of(2n ** 200n + 1n, 2n ** 100n).toNumber()).toBe(2 ** 100);
    expect(Rational.of(1n, 10n ** 400n).toNumber()).toBe(0);
  });

  test("integer powers, exact roots, floor and ceil", () => {
    expect(Rational.of(2n, 3n).pow(-3n).toString()).toBe("27/8");
    expect(Rational.of(-8n, 27n).root(3n)!.toString()).toBe("-2/3");
    expect(Rational.of(2n).root(2n)).toBeUndefined();
    expect(Rational.of(-7n, 2n).floor().toString()).toBe("-4");
    expect(Rational.of(-7n, 2n).ceil().toString()).toBe("-3");
  });
});

describe("rounding to significant digits", () => {
  test.each([
    [Rational.of(1_409_286_144n), 3, "141", 9],
    [Rational.of(135_291_469_824n * 10n ** 12n), 3, "135", 23],
    [Rational.of(67_108_864n), 3, "671", 7],
    [Rational.of(9995n), 3, "100", 4], // 9,995 rounds up a decade
    [Rational.of(1n, 8n), 2, "13", -1], // 0.125: halves round away from zero
    [Rational.of(-25n, 10n), 1, "3", 0],
  ])("%s to %i digits", (q, digits, mantissa, exponent) => {
    expect(roundSignificant(q, digits)).toMatchObject({ mantissa, exponent });
  });
});
