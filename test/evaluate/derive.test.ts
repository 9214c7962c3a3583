import { describe, expect, test } from "vitest";
import { buildReport, canonicalForm, canonicalText, derive, FlopsheetError, loadSheet, Rational } from "../../src/index.js";
import { evaluateTree } from "../../src/evaluate/evaluate-tree.js";
import { parseFormula } from "../../src/syntax/parse.js";
import { shipped } from "../helpers/sheets.js";

describe("the founding document's section 4.2, exactly", () => {
  const basu = shipped("basu-2024");
  const d = derive(basu, "Total_FLOPs", { scenario: "section-4.2" });
  const step = (name: string) => d.steps.find((s) => s.name === name)!;

  test("each step's value is the exact integer", () => {
    // By hand: 8192² = 67,108,864; × 7 = 469,762,048; × 14 = 939,524,096; × 21 = 1,409,286,144.
    expect(step("FLOPs_forward").value).toEqual({ q: Rational.of(469_762_048n), exact: true });
    expect(step("FLOPs_backward").value).toEqual({ q: Rational.of(939_524_096n), exact: true });
    // 96 × 10¹² × 1,409,286,144 = 135,291,469,824 × 10¹².
    expect(d.value).toEqual({ q: Rational.of(135_291_469_824n * 10n ** 12n), exact: true });
  });

  test("the trail lists every formula the target uses, in dependency order, target last", () => {
    expect(d.steps.map((s) => s.name)).toEqual(["FLOPs_forward", "FLOPs_backward", "Total_FLOPs"]);
    expect(d.inputs.map((i) => [i.input.name, i.text, i.origin])).toEqual([
      ["L", "96", "scenario"],
      ["T", "1e12", "scenario"],
      ["k", "7", "scenario"],
      ["d_model", "8192", "scenario"],
    ]);
    expect([...step("Total_FLOPs").bindings.keys()]).toEqual(["L", "T", "FLOPs_forward", "FLOPs_backward"]);
  });

  test("Per_token_per_layer and d_model² match the document's figures", () => {
    const per = derive(basu, "Per_token_per_layer", { scenario: "section-4.2" });
    expect(per.value.q.toString()).toBe("1409286144");
    expect(per.steps.map((s) => s.name)).toEqual(["FLOPs_forward", "FLOPs_backward", "Per_token_per_layer"]);
  });

  test("--set wins over the scenario, which wins over a default", () => {
    const e = derive(basu, "FLOPs_forward", { scenario: "section-4.2", set: [{ name: "k", text: "6" }] });
    expect(e.value.q.toString()).toBe(String(6 * 8192 * 8192));
    expect(e.inputs.find((i) => i.input.name === "k")!.origin).toBe("set");
    const f = derive(basu, "FLOPs_forward", { set: [{ name: "d_model", text: "2" }] });
    expect(f.inputs.find((i) => i.input.name === "k")).toMatchObject({ origin: "default", text: "7" });
    expect(f.value.q.toString()).toBe("28");
  });

  test("canonical forms the issue names", () => {
    expect(canonicalText(canonicalForm(basu, "FLOPs_attention"))).toBe("2·d_model² + n·d_model²");
    const total = canonicalForm(basu, "Total_FLOPs");
    expect(total.terms).toHaveLength(1);
    expect(total.terms[0]!.coef.toString()).toBe("3");
    expect(total.terms[0]!.factors.map((f) => `${f.base.key}^${f.exp}`)).toEqual(["L^1", "T^1", "k^1", "d_model^2"]);
    expect(canonicalText(total)).toBe("3·L·T·k·d_model²");
  });
});

