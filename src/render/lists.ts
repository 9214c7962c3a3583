/**
 * The listing commands' output (sheets, presets, the vocabulary, canonical forms, audits), as
 * text for the terminal and as JSON documents. Renderers only read what they are given.
 */
import type { Canonical } from "../algebra/canonical.js";
import type { AuditEntry } from "../evaluate/derive.js";
import type { Sheet } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";
import type { Term, Vocabulary } from "../sheet/vocabulary.js";
import { canonicalLatex } from "./canonical-latex.js";
import { canonicalText } from "./canonical-text.js";
import { formatExact, percent } from "./numbers.js";
import { resultText } from "./result-text.js";
import { PLAIN, type Style } from "./style.js";

const widthOf = (xs: readonly string[]) => Math.max(0, ...xs.map((x) => x.length));

/** `flopsheet sheets`: one line a sheet, its id and title. */
export function sheetsText(sheets: readonly Sheet[], style: Style = PLAIN): string {
  const w = widthOf(sheets.map((s) => s.id));
  return sheets.map((s) => `${style.name(s.id.padEnd(w))}  ${s.title ?? ""}`.trimEnd() + "\n").join("");
}

export function sheetsJson(sheets: readonly Sheet[]): object {
  return sheets.map((s) => ({
    id: s.id,
    title: s.title ?? null,
    source: s.source ?? null,
    extends: s.bases,
    inputs: s.inputs.map((i) => i.name),
    formulas: s.formulas.map((f) => f.name),
    scenarios: s.scenarios.map((sc) => sc.name),
  }));
}

/** `flopsheet models`: the model presets, then the hardware presets. */
export function presetsText(groups: readonly { readonly heading: string; readonly presets: readonly Preset[] }[], style: Style = PLAIN): string {
  let out = "";
  for (const g of groups) {
    out += `${style.heading(g.heading)}\n`;
    const w = widthOf(g.presets.map((p) => p.id));
    for (const p of g.presets) out += `  ${style.name(p.id.padEnd(w))}  ${p.title ?? ""}`.trimEnd() + "\n";
  }
  return out;
}

export function presetsJson(groups: readonly { readonly kind: string; readonly presets: readonly Preset[] }[]): object {
  return Object.fromEntries(
    groups.map((g) => [
      g.kind,
      g.presets.map((p) => ({
        id: p.id,
        title: p.title ?? null,
        source: p.source ?? null,
        values: Object.fromEntries([...p.values].map(([k, v]) => [k, { text: v.written.text.trim(), source: v.source ?? null }])),
      })),
    ]),
  );
}

/** `flopsheet vocabulary`: each quantity with its description, unit and the sheets that bind it. */
export function vocabularyText(vocabulary: Vocabulary, binders: (term: Term) => readonly string[], style: Style = PLAIN): string {
  const w = widthOf([...vocabulary.terms.keys()]);
  let out = "";
  for (const term of vocabulary.terms.values()) {
    const by = binders(term);
    out += `${style.name(term.name.padEnd(w))}  ${term.description}${term.unit ? ` [${term.unit}]` : ""}${style.dim(by.length > 0 ? `  (${by.join(", ")})` : "")}\n`;
  }
  return out;
}

export function vocabularyJson(vocabulary: Vocabulary, binders: (term: Term) => readonly string[]): object {
  return [...vocabulary.terms.values()].map((t) => ({ name: t.name, group: t.group, description: t.description, unit: t.unit ?? null, bound_by: binders(t) }));
}

/** `flopsheet symbolic`: `name = form` a line, as text or LaTeX. */
export function formsText(forms: ReadonlyMap<string, Canonical>, style: Style = PLAIN): string {
  return [...forms].map(([name, form]) => `${style.name(name)} = ${canonicalText(form)}\n`).join("");
}

export function formsLatex(forms: ReadonlyMap<string, Canonical>, symbols: ReadonlyMap<string, string>): string {
  return [...forms].map(([name, form]) => `${name} = ${canonicalLatex(form, symbols)}\n`).join("");
}

export function formsJson(forms: ReadonlyMap<string, Canonical>, symbols: ReadonlyMap<string, string>): object {
  return Object.fromEntries([...forms].map(([n, c]) => [n, { text: canonicalText(c), latex: canonicalLatex(c, symbols) }]));
}

/** Audit lines under a sheet's checks: derived against published. */
export function auditText(audit: readonly AuditEntry[], style: Style = PLAIN): string {
  const lines = audit.map(
    (a) =>
      `  ${a.agrees ? style.ok("✓ audit") : style.bad("✗ audit")}  ${style.name(a.formula)} (${a.quantity}) = ${resultText(a.derived, 3)}; ${a.preset} publishes ${formatExact(a.published)}, to ${a.tolerance}${a.relativeDifference ? `  (${percent(a.relativeDifference)})` : ""}\n`,
  );
  const off = audit.filter((a) => !a.agrees).length;
  // The heading above counts the sheet's own checks; a failed audit fails the run all the same.
  return lines.join("") + (off > 0 ? `  ${style.bad(`${off} audit${off === 1 ? "" : "s"} outside ${off === 1 ? "its" : "their"} tolerance`)}\n` : "");
}
