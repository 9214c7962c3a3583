/**
 * Identifiers as a reader of the paper expects them typeset: `d_model` → `d_{\text{model}}`,
 * `FLOPs_QKV` → `\mathrm{FLOPs}_{\mathrm{QKV}}`, `alpha` and `α` → `\alpha`. A sheet's `latex:`
 * field overrides this. Names are validated identifiers, so only letters, digits and `_` occur.
 */
import { greekLatex, greekWordLatex } from "../syntax/names.js";

/** A spelled-out or Unicode Greek letter as its command (`alpha`, `α` → `\\alpha`), else undefined. */
function greek(word: string): string | undefined {
  return greekWordLatex(word) ?? ([...word].length === 1 ? greekLatex(word) : undefined);
}

/** Unicode Greek letters inside a longer word as commands (`Δt` → `\\Delta t`), everything else as it is. */
function unicodeGreek(text: string): string {
  return [...text]
    .map((c) => {
      const g = greekLatex(c);
      return g === undefined ? c : /^\\[A-Za-z]+$/.test(g) ? `${g} ` : g;
    })
    .join("")
    .trimEnd();
}

function part(word: string, role: "base" | "sub"): string {
  const g = greek(word);
  if (g) return g;
  const converted = unicodeGreek(word);
  if (converted !== word) return converted;
  if ([...word].length === 1) return word;
  if (role === "sub" && /^[a-z0-9]+$/.test(word)) return `\\text{${word}}`;
  return `\\mathrm{${word}}`;
}

/**
 * @example latexSymbol("d_model") // "d_{\\text{model}}"
 */
export function latexSymbol(name: string, overrides?: ReadonlyMap<string, string>): string {
  const custom = overrides?.get(name);
  if (custom !== undefined) return custom;
  const at = name.indexOf("_");
  if (at <= 0 || at === name.length - 1) return part(name.replace(/_/g, "\\_"), "base");
  const base = part(name.slice(0, at), "base");
  const subWords = name.slice(at + 1).split("_").filter(Boolean);
  const sub = subWords.length === 1 ? part(subWords[0]!, "sub") : `\\text{${subWords.join(" ")}}`;
  return `${base}_{${sub}}`;
}
