import { describe, expect, test } from "vitest";
import { FUZZ, TIMEOUT } from "./fuzz-config.js";
import { derive, FlopsheetError, formatIssue, loadSheet, renderReport } from "../../src/index.js";

/** The issues' first lines (location and message), or "ok". */
function load(text: string): string[] {
  try {
    loadSheet(text, { path: "s.yaml" });
    return ["ok"];
  } catch (e) {
    if (!(e instanceof FlopsheetError)) throw e;
    return e.issues.map((i) => formatIssue(i).split("\n")[0]!);
  }
}

describe("hostile and broken YAML", () => {
  test("an alias bomb (billion laughs) is refused at its aliases, without expanding them", () => {
    const levels = ["  l0: &l0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++) levels.push(`  l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(", ")}]`);
    const issues = load(`inputs:\n${levels.join("\n")}\n  x: {description: a value, range: *l9}\n`);
    expect(issues[0]).toBe("s.yaml:2:11: input ‘l0’ must be a description or a map of its fields [SHAPE]");
    expect(issues).toContain("s.yaml:12:36: YAML aliases (*name) are not allowed in sheets; write the value out [ALIAS]");
    // Each alias is reported where it is written, once: expanded, the 10¹⁰ nodes would be reported (or read) by the billion.
    expect(issues.length).toBeLessThan(100);
  });

  test("nesting deeper than the YAML reader can follow is a located error, not a crash", () => {
    expect(load("inputs: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n")[0]).toMatch(/^s\.yaml:1:\d+: the YAML is nested too deeply to read \[YAML\]$/);
    expect(load("inputs: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n")[0]).toMatch(/nested too deeply/);
  });

  test("deeply nested maps where a value belongs are refused where they start", () => {
    expect(load("inputs:\n  x: {description: {a: {b: {c: {d: 1}}}}}\n")).toEqual([
      "s.yaml:2:20: the description of input ‘x’ must be text, not a map [SHAPE]",
    ]);
  });

  test("formulas that are numbers, lists, null or maps without expr", () => {
    expect(load("formulas:\n  seven: 7\n")).toEqual(["ok"]);
    expect(load("formulas:\n  f: [1, 2]\n")).toEqual(["s.yaml:2:6: formula ‘f’ must be an expression or a map with expr [SHAPE]"]);
    expect(load("formulas:\n  f:\n")).toEqual(["s.yaml:2:3: formula ‘f’ is empty [INVALID_VALUE]"]);
    expect(load("formulas:\n  f: null\n")).toEqual(["s.yaml:2:6: unknown name ‘null’ in formula ‘f’; declare it under inputs or formulas [UNKNOWN_IDENTIFIER]"]);
    expect(load("formulas:\n  f: {description: no expr}\n")).toEqual(["s.yaml:2:3: formula ‘f’ has no expr [MISSING_FIELD]"]);
    expect(load("formulas: 7\n")).toEqual(["s.yaml:1:11: formulas must be a map of names to values [SHAPE]"]);
    expect(load("- a list\n")).toEqual(["s.yaml:1:1: a sheet must be a map of names to values [SHAPE]"]);
  });

  test("text cut at a comma inside {…} gets a hint, not a list of fields", () => {
    expect(load("formulas:\n  f: {expr: 2, description: one, two}\n")).toEqual([
      "s.yaml:2:34: unknown field ‘two’ in formula ‘f’; expected one of expr, description, source, latex, unit, bind, conventions [UNKNOWN_FIELD]",
    ]);
    expect(load("formulas:\n  f: {expr: 2, description: one, and two}\n")).toEqual([
      "s.yaml:2:34: unknown field ‘and two’ in formula ‘f’; a comma inside {…} starts a new field, so put text that has commas in quotes [UNKNOWN_FIELD]",
    ]);
  });

  test("duplicate keys at any level", () => {
    expect(load("inputs:\n  x: a\n  x: b\n")).toEqual(["s.yaml:3:3: ‘x’ appears twice in the same map (first on line 2) [DUPLICATE_KEY]"]);
    expect(load("inputs:\n  x: {description: a, description: b}\n")).toEqual([
      "s.yaml:2:23: ‘description’ appears twice in the same map (first on line 2) [DUPLICATE_KEY]",
    ]);
  });

  test("a byte-order mark, CRLF line ends and tabs after colons read correctly, with right positions", () => {
    const text = "\uFEFFinputs:\r\n  x:\ta value\r\nformulas:\r\n  f: 2x\r\n  g: f ×× 2\r\n";
    expect(load(text)).toEqual(["s.yaml:5:9: unexpected ‘×’; expected a value (a number, a name or ‘(’) [PARSE]"]);
    const sheet = loadSheet(text.replace("f ×× 2", "f × 2"), { path: "s.yaml" });
    expect(derive(sheet, "g", { set: [{ name: "x", text: "21" }] }).value.q.toString()).toBe("84");
  });

  // 1 MB under npm test; npm run fuzz reads 10 MB (times by size are in npm run bench).
  const megabytes = FUZZ ? 10 : 1;
  test(`a ${megabytes} MB sheet loads, every input read`, () => {
    const line = (i: number) => `  x${i}: an input with a description of some length, ${i}`;
    const n = Math.ceil((megabytes * 1_000_000) / line(1_000).length) + 1;
    const text = "inputs:\n" + Array.from({ length: n }, (_, i) => line(i)).join("\n") + "\nformulas:\n  f: x0 + x1\n";
    expect(text.length).toBeGreaterThan(megabytes * 1_000_000);
    const s = loadSheet(text, { path: "big.yaml" });
    expect(s.inputs).toHaveLength(n);
    expect(s.inputs[n - 1]!.name).toBe(`x${n - 1}`);
  }, TIMEOUT);
});

describe("text that reaches LaTeX output", () => {
  test.each([
    ["\\\\input{/etc/passwd}", "\\input is not allowed"],
    ["x\\\\immediate\\\\write18{rm -rf /}", "\\immediate is not allowed"],
    ["\\\\catcode`\\\\^=7", "\\catcode is not allowed"],
    ["\\\\def\\\\x{y}", "\\def is not allowed"],
    ["x % a comment", "‘%’ is not allowed"],
    ["$x$", "‘$’ is not allowed"],
    ["x}{\\\\input{y}", "its braces do not balance"],
    ["x}", "its braces do not balance"],
  ])("a latex field holding %s is refused", (latex, problem) => {
    expect(load(`inputs:\n  x: {description: d, latex: "${latex}"}\n`)).toEqual([
      `s.yaml:2:30: the latex of input ‘x’ may hold only math notation: ${problem} [INVALID_VALUE]`,
    ]);
  });

  test("math notation is accepted and used", () => {
    const text = 'inputs:\n  x: {description: d, latex: "\\\\hat{\\\\alpha}_{\\\\mathrm{max}}", default: 2}\nformulas:\n  y: {expr: 3x, source: a test}\n';
    expect(load(text)).toEqual(["ok"]);
    // Used: the LaTeX report writes x as the notation given.
    expect(renderReport(loadSheet(text, { path: "s.yaml" }), "latex", {})).toContain("\\hat{\\alpha}_{\\mathrm{max}}");
  });
});
