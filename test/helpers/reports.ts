import { buildReport, layoutReport, type ReportLayout, type Sheet, type StepsMode } from "../../src/index.js";
import { shippedSheetIds as shippedIds } from "../../src/index.js";
import { shipped } from "./sheets.js";

/**
 * Every shipped sheet with each of its scenarios of a different shape (and no scenario when it has
 * none). Scenarios that set the same inputs, take presets alike and publish the same targets lay
 * out the same report with other numbers (a paper's table row by row: zero-2020's 45): one of
 * them stands for the rest, so that compiling every report with pdflatex stays a minute's work.
 */
export function shippedReports(): { label: string; sheet: Sheet; scenario?: string }[] {
  return shippedIds().flatMap((id) => {
    const sheet = shipped(id);
    const seen = new Set<string>();
    const distinct = sheet.scenarios.filter((s) => {
      const shape = JSON.stringify([[...s.set.keys()].sort(), s.presets.length, s.expect.map((e) => e.target.text.trim()).sort()]);
      if (seen.has(shape)) return false;
      seen.add(shape);
      return true;
    });
    return distinct.length > 0 ? distinct.map((s) => ({ label: `${id} ${s.name}`, sheet, scenario: s.name })) : [{ label: id, sheet }];
  });
}

export function layouts(sheet: Sheet, scenario: string | undefined): [StepsMode, ReportLayout][] {
  return (["full", "short", "results"] as const).map((steps) => [steps, layoutReport(buildReport(sheet, { scenario }), { steps })]);
}

/** A sheet of 40 steps with long formulas and large values, to see that reports stay on the page. */
export const FORTY_STEPS = [
  "title: Forty steps",
  "source: a generated sheet",
  "inputs:",
  "  d_model: {description: hidden size, default: 12288}",
  "  n_layers: {description: layers, default: 96}",
  "  seq_len: {description: sequence length, default: 2048}",
  "  vocab_size: {description: vocabulary, default: 50257}",
  "formulas:",
  "  step_0: {expr: 24 × n_layers × d_model² + 4 × n_layers × seq_len × d_model, source: §0}",
  ...Array.from({ length: 39 }, (_, i) =>
    `  step_${i + 1}: {expr: step_${i} + 2 × d_model × vocab_size + 12 × n_layers × d_model² × (1 + seq_len/(6 × d_model) + vocab_size/(12 × n_layers × d_model)) − 3 × seq_len × d_model, source: "§${i + 1}"}`,
  ),
  "  huge: {expr: step_39^6 × vocab_size^3, source: §40}",
].join("\n") + "\n";
