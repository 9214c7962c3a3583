/**
 * `flopsheet estimate`: every quantity for a model, with the sheet and convention that made it,
 * the defaults it rests on, and for an empty row what to set or why none can be given.
 */
import type { EstimateEntry } from "../model/estimate.js";
import { PLAIN_WORDING, remedyText, type Wording } from "../core/errors.js";
import { escapeMarkdown } from "./escape.js";
import { jsonNumber } from "./numbers.js";
import { resultText } from "./result-text.js";
import { humanValue, quantityText } from "./quantity.js";
import { PLAIN, type Style } from "./style.js";
import { assumptionLine, assumptionsJson, conventionsJson, conventionsLine, fitMessage } from "./fit.js";
import { expectCommonOptions } from "../core/arguments.js";

const shown = (e: EstimateEntry, digits: number) => (e.value ? resultText(e.value, digits) : "—");
const others = (e: EstimateEntry, digits: number) =>
  e.sheets
    .filter((r) => r.sheet !== e.sheet)
    .map((r) => `${r.sheet}${r.value ? ` ${resultText(r.value, digits).replace(/^.*≈ /, "≈ ")}` : " not computed"}${r.warnings.length > 0 ? " (does not fit)" : ""}${r.value && r.conventions.size > 0 ? ` [${conventionsLine(r.conventions)}]` : ""}`)
    .join("; ");

/**
 * Where the value came from, or why there is none; with a wording, an empty row says how to fill it.
 *
 * @example estimateProvenance(entry, PLAIN_WORDING) // "decoder needs seq_len, tokens: set seq_len and set tokens"
 */
export function estimateProvenance(e: EstimateEntry, wording?: Wording): string {
  if (e.value && e.sheet === undefined) return "as set";
  if (e.value) return `from ${e.sheet}${e.conventions.size > 0 ? ` (${conventionsLine(e.conventions)})` : ""}`;
  if (e.missing) return `${e.sheet} needs ${e.missing.join(", ")}${wording ? `: ${remedyText({ set: e.missing }, wording)}` : ""}`;
  if (e.sheet) return `${e.sheet} could not compute it: ${e.why ?? "no value"}`;
  return e.why ?? "no sheet that fits the model derives it";
}

export function estimateText(model: string, entries: readonly EstimateEntry[], options: { digits?: number; style?: Style; wording?: Wording; harmless?: readonly string[] } = {}): string {
  expectCommonOptions(options, "estimateText's options");
  const s = options.style ?? PLAIN;
  const digits = options.digits ?? 3;
  const wording = options.wording ?? PLAIN_WORDING;
  const lines = [s.heading(`Estimate for ${model}`), ""];
  for (const e of entries) {
    // In the unit a person would say (16.1 GB, 5.11 ms), as the trail does, beside the exact value.
    const value = e.value && humanValue(e.value.q, e.unit) ? quantityText(e.value, e.unit, digits) : `${shown(e, digits)}${e.unit ? ` ${e.unit}` : ""}`;
    lines.push(`  ${s.name(e.quantity)} = ${s.value(value)}${s.dim(`  ${estimateProvenance(e, wording)}`)}`);
    for (const a of e.assumptions) lines.push(s.dim(`      assumes: ${assumptionLine(a)}`));
    const rest = others(e, digits);
    if (rest) lines.push(s.dim(`      also: ${rest}`));
  }
  if (options.harmless && options.harmless.length > 0) lines.push("", s.dim(`Config keys not read that change no count: ${options.harmless.join(", ")}`));
  return lines.join("\n") + "\n";
}

/** A table for a document: an empty row names what it needs, in no shell's words. */
export function estimateMarkdown(model: string, entries: readonly EstimateEntry[], digits = 3): string {
  const lines = [`## Estimate for ${escapeMarkdown(model)}`, "", "| Quantity | Value | Unit | Sheet | Convention | Assumes | Other sheets |", "|---|--:|---|---|---|---|---|"];
  for (const e of entries) {
    const sheet = e.value ? (e.sheet ?? "—") : estimateProvenance(e);
    lines.push(
      `| ${escapeMarkdown(e.quantity)} | ${shown(e, digits)} | ${escapeMarkdown(e.unit ?? "")} | ${escapeMarkdown(sheet)} | ${escapeMarkdown(conventionsLine(e.conventions))} | ${escapeMarkdown(e.assumptions.map(assumptionLine).join("; "))} | ${escapeMarkdown(others(e, digits))} |`,
    );
  }
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
      conventions: conventionsJson(e.conventions),
      assumptions: assumptionsJson(e.assumptions),
      missing: e.missing ?? null,
      why: e.why ?? null,
      sheets: e.sheets.map((r) => ({
        sheet: r.sheet,
        formula: r.formula,
        value: r.value ? jsonNumber(r.value.q) : null,
        fits: r.warnings.length === 0,
        conventions: conventionsJson(r.conventions),
        failure: r.failure ?? null,
        warnings: r.warnings.map(fitMessage),
      })),
    })),
  };
}
