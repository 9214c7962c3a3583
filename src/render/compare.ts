/**
 * A comparison as text, Markdown or JSON: a row per sheet with its formula, value and ratio.
 */
import type { CompareRow } from "../evaluate/compare.js";
import { escapeMarkdown } from "./escape.js";
import { formatRounded, jsonNumber } from "./numbers.js";
import { resultText } from "./result-text.js";

// A ratio to a first value of zero has no value: shown as a dash, never as a number.
const ratioText = (r: CompareRow) => (r.ratio ? formatRounded(r.ratio, 3) : "—");

const valueText = (r: CompareRow, digits: number) => (r.derivation ? resultText(r.derivation.value, digits).replace(/^.*≈ /, "≈ ") : "not computed");

/** Why rows have no value, one line each under the table. */
function failures(rows: readonly CompareRow[], bullet: string, escape: (s: string) => string = (s) => s): string {
  const failed = rows.filter((r) => r.failure !== undefined);
  return failed.length === 0 ? "" : `\nNot computed\n${failed.map((r) => `${bullet}${escape(r.sheet.id)}: ${escape(r.failure!)}\n`).join("")}`;
}

export function compareText(rows: readonly CompareRow[], quantity: string, digits = 3): string {
  const head = ["sheet", "formula", quantity, "ratio"];
  const body = rows.map((r) => [r.sheet.id, r.formula ?? "—", valueText(r, digits), ratioText(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(head), ...body.map(line)].join("\n") + "\n" + failures(rows, "  ");
}

export function compareMarkdown(rows: readonly CompareRow[], quantity: string, digits = 3): string {
  const lines = [`| Sheet | Formula | ${escapeMarkdown(quantity)} | Ratio |`, "|---|---|--:|--:|"];
  for (const r of rows) lines.push(`| ${escapeMarkdown(r.sheet.id)} | ${escapeMarkdown(r.formula ?? "—")} | ${valueText(r, digits)} | ${ratioText(r)} |`);
  return lines.join("\n") + "\n" + failures(rows, "- ", escapeMarkdown);
}

export function compareJson(rows: readonly CompareRow[], quantity: string): object {
  return {
    quantity,
    rows: rows.map((r) => ({
      sheet: r.sheet.id,
      formula: r.formula ?? null,
      value: r.derivation ? jsonNumber(r.derivation.value.q) : null,
      exact: r.derivation?.value.exact ? r.derivation.value.q.toString() : null,
      ratio: r.ratio ? jsonNumber(r.ratio) : null,
      failure: r.failure ?? null,
    })),
  };
}
