/**
 * deriveEach finds a sheet's inputs once for many targets (an estimate's rows) and shares their
 * steps: each target must get what derive gives it alone, value, trail and error alike.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { configPreset, derive, deriveEach, FlopsheetError, type Derivation, type Preset, type Setting } from "../../src/index.js";
import { chainFrom } from "../../src/model/chain.js";
import { shippedCatalogue } from "../../src/model/shipped.js";
import { preset, shipped } from "../helpers/sheets.js";

const catalogue = shippedCatalogue();

/** What a derivation says, or an error's issues, as plain data. */
function said(d: Derivation | FlopsheetError): unknown {
  if (d instanceof FlopsheetError) return { issues: d.issues.map((i) => [i.code, i.message, i.remedy?.set, i.location?.line]) };
  return {
    value: [d.value.q.toString(), d.value.exact],
    inputs: d.inputs.map((i) => [i.input.name, i.text, i.origin, i.via, i.chained?.sheet]),
    steps: d.steps.map((s) => [s.name, s.value.q.toString(), [...s.bindings.keys()]]),
    conventions: [...d.conventions],
    unneeded: d.unneeded.map((i) => i.name),
    audit: d.audit.map((a) => [a.formula, a.preset, a.agrees]),
  };
}

function alone(sheet: Parameters<typeof derive>[0], target: string, options: Parameters<typeof derive>[2]): Derivation | FlopsheetError {
  try {
    return derive(sheet, target, options);
  } catch (e) {
    if (e instanceof FlopsheetError) return e;
    throw e;
  }
}

const mixtral = configPreset(readFileSync("test/fixtures/configs/mixtral-8x7b.json", "utf8"), "mixtral-8x7b.json");
const MODELS: readonly (readonly [string, readonly Preset[]])[] = [
  ["no model", []],
  ["llama-3-8b", [preset("llama-3-8b")]],
  ["mixtral-8x7b.json with an H100", [mixtral, preset("h100-sxm")]],
];
const SETTINGS: readonly (readonly [string, readonly Setting[]])[] = [
  ["nothing set", []],
  ["seq_len and tokens set", [{ name: "seq_len", text: "4096" }, { name: "tokens", text: "2e12" }]],
  // Pins the formulas that compute params: those targets are derived on their own.
  ["params pinned", [{ name: "params", text: "7e9" }, { name: "seq_len", text: "2048" }]],
];

describe("deriveEach gives each target what derive gives it alone", () => {
  for (const id of catalogue.sheetIds) {
    test(id, () => {
      const sheet = shipped(id);
      const targets = sheet.formulas.map((f) => f.name);
      for (const [, presets] of MODELS) {
        for (const [, set] of SETTINGS) {
          const settings = set.filter((s) => sheet.inputs.some((i) => i.name === s.name) || sheet.formulas.some((f) => f.bind?.text.trim() === s.name) || sheet.inputs.some((i) => i.bind?.text.trim() === s.name));
          const chain = presets.length > 0 ? chainFrom(catalogue, presets, { set: settings }) : undefined;
          const options = { presets, set: settings, chain, symbolic: false };
          const each = deriveEach(sheet, targets, options);
          expect(each.map(said)).toEqual(targets.map((t) => said(alone(sheet, t, options))));
        }
      }
      for (const scenario of sheet.scenarios) {
        const options = { scenario: scenario.name, symbolic: false };
        expect(deriveEach(sheet, targets, options).map(said)).toEqual(targets.map((t) => said(alone(sheet, t, options))));
      }
    });
  }

  test("a convention asked for that an input sets is derived alone, as derive does", () => {
    const decoder = shipped("decoder");
    const targets = ["forward_flops_per_token", "params", "kv_cache_bytes_per_token"].map((q) => decoder.formulas.find((f) => f.bind?.text.trim() === q)!.name);
    const options = { presets: [preset("llama-3-8b")], set: [{ name: "seq_len", text: "8192" }], conventions: new Map([["attention", "causal"]]), symbolic: false };
    const each = deriveEach(decoder, targets, options);
    expect(each.map(said)).toEqual(targets.map((t) => said(alone(decoder, t, options))));
    // Llama 3 8B's parameters, as Meta publishes them: 8,030,261,248.
    expect((each[1] as Derivation).value.q.toString()).toBe("8030261248");
  });
});