describe("exact where the inputs are rational, approximate only where unavoidable", () => {
  const value = (text: string) => evaluateTree(parseFormula(text), () => {
    throw new Error("no names here");
  });

  test("30-digit results lose no digit", () => {
    const a = 123456789012345678901234567890n;
    expect(value("123456789012345678901234567890 × 987654321098765432109876543210").q.toString()).toBe(
      (a * 987654321098765432109876543210n).toString(),
    );
    expect(value("2^100 + 1").q.toString()).toBe((2n ** 100n + 1n).toString());
  });

  test("decimals and powers of ten are exact", () => {
    expect(value("6.71 × 10^7")).toEqual({ q: Rational.of(67_100_000n), exact: true });
    expect(value("0.1 + 0.2")).toEqual({ q: Rational.of(3n, 10n), exact: true });
    expect(value("1/3 × 3")).toEqual({ q: Rational.ONE, exact: true });
  });

  test("roots and logarithms are exact when their result is rational", () => {
    expect(value("√(1/4)")).toEqual({ q: Rational.of(1n, 2n), exact: true });
    expect(value("8^(2/3)")).toEqual({ q: Rational.of(4n), exact: true });
    expect(value("log2(8) + log10(1000) + log(81, 3)")).toEqual({ q: Rational.of(10n), exact: true });
  });

  test("otherwise they are 64-digit approximations, flagged as such", () => {
    const r = value("√2");
    expect(r.exact).toBe(false);
    // √2 = 1.41421356237309504880168872420969807856967187537694807317667973799…, to 64 significant digits.
    expect(r.q.equals(Rational.parseDecimal("1.414213562373095048801688724209698078569671875376948073176679738")!)).toBe(true);
    expect(value("√2 × √2").exact).toBe(false);
    expect(value("ln(2)").q.toNumber()).toBeCloseTo(Math.LN2, 15);
  });

  test("floor and ceil near a whole number are decided exactly, or refused, never guessed", () => {
    // (7^(3/2))² is exactly 343; its 64-digit approximation is 342.99…, whose floor is 342 (found by fuzzing).
    expect(value("floor((7^(3/2))^2)")).toEqual({ q: Rational.of(343n), exact: true });
    expect(value("ceil((7^(3/2))^2)")).toEqual({ q: Rational.of(343n), exact: true });
    expect(value("floor(√2 × 10)")).toEqual({ q: Rational.of(14n), exact: false });
    // √2 × √8 is 4, but the algebra does not combine roots of different numbers: refused.
    expect(() => value("floor(√2 × √8)")).toThrow("cannot be decided");
  });

  test("a root of an approximation just below zero is decided exactly, or refused: it may be a root of zero", () => {
    // √3 to 64 digits, squared, is just below 3: the difference's root is √0, not "not a real number".
    expect(value("√3^2 − 3").q.sign).toBe(-1);
    expect(value("(√3^2 − 3)^(1/2) + 2")).toEqual({ q: Rational.of(2n), exact: true });
    expect(value("√(√3^2 − 3)")).toEqual({ q: Rational.ZERO, exact: true });
    // Clearly below zero is still no real number; a tiny value above zero is computed as before.
    expect(() => value("(√2 − 2)^(1/2)")).toThrow("a negative number raised to the power 1/2 is not a real number");
    // exp(−200)^(1/2) is e^−100, which JavaScript's own Math.exp gives to a double's precision.
    expect(Math.abs(value("exp(−200)^(1/2)").q.toNumber() / Math.exp(-100) - 1)).toBeLessThan(1e-15);
    // An input known only approximately, just below zero, has no exact value to look at.
    const tiny = { q: Rational.of(-1n, 10n ** 50n), exact: false };
    expect(() => evaluateTree(parseFormula("x^(3/2)"), () => tiny)).toThrow("it may be a root of zero");
  });
});

