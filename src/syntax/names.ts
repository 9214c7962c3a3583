/**
 * The alphabet of names, in one place: which characters may spell an identifier, and how each
 * Greek letter is typeset. The lexer, the sheet loader, the LaTeX symbol map and LaTeX text
 * escaping all read this table, so every name the lexer accepts also renders and compiles.
 */

/** A Greek letter: its character, and the math-mode LaTeX that draws it with no extra package. */
export interface GreekLetter {
  readonly char: string;
  /** The spelled-out name a sheet may also use as an identifier (`alpha`), where LaTeX has one. */
  readonly word?: string;
  readonly latex: string;
}

const LOWER = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho varsigma sigma tau upsilon phi chi psi omega".split(" ");
// Capitals LaTeX draws as commands; the others are drawn as the Latin letters they look like.
const CAPITAL_COMMANDS = new Set(["Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"]);
const LATIN_LOOKALIKE: Record<string, string> = {
  Alpha: "A", Beta: "B", Epsilon: "E", Zeta: "Z", Eta: "H", Iota: "I", Kappa: "K", Mu: "M", Nu: "N", Omicron: "O", Rho: "P", Tau: "T", Chi: "X",
};

function build(): GreekLetter[] {
  const letters: GreekLetter[] = [];
  // α (U+03B1) … ω (U+03C9), with final sigma ς at U+03C2.
  LOWER.forEach((word, i) => {
    const char = String.fromCodePoint(0x03b1 + i);
    letters.push({ char, ...(word === "omicron" ? { latex: "o" } : { word, latex: `\\${word}` }) });
  });
  // Α (U+0391) … Ω (U+03A9); U+03A2 is unassigned (there is no capital final sigma).
  LOWER.filter((w) => w !== "varsigma").forEach((word, i) => {
    const char = String.fromCodePoint(0x0391 + i + (i >= 17 ? 1 : 0));
    const cap = word[0]!.toUpperCase() + word.slice(1);
    letters.push(CAPITAL_COMMANDS.has(cap) ? { char, word: cap, latex: `\\${cap}` } : { char, latex: `\\mathrm{${LATIN_LOOKALIKE[cap]}}` });
  });
  // The variant forms the papers use.
  letters.push({ char: "\u03d1", word: "vartheta", latex: "\\vartheta" }); // ϑ
  letters.push({ char: "\u03d5", word: "varphi", latex: "\\varphi" }); // ϕ
  letters.push({ char: "\u03f5", word: "varepsilon", latex: "\\varepsilon" }); // ϵ
  return letters;
}

export const GREEK: readonly GreekLetter[] = build();

const BY_CHAR = new Map(GREEK.map((g) => [g.char, g]));
const BY_WORD = new Map(GREEK.filter((g) => g.word !== undefined).map((g) => [g.word!, g]));

/** The LaTeX of a Greek character (`α` → `\alpha`), or undefined for any other character. */
export function greekLatex(char: string): string | undefined {
  return BY_CHAR.get(char)?.latex;
}

/** The LaTeX of a spelled-out Greek name (`alpha` → `\alpha`, `omicron` → `o`), or undefined. */
export function greekWordLatex(word: string): string | undefined {
  if (word === "omicron") return "o";
  return BY_WORD.get(word)?.latex;
}

/** The LaTeX commands that draw Greek letters (`alpha`, `Gamma`, `vartheta`, …), for checking `latex:` fields. */
export const GREEK_COMMANDS: readonly string[] = GREEK.flatMap((g) => (/^\\[A-Za-z]+$/.test(g.latex) ? [g.latex.slice(1)] : []));

/**
 * Greek letters that look like Latin ones (Unicode's confusables for the two scripts): a sheet
 * with both `N` and `Ν` (capital nu) has two names a reader cannot tell apart.
 */
const LOOKALIKES: Record<string, string> = {
  Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X",
  α: "a", γ: "y", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", σ: "o", υ: "u", χ: "x", ς: "c",
};

/**
 * What a name looks like: normalised (NFC) and with every Greek letter that looks Latin replaced
 * by that Latin letter. Two names with the same skeleton read as one.
 *
 * @example skeleton("Ν_ctx") === skeleton("N_ctx") // true
 */
export function skeleton(name: string): string {
  return [...name.normalize("NFC")].map((c) => LOOKALIKES[c] ?? c).join("");
}

const escapeClass = (c: string) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`;

/** The characters that may start a name, as the inside of a regular-expression class. */
export const NAME_START_CLASS = `A-Za-z_${GREEK.map((g) => escapeClass(g.char)).join("")}`;

/** A whole identifier: a letter or `_`, then letters, digits and `_`. */
export const NAME_PATTERN = new RegExp(`^[${NAME_START_CLASS}][${NAME_START_CLASS}0-9]*$`);
