/**
 * Tokens of the formula language. Whitespace is dropped here, so the grammar never mentions it;
 * every token carries `offset` and `end` in the coordinates of the enclosing file.
 */
import moo from "moo";
import { FUNCTIONS } from "./tree.js";

// Greek letters (α…ω, Α…Ω) are identifier characters: the papers write α, β, ε.
const letter = "A-Za-z_\\u0391-\\u03A9\\u03B1-\\u03C9\\u03D1\\u03D5\\u03F5";

export const rules = {
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

export type TokenType = Exclude<keyof typeof rules, "ws"> | "func";

/** A moo token plus its end offset, both in file coordinates. */
export interface Token extends moo.Token {
  type: TokenType;
  end: number;
}

/** Maps an offset inside the formula text to an offset in the enclosing file. */
export type OffsetMap = (offsetInFormula: number) => number;

/** Tokenises a formula; `error` tokens are kept so the driver can report them with a position. */
export function tokenize(text: string, map: OffsetMap = (i) => i): Token[] {
  const lexer = moo.compile(rules);
  lexer.reset(text);
  const tokens: Token[] = [];
  for (const t of lexer) {
    if (t.type === "ws") continue;
    const tok = t as Token;
    const start = tok.offset;
    tok.end = map(start + tok.text.length);
    tok.offset = map(start);
    tokens.push(tok);
    if (tok.type === "error") break;
  }
  return tokens;
}

/**
 * The lexer nearley drives: it replays tokens that `tokenize` made (with file offsets) instead of
 * scanning text itself. Parsing is synchronous, so one shared instance is safe.
 */
class TokenReplay {
  private tokens: readonly Token[] = [];
  private index = 0;
  load(tokens: readonly Token[]): void {
    this.tokens = tokens;
    this.index = 0;
  }
  reset(): void {
    this.index = 0;
  }
  next(): Token | undefined {
    return this.tokens[this.index++];
  }
  save(): object {
    return {};
  }
  formatError(): string {
    return "";
  }
  has(type: string): boolean {
    return type in rules || type === "func";
  }
}

export const lexer = new TokenReplay();