describe("a variant is YAML only", () => {
  test("the example sheet in examples/, by path", async () => {
    const { readFileSync } = await import("node:fs");
    const sheet = loadSheet(readFileSync("examples/six-nd.yaml", "utf8"), { path: "examples/six-nd.yaml" });
    const d = derive(sheet, "C", { scenario: "chinchilla" });
    // 6 × 70 × 10⁹ × 1.4 × 10¹² = 5.88 × 10²³.
    expect(d.value.q.toString()).toBe("588" + "0".repeat(21));
    expect(d.symbolic && "form" in d.symbolic && canonicalText(d.symbolic.form)).toBe("6·N·D");
    expect(derive(sheet, "PF_days", { scenario: "chinchilla" }).value.q.toString()).toBe("61250/9");
  });
});

describe("an input with no value that the result does not depend on at the values given", () => {
  // A ring all-reduce over t devices: its time vanishes at t = 1, whatever the link.
  const RING = [
    "inputs:",
    "  T_mem: {description: memory time, unit: s}",
    "  t: {description: devices}",
    "  V: {description: bytes all-reduced, unit: bytes}",
    "  NV: {description: link bandwidth, unit: bytes/s}",
    "formulas:",
    "  t_comm: {expr: 2 × (t − 1) / t × V / NV, unit: s}",
    "  total: {expr: T_mem + t_comm, unit: s}",
  ];
  const sheet = loadSheet(RING.join("\n"), { path: "ring.yaml" });
  const set = (t: string) => [{ name: "T_mem", text: "1/200" }, { name: "t", text: t }, { name: "V", text: "524288" }];

  test("on one device: the value is exact without the link, which is named as not needed; its step shows the symbol", () => {
    const d = derive(sheet, "total", { set: set("1") });
    expect(d.value).toEqual({ q: Rational.of(1n, 200n), exact: true });
    expect(d.unneeded.map((i) => i.name)).toEqual(["NV"]);
    const comm = d.steps.find((s) => s.name === "t_comm")!;
    expect(comm.value.q.isZero()).toBe(true);
    expect([...comm.bindings.keys()]).toEqual(["t", "V"]);
  });

  test("on two devices the link counts, and is asked for", () => {
    expect(() => derive(sheet, "total", { set: set("2") })).toThrow(/no value for input ‘NV’/);
  });

  test("of two inputs with no value, only the one the value depends on is asked for", () => {
    const lacking = () => derive(sheet, "total", { set: [{ name: "t", text: "1" }, { name: "V", text: "524288" }] });
    expect(lacking).toThrow(/no value for input ‘T_mem’/);
    expect(lacking).not.toThrow(/‘NV’/);
  });

  test("a scenario's check spares it too, and a report names it as not needed", () => {
    const withScenario = loadSheet(
      [...RING, "scenarios:", "  one-device:", "    set: {T_mem: 1/200, t: 1, V: 524288}", "    expect:", "      total: {value: 0.005, source: by hand}"].join("\n"),
      { path: "ring.yaml" },
    );
    const report = buildReport(withScenario, { scenario: "one-device" });
    expect(report.checks.results.every((r) => r.passed)).toBe(true);
    expect(report.unneeded.map((i) => i.name)).toEqual(["NV"]);
  });

  test("a sum nested deeper than a program can run asks for its inputs, found by npm run fuzz", () => {
    // (x0 + … + x1608)²: the program's one function nests 1,609 deep; V8 compiles it at the first
    // call, and the closures it falls back to overflow the stack. Both now say: it counts.
    const n = 1609;
    const deep = loadSheet(`inputs:\n${Array.from({ length: n }, (_, i) => `  x${i}: v`).join("\n")}\nformulas:\n  C: (${Array.from({ length: n }, (_, i) => `x${i}`).join(" + ")})^2\n`, { path: "s.yaml" });
    expect(() => derive(deep, "C")).toThrow(FlopsheetError);
    expect(() => derive(deep, "C")).toThrow(/no value for input ‘x0’/);
  });

  test("with every value given, nothing is spared", () => {
    expect(derive(sheet, "total", { set: [...set("2"), { name: "NV", text: "1e9" }] }).unneeded).toEqual([]);
  });
});
