// Dimension checking at load: each kind of mismatch is caught and located at the operand or
// formula that causes it, and every shipped sheet passes.
import { describe, expect, test } from "vitest";
import { FlopsheetError, loadSheet, shippedSheetIds, shippedVocabulary } from "../../src/index.js";
import { shipped } from "../helpers/sheets.js";

const vocabulary = shippedVocabulary();

/** The issues of loading `text`, as "line:column message". */
function problems(text: string): string[] {
  try {
    loadSheet(text, { path: "x.yaml", vocabulary });
    return [];
  } catch (e) {
    if (!(e instanceof FlopsheetError)) throw e;
    return e.issues.map((i) => `${i.location?.line}:${i.location?.column} ${i.message} [${i.code}]`);
  }
}

const sheet = (formulas: string, inputs = "") =>
  `inputs:\n  C: {unit: FLOPs}\n  M: {unit: bytes}\n  P: {bind: params}\n  X: {bind: peak_flops}\n  n: {bind: n_devices}\n  L: {description: layers}\n${inputs}formulas:\n${formulas}`;

describe("dimension mismatches, each located", () => {
  test("a sum of unlike dimensions: the operand that differs", () => {
    expect(problems(sheet("  bad: C + M\n"))).toEqual(["9:12 C + M: adds byte to FLOP [DIMENSION]"]);
    expect(problems(sheet("  bad: C − 2 × P\n"))).toEqual([]); // 2 FLOP per parameter: a count may carry it
    expect(problems(sheet("  bad: C − P\n"))).toEqual(["9:12 C − P: subtracts parameter from FLOP [DIMENSION]"]);
  });
  test("a declared unit that the formula does not come out in", () => {
    expect(problems(sheet("  t: {expr: C / X, unit: s}\n"))).toEqual(["9:13 C / X: formula ‘t’ comes out in device·second, but its unit, s, is second [DIMENSION]"]);
    expect(problems(sheet("  t: {expr: C / (n × X), unit: s}\n"))).toEqual([]);
    // Parameters are not bytes: the classic missing 2 bytes per bf16 weight.
    expect(problems(sheet("  m: {expr: P, unit: bytes}\n"))).toEqual(["9:13 P: formula ‘m’ comes out in parameter, but its unit, bytes, is byte [DIMENSION]"]);
    expect(problems(sheet("  m: {expr: 2 × P, unit: bytes}\n"))).toEqual([]);
  });
  test("a formula bound to a quantity of another dimension, or declaring another unit than it", () => {
    expect(problems(sheet("  f: {bind: training_flops, expr: M}\n"))).toEqual(["9:35 M: formula ‘f’ comes out in byte, but it binds training_flops, which is FLOP [DIMENSION]"]);
    expect(problems(sheet("  f: {bind: training_days, expr: C / (n × X), unit: bytes}\n"))[0]).toBe(
      "9:53 formula ‘f’ is in bytes (byte), but the quantity it binds, training_days, is second [DIMENSION]",
    );
  });
  test("an input bound to a quantity of another dimension than its unit", () => {
    expect(problems(sheet("  f: 2 × C\n", "  T: {bind: tokens, unit: bytes}\n"))).toEqual(["8:13 tokens: binds token to input ‘T’, which is in bytes (byte) [DIMENSION]"]);
  });
  test("log and exp of a dimensioned quantity; of a ratio they are fine", () => {
    expect(problems(sheet("  f: log(C)\n"))).toEqual(["9:10 log(C): takes log of FLOP; log takes a pure number [DIMENSION]"]);
    expect(problems(sheet("  f: exp(C / (n × X))\n"))).toEqual(["9:10 exp(C / (n × X)): takes exp of second; exp takes a pure number [DIMENSION]"]);
    expect(problems(sheet("  f: ln(C / (2 × P))\n"))).toEqual([]);
  });
  test("min and max of unlike dimensions", () => {
    expect(problems(sheet("  f: min(C, M)\n"))).toEqual(["9:13 min(C, M): takes the min of FLOP and byte [DIMENSION]"]);
    expect(problems(sheet("  f: max(C, 3 × C)\n"))).toEqual([]);
  });
  test("powers: a dimension to a non-constant or fractional power, a dimensioned exponent", () => {
    expect(problems(sheet("  f: C^L\n"))).toEqual(["9:6 C^L: raises FLOP to a power that is not a constant, which leaves no unit [DIMENSION]"]);
    expect(problems(sheet("  f: sqrt(M)\n"))).toEqual(["9:6 sqrt(M): raises byte to the power 1/2, which leaves no unit [DIMENSION]"]);
    expect(problems(sheet("  f: 2^C\n"))).toEqual(["9:6 2^C: raises to a power of FLOP; an exponent is a pure number [DIMENSION]"]);
    expect(problems(sheet("  f: {expr: M² / M, unit: bytes}\n"))).toEqual([]);
  });
  test("an identity between unlike sides", () => {
    const text = sheet("  a: {expr: 2 × C, unit: FLOPs}\nchecks:\n  - name: unlike\n    identity: a == M\n");
    expect(problems(text)).toEqual(["12:20 a: check ‘unlike’ compares FLOP with byte [DIMENSION]"]);
  });
  test("a unit that is not one is located at its text", () => {
    expect(problems(sheet("  f: {expr: C, unit: FLOPz}\n"))).toEqual(["9:22 ‘FLOPz’ is not a unit flopsheet knows: unknown unit ‘FLOPz’ [INVALID_VALUE]"]);
  });
});

describe("the shipped sheets", () => {
  test.each(shippedSheetIds())("%s passes the dimension check", (id) => {
    expect(() => shipped(id)).not.toThrow();
  });
  test("per-device quantities: hours on n devices are device-hours, FLOPs over a per-device rate need the device count", () => {
    const budget = shipped("training-budget");
    expect(budget.formulas.find((f) => f.name === "device_hours")?.unit).toBe("device-hours");
    expect(budget.inputs.find((i) => i.name === "peak")?.unit).toBe("FLOP/s per device");
    // Hours on n devices are device-hours; hours alone are not.
    expect(problems(sheet("  dh: {expr: C / X / 3600, unit: device-hours}\n"))).toEqual([]);
    expect(problems(sheet("  h: {expr: C / (n × X) / 3600, unit: hours}\n"))).toEqual([]);
    // FLOPs over a per-device rate, without the device count, are not a time: the 3600 is no device count.
    expect(problems(sheet("  h: {expr: C / X / 3600, unit: hours}\n"))).toEqual(["9:13 C / X / 3600: formula ‘h’ comes out in device·second, but its unit, hours, is second [DIMENSION]"]);
  });
});
