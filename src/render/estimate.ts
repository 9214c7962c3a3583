/** `flopsheet estimate`: every quantity for a model, with the sheet that computed it. */
import type { EstimateEntry } from "../model/estimate.js";
import { escapeMarkdown } from "./escape.js";
import { jsonNumber } from "./numbers.js";
import { resultText } from "./result-text.js";
import { PLAIN, type Style } from "./style.js";

const shown = (e: EstimateEntry, digits: number) => (e.value ? resultText(e.value, digits) : "—");
const others = (e: EstimateEntry, digits: number) =>
  e.sheets
    .filter((r) => r.sheet !== e.sheet)
    .map((r) => `${r.sheet}${r.value ? ` ${resultText(r.value, digits).replace(/^.*≈ /, "≈ ")}` : " not computed"}${r.warnings.length > 0 ? " (does not fit)" : ""}`)
    .join("; ");

export function estimateText(model: string, entries: readonly EstimateEntry[], options: { digits?: number; style?: Style } = {}): string {
  const s = options.style ?? PLAIN;
  const digits = options.digits ?? 3;
  const lines = [s.heading(`Estimate for ${model}`), ""];
  for (const e of entries) {
    lines.push(`  ${s.name(e.quantity)} = ${s.value(shown(e, digits))}${e.unit ? ` ${e.unit}` : ""}${e.sheet ? s.dim(`  from ${e.sheet}`) : s.dim("  no sheet that fits could compute it")}`);
    const rest = others(e, digits);
    if (rest) lines.push(s.dim(`      also: ${rest}`));
  }
  return lines.join("\n") + "\n";
}

export function estimateMarkdown(model: string, entries: readonly EstimateEntry[], digits = 3): string {
  const lines = [`## Estimate for ${escapeMarkdown(model)}`, "", "| Quantity | Value | Unit | Sheet | Other sheets |", "|---|--:|---|---|---|"];
  for (const e of entries) lines.push(`| ${escapeMarkdown(e.quantity)} | ${shown(e, digits)} | ${escapeMarkdown(e.unit ?? "")} | ${escapeMarkdown(e.sheet ?? "—")} | ${escapeMarkdown(others(e, digits))} |`);
  return lines.join("\n") + "\n";
}

export function estimateJson(model: string, entries: readonly EstimateEntry[]): object {
  return {
    model,
    quantities: entries.map((e) => ({
      quantity: e.quantity,
      unit: e.unit ?? null,
      value: e.value ? jsonNumber(e.value.q) : null,
      exact: e.value?.exact ? e.value.q.toString() : null,
      sheet: e.sheet ?? null,
      sheets: e.sheets.map((r) => ({ sheet: r.sheet, formula: r.formula, value: r.value ? jsonNumber(r.value.q) : null, fits: r.warnings.length === 0, failure: r.failure ?? null, warnings: r.warnings.map((w) => w.message) })),
    })),
  };
}
