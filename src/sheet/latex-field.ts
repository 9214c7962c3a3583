/**
 * A sheet's `latex:` fields are copied into LaTeX output, so they may hold only math notation:
 * letters, digits, sub- and superscripts, braces, and an allowlist of commands. Anything that
 * could reach outside the formula (`\input`, `\write18`, `\catcode`, `\def`, comments, macro
 * parameters, math-mode switches) is refused at load.
 */
import { GREEK_COMMANDS } from "../syntax/names.js";

const ALLOWED = new Set([
  ...GREEK_COMMANDS,
  "varpi",
  "varrho",
  ..."mathrm text textrm textit mathit mathbf mathsf mathtt mathcal mathbb operatorname hat bar tilde vec dot ddot check breve widehat widetilde overline underline prime cdot times ell infty partial nabla left right big Big bigl bigr".split(" "),
]);

/** A problem with a `latex:` value, or undefined when it is safe to copy into a document. */
export function latexFieldProblem(text: string): string | undefined {
  const bad = /[%#$&]/.exec(text);
  if (bad) return `‘${bad[0]}’ is not allowed`;
  for (const m of text.matchAll(/\\([A-Za-z]+|.)/g)) {
    const name = m[1]!;
    if (/^[A-Za-z]+$/.test(name) ? !ALLOWED.has(name) : !",;:! {}_".includes(name)) return `\\${name} is not allowed`;
  }
  let depth = 0;
  for (const c of text.replace(/\\[{}]/g, "")) {
    depth += c === "{" ? 1 : c === "}" ? -1 : 0;
    if (depth < 0) return "its braces do not balance";
  }
  return depth === 0 ? undefined : "its braces do not balance";
}
