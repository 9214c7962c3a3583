/**
 * Identifiers as a reader of the paper expects them typeset: `d_model` → `d_{\text{model}}`,
 * `FLOPs_QKV` → `\mathrm{FLOPs}_{\mathrm{QKV}}`, `alpha` and `α` → `\alpha`. A sheet's `latex:`
 * field overrides this. Names are validated identifiers, so only letters, digits and `_` occur.
 */

const GREEK = [
  "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
  "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
];
// Capitals that LaTeX has as commands; the others look like Latin letters.
const GREEK_CAPITALS = new Set(["Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"]);
const UNICODE_GREEK = "αβγδεζηθικλμνξοπρστυφχψω";
const UNICODE_GREEK_CAPITALS = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ";

function greek(word: string): string | undefined {
  if (GREEK.includes(word)) return word === "omicron" ? "o" : `\\${word}`;
  if (GREEK_CAPITALS.has(word)) return `\\${word}`;
  return undefined;
}

/** Unicode Greek letters as commands (`α` → `\alpha `), everything else as it is. */
function unicodeGreek(text: string): string {
  return [...text]
    .map((c) => {
      const i = UNICODE_GREEK.indexOf(c);
      if (i !== -1) return `\\${GREEK[i]} `;
      const j = UNICODE_GREEK_CAPITALS.indexOf(c);
      if (j !== -1) {
        const name = GREEK[j]!;
        const cap = name[0]!.toUpperCase() + name.slice(1);
        return GREEK_CAPITALS.has(cap) ? `\\${cap} ` : c;
      }
      return c;
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
