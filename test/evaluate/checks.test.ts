import { describe, expect, test } from "vitest";
import { canonicalText, loadSheet, runChecks, type CheckResult } from "../../src/index.js";
import { shipped } from "../helpers/sheets.js";

const byName = (results: readonly CheckResult[], name: string) =>
  results.find((r) => (r.kind === "identity" ? r.check.name : `${r.scenario.name}: ${r.expectation.target.text}`) === name)!;

describe("the founding document's audit", () => {
  const report = runChecks(shipped("basu-2024"));
  const difference = (name: string) => {
    const r = byName(report.results, name);
    if (r.kind !== "identity") throw new Error("not an identity");
    return canonicalText(r.difference);
  };

  test("every outcome is as declared", () => {
    expect(report.passed).toBe(true);
    expect(report.results.filter((r) => r.outcome === "fails")).toHaveLength(8);
  });

  test("§2.1: the attention total misses one d_model² and one n·d_model² of its parts", () => {
    // 2d² + nd² − (3d² + nd² + nd²) = −d² − nd².
    expect(difference("the attention total is the sum of its three parts")).toBe("−d_model² − n·d_model²");
  });

  test("§2.2: 8 × d_model² holds only for α = 4", () => {
    expect(difference("the feed-forward total is 8 × d_model² in general")).toBe("−8·d_model² + 2·α·d_model²");
    expect(byName(report.results, "the feed-forward total is 8 × d_model² when α = 4").outcome).toBe("holds");
  });

  test("§4.1: k would be 10 + n by §2's own counts", () => {
    expect(difference("k × d_model² is the forward cost of §2's attention and feed-forward layers")).toBe(
      "−10·d_model² − n·d_model² + k·d_model²",
    );
  });

  test("§5.1: recomputing the forward pass costs 4/3, not 1.5", () => {
    expect(difference("checkpointing's 1.5× cost is one extra forward pass")).toBe("1/6");
  });

  test("§5.2: MQA divides the score term too; full attention disagrees with §2.1", () => {
    expect(difference("MQA divides only the key and value projections by the number of heads")).toBe("n·d_model²/H");
    expect(difference("full attention per token is §2.1's attention-score cost")).toBe("n·d_model − n·d_model²");
  });

  test("the published §4.2 figures are reproduced to three digits", () => {
    // By hand: 8192² = 67,108,864; 3 × 7 × 8192² = 1,409,286,144; 96 × 10¹² × that = 1.3529… × 10²³.
    const exact: Record<string, string> = {
      "section-4.2: d_model²": "67108864",
      "section-4.2: Per_token_per_layer": "1409286144",
      "section-4.2: Total_FLOPs": String(96n * 10n ** 12n * 1409286144n),
    };
    for (const [name, value] of Object.entries(exact)) {
      const r = byName(report.results, name);
      expect(r.kind === "figure" && r.outcome === "holds" && r.tolerance === "3 significant digits").toBe(true);
      expect(r.kind === "figure" && r.computed.q.toString()).toBe(value);
    }
  });

  test("§5.1's 60–80% saving is not what O(√L) gives for L = 96", () => {
    const r = byName(report.results, "section-5.1: Memory_saving");
    if (r.kind !== "figure") throw new Error("not a figure");
    expect(r.outcome).toBe("fails");
    expect(r.computed.exact).toBe(false);
    // 1 − 1/√96 = 0.897938…
    expect(r.computed.q.toNumber()).toBeCloseTo(1 - 1 / Math.sqrt(96), 12);
  });
});

describe("a check that cannot be run is reported at its own line, however the others are computed", () => {
  // Checks share work (one pass per scenario, one expansion per sheet); a failure in it must not
  // be blamed on the checks that could run, nor lose its place.
  const sheet = loadSheet(
    `inputs:
  a: a value
  b: another
formulas:
  fine: a + b
  broken: a / (b − 2)
checks:
  - {name: fine holds, identity: fine == b + a}
  - {name: broken holds, identity: broken × (b − 2) == a}
scenarios:
  two:
    set: {a: 1, b: 2}
    expect:
      fine: 3
      broken: 4
`,
    { path: "fails.yaml" },
  );

  test("a figure that divides by zero, among figures that do not", () => {
    let issues: readonly { message: string; location?: { line: number } }[] = [];
    try {
      runChecks(sheet);
    } catch (e) {
      issues = (e as { issues: typeof issues }).issues;
    }
    expect(issues.map((i) => [i.location?.line, i.message])).toEqual([[6, "division by zero in formula ‘broken’ (step 1 of the trail)"]]);
  });
});

describe("check kinds and declarations", () => {
  const sheet = loadSheet(
    `inputs:
  a: a value
  b: another
formulas:
  square: (a + b)^2
  expanded: a^2 + 2a × b + b^2
  wrong: a^2 + b^2
checks:
  - {name: holds as declared, identity: square == expanded}
  - {name: fails as declared, identity: square == wrong, expected: fails}
  - {name: declared to hold but fails, identity: square == wrong}
  - {name: holds only at a point, identity: square == wrong, given: {a: 0}}
  - {name: holds when one input is another, identity: square == 4a^2, given: {b: a}}
  - {name: given by expressions at once, identity: square == 9a^2, given: {a: b, b: 2a}, expected: fails}
scenarios:
  small:
    set: {a: 1, b: 2}
    expect:
      square: 9
      wrong: {value: 5.1, rel: 0.01, expected: fails}
      expanded: {value: 9.04, digits: 2}
`,
    { path: "kinds.yaml" },
  );
  const report = runChecks(sheet);

  test("outcomes and whether each matched its declaration", () => {
    expect(report.results.map((r) => [r.outcome, r.passed])).toEqual([
      ["holds", true], // holds as declared
      ["fails", true], // fails as declared
      ["fails", false], // declared to hold but fails
      ["holds", true], // holds only at a point
      ["holds", true], // holds when one input is another
      ["fails", true], // given expressions at once
      ["holds", true], // small: square = 9
      ["fails", true], // small: wrong is 5, not 5.1 within 1%
      ["holds", true], // small: expanded = 9.04 to 2 digits
    ]);
    expect(report.passed).toBe(false);
  });

  test("given expressions are substituted simultaneously: a → b and b → 2a make (a + b)² into (b + 2a)²", () => {
    const r = report.results[5]!;
    // Both sides are substituted: (b + 2a)² − 9b² = 4a² + 4ab − 8b².
    expect(r.kind === "identity" && canonicalText(r.difference)).toBe("4·a² + 4·a·b − 8·b²");
  });

  test("a failed identity carries its symbolic difference", () => {
    const r = report.results[1]!;
    expect(r.kind === "identity" && canonicalText(r.difference)).toBe("2·a·b");
  });
});
