/** For the build only: a formula's memo, or undefined when the text is not a formula. */
import { FlopsheetError } from "../core/errors.js";
import { parseAll } from "./parse.js";
import { memoOf, type MemoTree } from "./parse-memo.js";

export function memoFor(text: string): MemoTree | undefined {
  try {
    // parseAll, not parseFormula: the memo must come from the parser itself, never from a memo.
    return memoOf(parseAll(text)[0]!);
  } catch (e) {
    if (e instanceof FlopsheetError) return undefined;
    throw e;
  }
}
