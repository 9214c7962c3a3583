import { describe, expect, test } from "vitest";
import { FlopsheetError, formatIssue, SourceText } from "../../src/core/errors.js";
import { MAX_NESTING, parseAll, parseFormula } from "../../src/syntax/parse.js";
import { show } from "../helpers/show.js";
import { CORPUS } from "./corpus.js";

const tree = (text: string) => show(parseFormula(text));

function parseError(text: string): string {
  try {
    parseFormula(text);
  } catch (e) {
    expect(e).toBeInstanceOf(FlopsheetError);
    return formatIssue((e as FlopsheetError).issues[0]!);
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe("operators", () => {
  test.each([
    ["a + b", "(a + b)"],
    ["a - b", "(a - b)"],
    ["a − b", "(a - b)"],
    ["a × b", "(a * b)"],
    ["a · b", "(a * b)"],
    ["a ⋅ b", "(a * b)"],
    ["a * b", "(a * b)"],
    ["a / b", "(a / b)"],
    ["a ÷ b", "(a / b)"],
    ["a ^ b", "(a ^ b)"],
    ["-a", "(-a)"],
    ["−a", "(-a)"],
  ])("%s", (text, expected) => expect(tree(text)).toBe(expected));
});

describe("precedence and associativity", () => {
  test.each([
    ["a + b × c", "(a + (b * c))"],
    ["a × b + c", "((a * b) + c)"],
    ["a - b - c", "((a - b) - c)"],
    ["a / b / c", "((a / b) / c)"],
    ["a / b × c", "((a / b) * c)"],
    ["a × b ^ c", "(a * (b ^ c))"],
    // ^ is right-associative and binds tighter than unary minus.
    ["a^b^c", "(a ^ (b ^ c))"],
    ["-x^2", "(-(x ^ 2))"],
    ["−x²", "(-(x ^ 2))"],
    ["-2^2", "(-(2 ^ 2))"],
    ["2^-3", "(2 ^ (-3))"],
    ["2^−x^2", "(2 ^ (-(x ^ 2)))"],
    ["a - -b", "(a - (-b))"],
    ["(a + b) × c", "((a + b) * c)"],
    ["x²^3", "((x ^ 2) ^ 3)"],
  ])("%s", (text, expected) => expect(tree(text)).toBe(expected));
});

describe("notations", () => {
  test.each([
    // superscripts, including multi-digit and negative ones
    ["d_model²", "(d_model ^ 2)"],
    ["x³", "(x ^ 3)"],
    ["10²³", "(10 ^ 23)"],
    ["x⁻¹", "(x ^ -1)"],
    ["x⁰¹²³⁴⁵⁶⁷⁸⁹", "(x ^ 0123456789)"],
    ["(a + b)²", "((a + b) ^ 2)"],
    // implicit multiplication of a number by what follows
    ["2k", "(2 * k)"],
    ["2 k", "(2 * k)"],
    ["2(a + b)", "(2 * (a + b))"],
    ["2k²", "(2 * (k ^ 2))"],
    ["2k × d", "((2 * k) * d)"],
    ["1/2k", "(1 / (2 * k))"],
    ["2√x", "(2 * sqrt(x))"],
    // radicals and calls
    ["√(x)", "sqrt(x)"],
    ["√x", "sqrt(x)"],
    ["√x²", "(sqrt(x) ^ 2)"],
    ["sqrt(x)", "sqrt(x)"],
    ["log(x, 2)", "log(x, 2)"],
    ["min(a, b, 2c)", "min(a, b, (2 * c))"],
    ["max(a)", "max(a)"],
    ["ln(x) + exp(y)", "(ln(x) + exp(y))"],
    ["ceil(x) + floor(y) + abs(z)", "((ceil(x) + floor(y)) + abs(z))"],
    ["log2(n) × log10(n)", "(log2(n) * log10(n))"],
    // numbers as the papers write them
    ["6.71 × 10^7", "(6.71 * (10 ^ 7))"],
    ["1e12", "1e12"],
    ["1.5E-3", "1.5E-3"],
    ["70_000_000_000", "70_000_000_000"],
    [".5", ".5"],
    // identifiers: letters, digits, underscores, Greek
    ["FLOPs_QKV", "FLOPs_QKV"],
    ["n_ctx2", "n_ctx2"],
    ["α × d_model", "(α * d_model)"],
    ["Δ_x + ε", "(Δ_x + ε)"],
  ])("%s", (text, expected) => expect(tree(text)).toBe(expected));

  test("the exponent letter does not swallow a following name: 2E is 2 × E", () => {
    expect(tree("2E")).toBe("(2 * E)");
    expect(tree("2E3")).toBe("2E3");
  });

  test("spans point at the source text", () => {
    const e = parseFormula("2 × d_model²");
    expect(e.span).toMatchObject({ start: 0, end: 12 });
    if (e.kind !== "binary" || e.right.kind !== "binary") throw new Error("shape");
    expect(e.right.left.span).toMatchObject({ start: 4, end: 11 });
  });
});

describe("unambiguity", () => {
  test.each(CORPUS)("exactly one parse: %s", (text) => {
    expect(parseAll(text)).toHaveLength(1);
  });

  test("a long sum and product still has one parse", () => {
    const text = Array.from({ length: 40 }, (_, i) => `a${i} × b${i}^2`).join(" + ");
    expect(parseAll(text)).toHaveLength(1);
  });
});

describe("errors", () => {
  test("two numbers in a row", () => {
    expect(parseError("2 3")).toBe(
      ["<formula>:1:3: unexpected number ‘3’ right after a number; write × between numbers [PARSE]",
       " 1 | 2 3",
       "   |   ^"].join("\n"),
    );
  });

  test.each([
    ["k(a+b)", "1:2: ‘k’ is not a function; to multiply, write k × (…)"],
    ["a +", "1:4: the formula ends too early; expected a value (a number, a name or ‘(’)"],
    ["(a", "1:3: the formula ends too early; expected an operator or ‘)’"],
    ["a ) b", "1:3: ‘)’ has no matching ‘(’"],
    ["a × × b", "1:5: unexpected ‘×’; expected a value (a number, a name or ‘(’)"],
    ["sqrt()", "1:6: unexpected ‘)’; expected a value (a number, a name or ‘(’)"],
    ["a b", "1:3: unexpected name ‘b’; expected an operator or the end of the formula"],
    ["x # y", "1:3: unexpected character ‘#’ in a formula"],
    ["", "1:1: the formula is empty"],
    ["a = b", "1:3: unexpected character ‘=’ in a formula"],
  ])("%s", (text, expected) => {
    expect(parseError(text).split("\n")[0]).toBe(`<formula>:${expected} [PARSE]`);
  });

  test("positions are reported in the enclosing file", () => {
    const file = "formulas:\n  f: 2 × × x\n";
    const source = new SourceText("sheet.yaml", file);
    const base = file.indexOf("2 ×");
    try {
      parseFormula("2 × × x", { source, map: (i) => base + i });
      throw new Error("not rejected");
    } catch (e) {
      expect(formatIssue((e as FlopsheetError).issues[0]!)).toBe(
        ["sheet.yaml:2:10: unexpected ‘×’; expected a value (a number, a name or ‘(’) [PARSE]",
         " 2 |   f: 2 × × x",
         "   |          ^"].join("\n"),
      );
    }
  });

  test("nesting beyond the limit is a clean error, not a stack overflow", () => {
    const deep = "(".repeat(10_000) + "x" + ")".repeat(10_000);
    expect(parseError(deep).split("\n")[0]).toBe(
      `<formula>:1:${MAX_NESTING + 1}: the formula is nested more than ${MAX_NESTING} levels deep [TOO_DEEP]`,
    );
    expect(tree("(".repeat(MAX_NESTING - 1) + "x" + ")".repeat(MAX_NESTING - 1))).toBe("x");
  });
});
