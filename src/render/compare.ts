/**
 * A comparison as text, Markdown or JSON: a row per sheet with its formula, value and ratio.
 */
import type { CompareRow } from "../evaluate/compare.js";
import { escapeMarkdown } from "./escape.js";
import { formatRounded, jsonNumber } from "./numbers.js";
import { resultText } from "./result-text.js";

// A ratio to a first value of zero has no value: shown as a dash, never as a number.
const ratioText = (r: CompareRow) => (r.ratio ? formatRounded(r.ratio, 3) : "—");

export function compareText(rows: readonly CompareRow[], quantity: string, digits = 3): string {
  const head = ["sheet", "formula", quantity, "ratio"];
  const body = rows.map((r) => [r.sheet.id, r.formula, resultText(r.derivation.value, digits).replace(/^.*≈ /, "≈ "), ratioText(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(head), ...body.map(line)].join("\n") + "\n";
}

export function compareMarkdown(rows: readonly CompareRow[], quantity: string, digits = 3): string {
  const lines = [`| Sheet | Formula | ${escapeMarkdown(quantity)} | Ratio |`, "|---|---|--:|--:|"];
  for (const r of rows) lines.push(`| ${escapeMarkdown(r.sheet.id)} | ${escapeMarkdown(r.formula)} | ${resultText(r.derivation.value, digits).replace(/^.*≈ /, "≈ ")} | ${ratioText(r)} |`);
  return lines.join("\n") + "\n";
}

export function compareJson(rows: readonly CompareRow[], quantity: string): object {
  return {
    quantity,
    rows: rows.map((r) => ({
      sheet: r.sheet.id,
      formula: r.formula,
      value: jsonNumber(r.derivation.value.q),
      exact: r.derivation.value.exact ? r.derivation.value.q.toString() : null,
      ratio: r.ratio ? jsonNumber(r.ratio) : null,
    })),
  };
}
