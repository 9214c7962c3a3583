import { Rational } from "../core/rational.js";
import type { NumberLit } from "./tree.js";

/**
 * The exact value of a number literal: `6.71` is 671/100, `1e12` is 10¹², a superscript `⁻¹` is −1.
 *
 * @example numberValue({ kind: "number", text: "6.71", span }).toString() // "671/100"
 */
export function numberValue(node: NumberLit): Rational {
  const negative = node.text.startsWith("-");
  const value = Rational.parseDecimal(negative ? node.text.slice(1) : node.text);
  if (value === undefined) throw new Error(`internal error: the lexer accepted ${node.text} as a number`);
  return negative ? value.neg() : value;
}
