/**
 * A comparison as text, Markdown or JSON: a row per model and sheet with the sheet's formula, its
 * value and its ratio to the model's first value, rows of sheets that do not describe the model
 * marked, and under the table why each marked row does not fit and each missing one is missing.
 */
import type { ModelComparison } from "../model/compare-models.js";
import type { CompareRow } from "../evaluate/compare.js";
import { escapeMarkdown } from "./escape.js";
import { conventionsJson, conventionsLine, fitJson, fitLine } from "./fit.js";
import { formatRounded, jsonNumber } from "./numbers.js";
import { resultText } from "./result-text.js";

type Row = ModelComparison["rows"][number];

// A ratio to a first value of zero has no value: shown as a dash, never as a number.
const ratioText = (r: CompareRow) => (r.ratio ? formatRounded(r.ratio, 3) : "—");

const valueText = (r: CompareRow, digits: number) => (r.derivation ? resultText(r.derivation.value, digits).replace(/^.*≈ /, "≈ ") : "not computed");

const MARK = "✗ does not fit";

/** Why rows are marked or have no value, under the table. */
function notes(groups: readonly ModelComparison[], bullet: string, escape: (s: string) => string = (s) => s): string {
  const many = groups.length > 1;
  const label = (g: ModelComparison, r: Row) => escape(many ? `${g.model} · ${r.sheet.id}` : r.sheet.id);
  const misfits = groups.flatMap((g) => g.rows.filter((r) => r.warnings.length > 0).map((r) => ({ g, r })));
  const failed = groups.flatMap((g) => g.rows.filter((r) => r.failure !== undefined).map((r) => ({ g, r })));
  let out = "";
  if (misfits.length > 0) {
    out += `\nDoes not fit the model\n`;
    for (const { g, r } of misfits) {
      out += `${bullet}${label(g, r)}:\n`;
      for (const w of r.warnings) out += `${bullet}  ${escape(fitLine(w))}\n`;
    }
  }
  if (failed.length > 0) out += `\nNot computed\n${failed.map(({ g, r }) => `${bullet}${label(g, r)}: ${escape(r.failure!)}\n`).join("")}`;
  const shares = groups.flatMap((g) => g.rows.filter((r) => r.share).map((r) => ({ g, r })));
  if (shares.length > 0) {
    out += `\nConventions differ\n`;
    for (const { g, r } of shares) out += `${bullet}${label(g, r)}: ${escape(shareText(g, r))}\n`;
  }
  return out;
}

/** How much of the ratio the conventions alone explain, and what the formulas differ by. */
function shareText(g: ModelComparison, r: Row): string {
  const share = r.share!;
  const first = g.rows.find((x) => x.derivation)!;
  const axes = share.axes.map((a) => `${a} ${r.conventions.get(a)} (${first.sheet.id}: ${first.conventions.get(a)})`).join(", ");
  if (!share.byConvention || !share.byFormula) return `counts ${axes}; ${first.sheet.id} cannot be counted that way, so the ratio mixes convention and formula`;
  return `counts ${axes}: the conventions alone explain ${formatRounded(share.byConvention, 3)} of the ratio ${r.ratio ? formatRounded(r.ratio, 3) : "—"} (${first.sheet.id} counted that way), the formulas ${formatRounded(share.byFormula, 3)}`;
}

const title = (groups: readonly ModelComparison[], quantity: string) => `${quantity} for ${groups.map((g) => g.model).join(", ")}`;

/** @example compareText(compareModels(sheets, { quantity: "params", models: [[llama3]] }), "params") */
export function compareText(groups: readonly ModelComparison[], quantity: string, digits = 3): string {
  const many = groups.length > 1;
  const head = [...(many ? ["model"] : []), "sheet", "formula", quantity, "ratio", "convention", ""];
  const body = groups.flatMap((g) =>
    g.rows.map((r) => [...(many ? [g.model] : []), r.sheet.id, r.formula ?? "—", valueText(r, digits), ratioText(r), conventionsLine(r.conventions) || "—", r.warnings.length > 0 ? MARK : ""]),
  );
  const firstNumeric = many ? 3 : 2;
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= firstNumeric && i < head.length - 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return `${title(groups, quantity)}\n` + [line(head), ...body.map(line)].join("\n") + "\n" + notes(groups, "  ");
}

export function compareMarkdown(groups: readonly ModelComparison[], quantity: string, digits = 3): string {
  const many = groups.length > 1;
  const lines = [
    `**${escapeMarkdown(title(groups, quantity))}**`,
    "",
    `| ${many ? "Model | " : ""}Sheet | Formula | ${escapeMarkdown(quantity)} | Ratio | Convention | Fits |`,
    `|${many ? "---|" : ""}---|---|--:|--:|---|---|`,
  ];
  for (const g of groups) {
    for (const r of g.rows) {
      const cells = [...(many ? [g.model] : []), r.sheet.id, r.formula ?? "—"].map(escapeMarkdown);
      lines.push(`| ${cells.join(" | ")} | ${valueText(r, digits)} | ${ratioText(r)} | ${escapeMarkdown(conventionsLine(r.conventions) || "—")} | ${r.warnings.length > 0 ? "✗ no" : "yes"} |`);
    }
  }
  return lines.join("\n") + "\n" + notes(groups, "- ", escapeMarkdown);
}

function rowsJson(rows: readonly Row[]): object[] {
  return rows.map((r) => ({
    sheet: r.sheet.id,
    formula: r.formula ?? null,
    value: r.derivation ? jsonNumber(r.derivation.value.q) : null,
    exact: r.derivation?.value.exact ? r.derivation.value.q.toString() : null,
    ratio: r.ratio ? jsonNumber(r.ratio) : null,
    failure: r.failure ?? null,
    conventions: conventionsJson(r.conventions),
    convention_share: r.share ? { axes: r.share.axes, by_convention: r.share.byConvention ? jsonNumber(r.share.byConvention) : null, by_formula: r.share.byFormula ? jsonNumber(r.share.byFormula) : null } : null,
    fits: r.warnings.length === 0,
    warnings: fitJson(r.warnings),
  }));
}

/** `{quantity, models: [{model, rows}]}`; with one model, its `model` and `rows` at the top as well. */
export function compareJson(groups: readonly ModelComparison[], quantity: string): object {
  const models = groups.map((g) => ({ model: g.model, rows: rowsJson(g.rows) }));
  return models.length === 1 ? { quantity, ...models[0], models } : { quantity, models };
}
