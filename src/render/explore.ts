/**
 * solve, breakdown and sensitivity for the terminal and as JSON. Exact values print exactly (with
 * a rounded form beside them); approximations are marked ≈ and say how they were found.
 */
import type { Solution } from "../explore/solve.js";
import type { Breakdown, Crossing, Part } from "../explore/breakdown.js";
import type { SensitivityReport } from "../explore/sensitivity.js";
import type { Value } from "../evaluate/value.js";
import type { Rational } from "../core/rational.js";
import { canonicalText } from "./canonical-text.js";
import { derivationText } from "./derivation-text.js";
import { derivationJson } from "./json.js";
import { formatExact, formatRounded, jsonNumber, roundsExactly } from "./numbers.js";
import { resultText } from "./result-text.js";
import { PLAIN, type Style } from "./style.js";

interface Options {
  readonly digits?: number;
  readonly style?: Style;
}

/** A value in a summary line: the rule of every format (resultText), long exact values abbreviated; columns of parts show rounded values. */
export function valueText(v: Value, digits = 3): string {
  return resultText(v, digits, 40);
}

const shareText = (q: Rational) => `${(q.toNumber() * 100).toFixed(1).padStart(5)}%`;
const bar = (q: Rational, width = 30) => "█".repeat(Math.max(0, Math.round(q.toNumber() * width)));

export function solutionText(s: Solution, options: Options = {}): string {
  const st = options.style ?? PLAIN;
  const digits = options.digits ?? 3;
  const name = s.asked === s.input ? s.input : `${s.input} (${s.asked})`;
  const lines = [
    st.heading(`${s.sheet.id}: ${name} for ${s.target} = ${formatRounded(s.goal, digits)}`),
    `  ${st.name(s.input)} ${s.value.exact ? "=" : "≈"} ${st.value(valueText(s.value, digits).replace(/^≈ /, ""))}`,
    ...(s.whole ?? []).map((w) => `  ${st.dim(`whole: at ${s.input} = ${formatExact(w.at)}, ${s.target} = ${valueText(w.target, digits)}`)}`),
    st.dim(`  ${s.value.exact ? "exact" : "approximate"}: ${s.method}`),
    st.dim(`  ${s.target} in ${s.input}, the other inputs at their values: ${canonicalText(s.form)}`),
    "",
    st.heading("The target at that value"),
    derivationText(s.derivation, options).replace(/\n$/, ""),
  ];
  return lines.join("\n") + "\n";
}


export function solutionJson(s: Solution): object {
  return { sheet: s.sheet.id, target: s.target, goal: jsonNumber(s.goal), for: s.input, asked: s.asked, value: jsonNumber(s.value.q), exact: s.value.exact ? s.value.q.toString() : null, method: s.method, form: canonicalText(s.form), whole: (s.whole ?? []).map((w) => ({ at: jsonNumber(w.at), target: jsonNumber(w.target.q), exact: w.target.exact ? w.target.q.toString() : null })), derivation: derivationJson(s.derivation) };
}

/** The parts that are not 0 here, largest first, and a line for how many are. */
function partLines(parts: readonly Part[], s: Style, digits: number, label: (p: Part) => string): string[] {
  const shown = parts.filter((p) => !p.value.isZero());
  const labels = shown.map(label);
  const width = Math.min(60, Math.max(0, ...labels.map((l) => l.length)));
  const lines = shown.map((p, i) => {
    const l = labels[i]!;
    return `  ${s.name(l.length > width ? l.slice(0, width - 1) + "…" : l.padEnd(width))}  ${formatRounded(p.value, digits).padStart(14)}  ${shareText(p.share)}  ${s.value(bar(p.share))}`;
  });
  const zero = parts.length - shown.length;
  if (zero > 0) lines.push(s.dim(`  and ${zero} part${zero === 1 ? "" : "s"} that ${zero === 1 ? "is" : "are"} 0 for these inputs`));
  return lines;
}

