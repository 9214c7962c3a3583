/**
 * A sheet's `latex:` fields are copied into LaTeX output and typeset by KaTeX, so they may hold
 * only math notation, by a small grammar of allowed tokens: ASCII letters and digits, a few
 * punctuation marks, `_` and `^` each followed by what they apply to, balanced braces, and an
 * allowlist of commands (commands that take an argument must have one; `\left` pairs with
 * `\right`). Everything else is refused at load, by what it is: TeX's `^^5c` notation for a
 * backslash, `%`, `#`, `$`, `&`, `<`, `>`, line breaks, any other command, any non-ASCII.
 */
import { GREEK_COMMANDS } from "../syntax/names.js";

/** Symbols and spacing: no argument. */
const SYMBOLS = new Set([...GREEK_COMMANDS, "varpi", "varrho", "prime", "cdot", "times", "ell", "infty", "partial", "nabla", "quad", "qquad"]);
/** Commands that apply to the group or token after them. */
const WITH_ARGUMENT = new Set(
  "mathrm text textrm textit mathit mathbf mathsf mathtt mathcal mathbb operatorname hat bar tilde vec dot ddot check breve widehat widetilde overline underline".split(" "),
);
/** Sized delimiters: a delimiter follows. */
const SIZED = new Set(["left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr"]);
const DELIMITERS = "()[]|./";
const PUNCTUATION = "_^{}'(),.;:!+-=/|*[] ";
const ESCAPES = ",;:! {}|"; // \, \; \: \! \  \{ \} \|

/** Longest value, and deepest braces, a `latex:` field may have: a symbol, not a document. */
export const MAX_LATEX_LENGTH = 200;
const MAX_DEPTH = 8;

/** A problem with a `latex:` value, or undefined when it is safe to copy into a document. */
export function latexFieldProblem(text: string): string | undefined {
  if (text.length > MAX_LATEX_LENGTH) return `it is longer than ${MAX_LATEX_LENGTH} characters`;
  if (text.includes("^^")) return "TeX's ^^ notation is not allowed";
  let depth = 0;
  let lefts = 0;
  // What the token before needs next: an argument (after _ ^ \hat …) or a delimiter (after \left …).
  let needs: "argument" | "delimiter" | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (needs === "delimiter") {
      const escaped = c === "\\" && "{}|".includes(text[i + 1] ?? "");
      if (!escaped && !DELIMITERS.includes(c)) return `a delimiter must follow \\left, \\right and \\big`;
      i += escaped ? 2 : 1;
      needs = undefined;
      continue;
    }
    if (c === " " && needs === "argument") {
      i++;
      continue;
    }
    if (needs === "argument" && (c === "}" || c === "^" || c === "_")) return "‘^’, ‘_’ and commands such as \\hat need something after them";
    needs = undefined;
    if (c === "\\") {
      const name = /^[A-Za-z]+/.exec(text.slice(i + 1))?.[0];
      if (name === undefined) {
        const next = text[i + 1];
        if (next === undefined || !ESCAPES.includes(next)) return next === undefined ? "a lone \\ is not allowed" : `\\${next} is not allowed`;
        i += 2;
        continue;
      }
      if (SIZED.has(name)) {
        if (name === "left") lefts++;
        if (name === "right" && --lefts < 0) return "\\right has no \\left";
        needs = "delimiter";
      } else if (WITH_ARGUMENT.has(name)) needs = "argument";
      else if (!SYMBOLS.has(name)) return `\\${name} is not allowed`;
      i += 1 + name.length;
      continue;
    }
    if (c === "{") {
      if (++depth > MAX_DEPTH) return `its braces nest more than ${MAX_DEPTH} deep`;
    } else if (c === "}") {
      if (--depth < 0) return "its braces do not balance";
    } else if (c === "^" || c === "_") {
      needs = "argument";
    } else if (!/[A-Za-z0-9]/.test(c) && !PUNCTUATION.includes(c)) {
      return c === "\n" || c === "\r" ? "a line break is not allowed" : `‘${c}’ is not allowed`;
    }
    i++;
  }
  if (needs === "argument") return "‘^’, ‘_’ and commands such as \\hat need something after them";
  if (needs === "delimiter") return "a delimiter must follow \\left, \\right and \\big";
  if (depth !== 0) return "its braces do not balance";
  if (lefts !== 0) return "\\left has no \\right";
  return undefined;
}
