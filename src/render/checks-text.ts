/**
 * A check report for the terminal: one line per check with its outcome against its declaration;
 * a failed identity shows its symbolic difference, a figure shows computed against published.
 */
import type { CheckReport, CheckResult } from "../evaluate/checks.js";
import { canonicalText } from "./canonical-text.js";
import { percent } from "./numbers.js";
import { resultText } from "./result-text.js";
import { PLAIN, type Style } from "./style.js";

export function checksText(report: CheckReport, options: { style?: Style; digits?: number } = {}): string {
  const s = options.style ?? PLAIN;
  const digits = options.digits ?? 3;
  const failed = report.results.filter((r) => !r.passed).length;
  const recorded = report.results.filter((r) => r.passed && r.outcome === "fails").length;
  const summary =
    failed === 0
      ? s.ok(`${report.results.length} check${report.results.length === 1 ? "" : "s"}, every outcome as declared`) + (recorded > 0 ? s.dim(` (${recorded} recorded inconsistenc${recorded === 1 ? "y" : "ies"})`) : "")
      : s.bad(`${failed} of ${report.results.length} check${report.results.length === 1 ? "" : "s"} did not come out as declared`);
  const out = [`${s.heading(report.sheet.id)}: ${summary}`];
  for (const r of report.results) out.push(...resultLines(r, s, digits));
  return out.join("\n") + "\n";
}

function mark(r: CheckResult, s: Style): string {
  if (!r.passed) return s.bad(`✗ ${r.outcome === "holds" ? "holds, but declared to fail" : "FAILS"}`);
  return r.outcome === "holds" ? s.ok("✓ holds") : s.ok("✓ fails as recorded");
}

function resultLines(r: CheckResult, s: Style, digits: number): string[] {
  if (r.kind === "identity") {
    const c = r.check;
    const given = c.given.size > 0 ? s.dim(` given ${[...c.given].map(([n, w]) => `${n} = ${w.text.trim()}`).join(", ")}`) : "";
    const lines = [`  ${mark(r, s)}  ${s.name(c.name)}${c.source ? s.dim(`  ${c.source}`) : ""}`, `      ${c.lhs.text.trim()} == ${c.rhs.text.trim()}${given}`];
    if (r.outcome === "fails") lines.push(`      lhs − rhs = ${s.value(canonicalText(r.difference))}`);
    if (c.note) lines.push(s.dim(`      ${c.note}`));
    return lines;
  }
  const e = r.expectation;
  const rel = r.relativeDifference ? `  (${percent(r.relativeDifference)})` : "";
  return [
    `  ${mark(r, s)}  ${s.name(`${r.scenario.name}: ${e.target.text.trim()}`)}${e.source ? s.dim(`  ${e.source}`) : ""}`,
    `      computed ${s.value(resultText(r.computed, digits))}, published ${e.value.text.trim()}, to ${r.tolerance}${s.dim(rel)}`,
    ...(e.note ? [s.dim(`      ${e.note}`)] : []),
  ];
}