export function breakdownText(b: Breakdown, options: Options & { crossings?: readonly (Crossing | string)[] } = {}): string {
  const s = options.style ?? PLAIN;
  const digits = options.digits ?? 3;
  const models = b.derivation.presets.length > 0 ? ` · ${b.derivation.presets.join(" + ")}` : "";
  const out = [s.heading(`${b.sheet.id} · ${b.target}${models} = ${valueText(b.total, digits)}`), "", s.heading("By formula"), ...partLines(b.byFormula, s, digits, (p) => p.label), "", s.heading("By canonical monomial"), ...partLines(b.byMonomial, s, digits, (p) => canonicalText(p.form))];
  if (options.crossings && options.crossings.length > 0) {
    out.push("", s.heading("Where parts cross"));
    for (const c of options.crossings) {
      out.push(typeof c === "string" ? `  ${c}` : `  ${s.name(c.a)} = ${s.name(c.b)} at ${c.input} = ${s.value(valueText(c.at, digits))}  ${s.dim(`(${c.method})`)}`);
    }
  }
  return out.join("\n") + "\n";
}

const partJson = (p: Part) => ({ label: p.label, value: jsonNumber(p.value), share: p.share.toNumber(), form: canonicalText(p.form) });

export function breakdownJson(b: Breakdown, crossings: readonly (Crossing | string)[] = []): object {
  return {
    sheet: b.sheet.id,
    target: b.target,
    presets: b.derivation.presets,
    total: jsonNumber(b.total.q),
    by_formula: b.byFormula.map(partJson),
    by_monomial: b.byMonomial.map(partJson),
    crossings: crossings.map((c) => (typeof c === "string" ? { none: c } : { a: c.a, b: c.b, input: c.input, at: jsonNumber(c.at.q), exact: c.at.exact ? c.at.q.toString() : null, method: c.method })),
  };
}

export function sensitivityText(r: SensitivityReport, options: Options = {}): string {
  const s = options.style ?? PLAIN;
  const digits = options.digits ?? 3;
  const models = r.derivation.presets.length > 0 ? ` · ${r.derivation.presets.join(" + ")}` : "";
  const width = Math.max(5, ...r.inputs.map((i) => i.input.length));
  const out = [s.heading(`${r.sheet.id} · ${r.target}${models} = ${valueText(r.value, digits)}`)];
  if (r.monomial) out.push(s.dim("  the target is a single monomial: each elasticity is that input's exponent, at every point"));
  out.push("", `  ${"input".padEnd(width)}  ${"elasticity".padStart(12)}  ∂${r.target}/∂input`);
  for (const i of r.inputs) {
    if (i.reason) {
      out.push(`  ${s.name(i.input.padEnd(width))}  ${"—".padStart(12)}  ${s.dim(i.reason)}`);
      continue;
    }
    const e = i.elasticity ? (i.elasticity.exact && roundsExactly(i.elasticity.q, 6) ? formatExact(i.elasticity.q) : formatRounded(i.elasticity.q, digits)) : "—";
    // The derivative's form where it fits on the line; --format json has every one.
    const form = canonicalText(i.partial);
    out.push(`  ${s.name(i.input.padEnd(width))}  ${s.value(e.padStart(12))}  ${valueText(i.partialValue, digits)}${form.length <= 48 ? `  ${s.dim(`= ${form}`)}` : ""}`);
  }
  out.push("", s.dim("  elasticity: the percentage change of the target for a 1% change of the input, ∂ln f/∂ln x"));
  return out.join("\n") + "\n";
}

export function sensitivityJson(r: SensitivityReport): object {
  return {
    sheet: r.sheet.id,
    target: r.target,
    presets: r.derivation.presets,
    value: jsonNumber(r.value.q),
    monomial: r.monomial,
    inputs: r.inputs.map((i) => ({ input: i.input, elasticity: i.elasticity ? jsonNumber(i.elasticity.q) : null, partial: jsonNumber(i.partialValue.q), partial_form: canonicalText(i.partial), ...(i.reason ? { reason: i.reason } : {}) })),
  };
}
