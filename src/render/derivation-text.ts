/**
 * A derivation for the terminal: the inputs, the trail (formula as written = values substituted =
 * result), the symbolic total, and the result on the last line.
 */
import type { Derivation } from "../evaluate/derive.js";
import { canonicalText } from "./canonical-text.js";
import { formatExact, percent } from "./numbers.js";
import { displayUnit, quantityText } from "./quantity.js";
import { originText } from "./origin.js";
import { PLAIN, type Style } from "./style.js";
import { PLAIN_SUBSTITUTION, substitutedText } from "./substituted-text.js";
import { expectCommonOptions } from "../core/arguments.js";

export interface TextOptions {
  /** Significant digits of rounded values (default 3). */
  readonly digits?: number;
  readonly style?: Style;
  /** Lines longer than this break before each `=` (default 120). */
  readonly width?: number;
  /** The unit to show a result in, by formula or quantity name (`--unit training_days=hours`). */
  readonly units?: ReadonlyMap<string, string>;
}


export function derivationText(d: Derivation, options: TextOptions = {}): string {
  expectCommonOptions(options, "derivationText's options");
  const digits = options.digits ?? 3;
  const s = options.style ?? PLAIN;
  const width = options.width ?? 120;
  const out: string[] = [];

  const models = d.presets.length > 0 ? [d.presets.join(" + ")] : [];
  const title = [d.sheet.id, d.target, ...(d.scenario ? [`scenario ${d.scenario.name}`] : []), ...models].join(" · ");
  out.push(s.heading(title));
  if (d.sheet.title) out.push(s.dim(d.sheet.title + (d.sheet.source ? ` — ${d.sheet.source}` : "")));

  if (d.inputs.length > 0 || d.unneeded.length > 0) {
    out.push("", s.heading("Inputs"));
    const nameWidth = Math.max(...[...d.inputs.map((i) => i.input), ...d.unneeded].map((i) => i.name.length));
    const valueWidth = Math.max(1, ...d.inputs.map((i) => i.text.length));
    for (const i of d.inputs) {
      const notes = [i.input.description, i.input.unit && `[${i.input.unit}]`, originText(i, d.scenario?.name)].filter(Boolean).join("  ");
      out.push(`  ${s.name(i.input.name.padEnd(nameWidth))} = ${s.value(i.text.padEnd(valueWidth))}  ${s.dim(notes)}`);
    }
    // No value, and none needed: every term it is in vanishes at the values above.
    for (const i of d.unneeded) {
      const notes = [i.description, i.unit && `[${i.unit}]`, "not needed: the result does not depend on it at these values"].filter(Boolean).join("  ");
      out.push(`  ${s.name(i.name.padEnd(nameWidth))}   ${"—".padEnd(valueWidth)}  ${s.dim(notes)}`);
    }
  }

  out.push("", s.heading("Trail"));
  const numberWidth = String(d.steps.length).length;
  d.steps.forEach((step, n) => {
    const parts = [
      s.name(step.name),
      step.formula.definition.text.trim(),
      substitutedText(step.formula.definition.expr, step.bindings, { value: PLAIN_SUBSTITUTION.value, mark: s.value }),
      s.value(quantityText(step.value, step.formula.unit, digits, displayUnit(step.formula, options.units))),
    ];
    // A formula that is a single name or number adds nothing when substituted.
    const unique = parts.filter((p, i) => i === 0 || p !== parts[i - 1]);
    const label = `  ${String(n + 1).padStart(numberWidth)}. `;
    // A formula inherited from a base sheet says where it came from.
    const origin = step.sheet !== d.sheet.id ? `from ${step.sheet}` : "";
    const cite = [origin, step.formula.source].filter(Boolean).join(", ");
    const source = cite ? `  ${s.dim(cite)}` : "";
    // An approximate result follows its substitution with ≈, not "= ≈".
    const join = (p: string) => (p.replace(ANSI, "").startsWith("≈") ? ` ${p}` : ` = ${p}`);
    const oneLine = label + unique[0] + unique.slice(1).map(join).join("") + source;
    if (visibleLength(oneLine) <= width) {
      out.push(oneLine);
    } else {
      out.push(label + unique[0] + (unique[1] !== undefined ? join(unique[1]) : "") + source);
      const indent = " ".repeat(label.length + 3);
      for (const p of unique.slice(2)) out.push(`${indent}${join(p)}`);
    }
  });

  if (d.symbolic) out.push("", s.heading("Symbolic"), "form" in d.symbolic ? `  ${s.name(d.target)} = ${canonicalText(d.symbolic.form)}` : `  ${s.dim(d.symbolic.omitted)}`);
  if (d.audit.length > 0) {
    // A quantity the model publishes and the sheet derives: both, and how far apart.
    out.push("", s.heading("Audit"));
    for (const a of d.audit) {
      const rel = a.relativeDifference ? `  (${percent(a.relativeDifference)})` : "";
      const mark = a.agrees ? s.ok("✓ agrees") : s.bad("✗ outside");
      out.push(`  ${mark}  ${s.name(a.formula)} (${a.quantity}) = ${s.value(quantityText(a.derived, d.steps.find((x) => x.name === a.formula)?.formula.unit, digits))}; ${a.preset} publishes ${formatExact(a.published)}${a.source ? ` (${a.source})` : ""}${rel}, to ${a.tolerance}`);
    }
  }
  const last = d.steps[d.steps.length - 1]!.formula;
  const result = quantityText(d.value, last.unit, digits, displayUnit(last, options.units));
  out.push("", s.heading("Result"), `  ${s.name(d.target)}${result.startsWith("≈") ? " " : " = "}${s.value(result)}`);
  if (d.conventions.size > 0) out.push(`  ${s.dim(`counted with ${[...d.conventions].map(([axis, value]) => `${axis} ${value}`).join(", ")}`)}`);
  return out.join("\n") + "\n";
}

// The colour codes a Style adds take no room on the screen.
const ANSI = /\u001b\[[0-9;]*m/g;
function visibleLength(s: string): number {
  return s.replace(ANSI, "").length;
}
