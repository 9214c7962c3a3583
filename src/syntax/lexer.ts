/**
 * Tokens of the formula language. Whitespace is dropped here, so the grammar never mentions it;
 * every token carries `offset` and `end` in the coordinates of the enclosing file.
 */
import moo from "moo";
import type { SourceText } from "../core/errors.js";
import { FUNCTIONS } from "./functions.js";
import { NAME_START_CLASS } from "./names.js";

// Greek letters (α…ω, Α…Ω, ϑ, ϕ, ϵ) are identifier characters: the papers write α, β, ε.
const letter = NAME_START_CLASS;

const rules: Record<Exclude<TokenType, "func"> | "ws", moo.Rule | moo.Rule[] | string | string[] | RegExp> = {
  ws: { match: /[ \t\r\n\u00a0\u2009\u202f]+/, lineBreaks: true },
  number: /(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d+)?/,
  superscript: /⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/,
  ident: {
    match: new RegExp(`[${letter}][${letter}0-9]*`),
    type: moo.keywords({ func: [...FUNCTIONS] }),
  },
  plus: "+",
  minus: ["-", "−"],
  times: ["*", "×", "·", "⋅"],
  divide: ["/", "÷"],
  caret: "^",
  sqrt: "√",
  lparen: "(",
  rparen: ")",
  comma: ",",
  error: moo.error,
};

export type TokenType =
  | "number" | "superscript" | "ident" | "func" | "plus" | "minus" | "times" | "divide" | "caret" | "sqrt" | "lparen" | "rparen" | "comma" | "error";

/**
 * A token with its start and end offsets in file coordinates. Declared here rather than extending
 * moo's type, so the published declarations do not need moo's typings (a devDependency).
 */
export interface Token {
  type: TokenType;
  text: string;
  value: string;
  offset: number;
  end: number;
  line: number;
  col: number;
  /** The text the offsets point into. */
  source?: SourceText;
}

const compiled = moo.compile(rules);

/** Maps an offset inside the formula text to an offset in the enclosing file. */
export type OffsetMap = (offsetInFormula: number) => number;

/** Tokenises a formula; `error` tokens are kept so the driver can report them with a position. */
export function tokenize(text: string, map: OffsetMap = (i) => i, source?: SourceText): Token[] {
  // Compiled once: moo.compile is the expensive step (nearley's tokenizer guide), two thirds of a
  // parse when it ran per formula. Tokenising is synchronous, so one shared lexer is safe.
  const lexer = compiled.reset(text);
  const tokens: Token[] = [];
  for (const t of lexer) {
    if (t.type === "ws") continue;
    const tok = t as unknown as Token;
    const start = tok.offset;
    tok.end = map(start + tok.text.length);
    tok.offset = map(start);
    if (source) tok.source = source;
    tokens.push(tok);
    if (tok.type === "error") break;
  }
  return tokens;
}

/**
 * The lexer nearley drives (its documented custom-lexer interface): it replays tokens that
 * `tokenize` made, with file offsets, instead of scanning text itself. One per parse.
 */
export class TokenReplay {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}
  reset(): void {
    this.index = 0;
  }
  next(): Token | undefined {
    return this.tokens[this.index++];
  }
  save(): object {
    return {};
  }
  formatError(token: Token): string {
    return `unexpected ${token.text}`;
  }
  has(type: string): boolean {
    return type in rules || type === "func";
  }
}

/** What the compiled grammar asks at load time: which token types exist (`@lexer lexer`). */
export const lexer = new TokenReplay([]);
