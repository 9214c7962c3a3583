// The units table: each prefix and derived unit converts exactly, checked against hand values and
// against mathjs' own unit conversions as an independent oracle.
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { BINARY_PREFIXES, convertValue, DECIMAL_PREFIXES, dimensionText, parseUnit, splitValueWithUnit, UnitError } from "../../src/core/units.js";
import { Rational } from "../../src/core/rational.js";
import { cli } from "../helpers/cli.js";

const math = createRequire(import.meta.url)("mathjs");

describe("the units table", () => {
  test("1 PF-day = 8.64 × 10¹⁹ FLOP, 1 GiB = 2³⁰ byte, a day 86,400 s, exactly", () => {
    expect(parseUnit("PF-day").factor.toString()).toBe("86400000000000000000");
    expect(parseUnit("GiB").factor.toString()).toBe(String(2n ** 30n));
    expect(parseUnit("days").factor.toString()).toBe("86400");
    expect(parseUnit("hours").factor.toString()).toBe("3600");
    expect(parseUnit("ms").factor.toString()).toBe("1/1000");
    expect(parseUnit("us").factor.toString()).toBe("1/1000000");
    expect(parseUnit("bit").factor.toString()).toBe("1/8");
  });
  test.each(DECIMAL_PREFIXES.map(([p, f]) => [p, f] as const))("%s: decimal, on FLOP and bytes", (p, f) => {
    expect(parseUnit(`${p}FLOP`).factor.equals(f)).toBe(true);
    expect(dimensionText(parseUnit(`${p}FLOP`).dim)).toBe("FLOP");
    expect(parseUnit(`${p}B`).factor.equals(f)).toBe(true);
    expect(dimensionText(parseUnit(`${p}B`).dim)).toBe("byte");
  });
  test.each(BINARY_PREFIXES.map(([p, f]) => [p, f] as const))("%s: binary, on bytes only", (p, f) => {
    expect(parseUnit(`${p}B`).factor.equals(f)).toBe(true);
    expect(dimensionText(parseUnit(`${p}B`).dim)).toBe("byte");
    expect(() => parseUnit(`${p}FLOP`)).toThrow(UnitError);
    expect(() => parseUnit(`${p}FLOP`)).toThrow(`the binary prefix ${p} is for bytes, not FLOP`);
  });
  test("compound units, and mathjs agrees on the ones it knows", () => {
    expect(parseUnit("TFLOP/s").factor.toString()).toBe("1000000000000");
    expect(parseUnit("KiB/token").factor.toString()).toBe("1024");
    expect(convertValue(splitValueWithUnit("80 GiB")!, "bytes").toNumber()).toBe(math.unit(80, "GiB").toNumber("B"));
    expect(convertValue(splitValueWithUnit("2 days")!, "hours").toNumber()).toBe(math.unit(2, "days").toNumber("hours"));
    expect(convertValue(splitValueWithUnit("0.1 GiB")!, "bytes").equals(Rational.of(2n ** 30n).div(Rational.of(10)))).toBe(true);
  });
  test("a value in other units than its quantity's is refused, naming both", () => {
    expect(() => convertValue(splitValueWithUnit("80 GiB")!, "FLOP/s")).toThrow(/GiB measures byte, but this value is in FLOP\/s/);
    expect(() => parseUnit("furlongs")).toThrow(/unknown unit/);
  });
});

describe("values with units on the command line", () => {
  test("--set achieved_flops=\"140 TFLOP/s\" is --set achieved_flops=140e12; 15T tokens is 15 × 10¹²", async () => {
    const base = ["derive", "megatron-2021", "training_days", "--model", "gpt3-175b", "--set", "n_devices=1024", "--format", "json"];
    const a = JSON.parse((await cli([...base, "--set", "achieved_flops=140 TFLOP/s"])).stdout);
    const b = JSON.parse((await cli([...base, "--set", "achieved_flops=140e12"])).stdout);
    expect(a.exact).toBe(b.exact);
    const t = JSON.parse((await cli(["derive", "gpt3-2020", "total_flops", "--model", "gpt3-175b", "--set", "tokens=15T", "--format", "json"])).stdout);
    expect(t.exact).toBe(String(6n * 174_600_000_000n * 15_000_000_000_000n));
    const bad = await cli([...base, "--set", "achieved_flops=140 GiB"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/achieved_flops: GiB measures byte/);
  });
});
