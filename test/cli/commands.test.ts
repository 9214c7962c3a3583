import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, mistake } from "../helpers/cli.js";

describe("derive", () => {
  test("the main job: the section-4.2 trail, ending in the exact total", async () => {
    const r = await cli(["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toContain("  1. FLOPs_forward = k × d_model² = 7 × 8,192² = 469,762,048 ≈ 4.70 × 10⁸  §4.1");
    expect(lines).toContain("  2. FLOPs_backward = 2k × d_model² = 2 × 7 × 8,192² = 939,524,096 ≈ 9.40 × 10⁸  §4.1");
    expect(lines).toContain("  Total_FLOPs = 3·L·T·k·d_model²");
    expect(lines[lines.length - 1]).toBe("  Total_FLOPs = 135,291,469,824,000,000,000,000 ≈ 1.35 × 10²³ FLOPs");
  });

  test("the issue's example line for Per_token_per_layer", async () => {
    const r = await cli(["derive", "basu-2024", "Per_token_per_layer", "--scenario", "section-4.2"]);
    expect(r.stdout).toContain(
      "3. Per_token_per_layer = FLOPs_forward + FLOPs_backward = 469,762,048 + 939,524,096 = 1,409,286,144 ≈ 1.41 × 10⁹  §4.2",
    );
  });

  test("--digits sets the significant digits of rounded values", async () => {
    const r = await cli(["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2", "--digits", "6"]);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("  Total_FLOPs = 135,291,469,824,000,000,000,000 ≈ 1.35291 × 10²³ FLOPs");
  });

  test("--format json: one document of the documented shape", async () => {
    const r = await cli(["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2", "--format", "json"]);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["sheet", "target", "quantity", "unit", "scenario", "presets", "conventions", "inputs", "unneeded", "value", "exact", "base_value", "base_unit", "display", "display_value", "display_unit", "symbolic", "steps", "assumptions", "warnings", "not_read"]);
    // The sheet declares no unit here: the vocabulary's, of the quantity Total_FLOPs binds.
    expect([doc.quantity, doc.unit]).toEqual(["training_flops", "FLOPs"]);
    expect(doc.warnings).toEqual([]);
    expect(doc.not_read).toEqual([]);
    // FLOPs are their own base unit; shown in scientific notation.
    expect([doc.base_value, doc.base_unit, doc.display]).toEqual([1.35291469824e23, "FLOP", "1.35 × 10²³ FLOPs"]);
    expect(doc).toMatchObject({ sheet: "basu-2024", target: "Total_FLOPs", value: 1.35291469824e23, exact: "135291469824000000000000", symbolic: "3·L·T·k·d_model²" });
    expect(doc.steps[0]).toEqual({
      name: "FLOPs_forward",
      formula: "k × d_model²",
      substituted: "7 × 8,192²",
      value: 469762048,
      exact: "469762048",
      source: "§4.1",
      sheet: "basu-2024",
      quantity: null,
      unit: null,
    });
    expect(doc.inputs.T).toEqual({ value: 1e12, exact: "1000000000000", origin: "scenario", from: "scenario section-4.2", text: "1e12", unit: "tokens" });
  });

  test("json: negative and fractional values as exact strings, approximations as null", async () => {
    const sheet = "inputs:\n  x: a value\nformulas:\n  neg: -x^2\n  quarter: 1/x\n  root: √x\n";
    const neg = JSON.parse((await cli(["derive", "s.yaml", "neg", "--set", "x=4096", "--format", "json"], { "s.yaml": sheet })).stdout);
    expect([neg.value, neg.exact]).toEqual([-16777216, "-16777216"]);
    const quarter = JSON.parse((await cli(["derive", "s.yaml", "quarter", "--set", "x=4", "--format", "json"], { "s.yaml": sheet })).stdout);
    expect([quarter.value, quarter.exact]).toEqual([0.25, "1/4"]);
    const root = JSON.parse((await cli(["derive", "s.yaml", "root", "--set", "x=2", "--format", "json"], { "s.yaml": sheet })).stdout);
    expect([root.value, root.exact]).toEqual([Math.SQRT2, null]);
  });
});

describe("symbolic", () => {
  test("one formula", async () => {
    expect(await cli(["symbolic", "basu-2024", "FLOPs_attention"])).toEqual({ code: 0, stdout: "FLOPs_attention = 2·d_model² + n·d_model²\n", stderr: "" });
  });

  test("as LaTeX", async () => {
    const r = await cli(["symbolic", "basu-2024", "FLOPs_attention", "d_ff", "--format", "latex"]);
    expect(r.stdout).toBe("FLOPs_attention = 2\\,d_{\\text{model}}^{2} + n\\,d_{\\text{model}}^{2}\nd_ff = \\alpha\\,d_{\\text{model}}\n");
  });
});

describe("check", () => {
  test("the founding document: every inconsistency with its difference, exit 0", async () => {
    const r = await cli(["check", "basu-2024"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("basu-2024: 16 checks, every outcome as declared (8 recorded inconsistencies)");
    expect(r.stdout).toContain("  ✓ fails as recorded  the attention total is the sum of its three parts  §2.1\n      FLOPs_attention == FLOPs_QKV + FLOPs_scores + FLOPs_combination\n      lhs − rhs = −d_model² − n·d_model²\n");
  });

  test("every shipped sheet when none is named", async () => {
    const r = await cli(["check"]);
    expect(r.code).toBe(0);
    const { shippedSheetIds } = await import("../../src/index.js");
    expect(shippedSheetIds().length).toBeGreaterThan(15);
    for (const id of shippedSheetIds()) expect(r.stdout, id).toMatch(new RegExp(`^${id}: \\d+ checks?, every outcome as declared`, "m"));
  });

  test("an outcome that is not the declared one exits 1", async () => {
    const sheet = "inputs:\n  a: a\n  b: b\nformulas:\n  s: (a + b)^2\nchecks:\n  - {name: square, identity: s == a^2 + b^2}\n";
    const r = await cli(["check", "s.yaml"], { "s.yaml": sheet });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "s: 1 of 1 check did not come out as declared\n  ✗ FAILS  square\n      s == a^2 + b^2\n      lhs − rhs = 2·a·b\n",
    );
  });

  test("the example sheet in examples/, by path", async () => {
    const r = await cli(["check", `${process.cwd()}/examples/six-nd.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("computed 588,000,000,000,000,000,000,000 ≈ 5.88 × 10²³, published 5.76e23, to rel ≤ 0.03  (+2.1%)");
  });
});

test("sheets lists the shipped sheets", async () => {
  expect((await cli(["sheets"])).stdout).toMatch(/^basu-2024 +Comprehensive Analysis of FLOP Calculations in Large Language Models$/m);
});

describe("page", () => {
  test("writes the built page into a folder, and brings its own page up to date", async () => {
    const r = await cli(["page", "-o", "site/flopsheet"]);
    expect(r).toEqual({ code: 0, stdout: "wrote site/flopsheet/index.html (with page.js and page.css): open it in a browser; it needs no network\n", stderr: "" });
    const written = join(r.cwd, "site/flopsheet");
    expect(readdirSync(written).sort()).toEqual(["index.html", "page.css", "page.js"]);
    for (const f of ["index.html", "page.js", "page.css"]) expect(readFileSync(join(written, f), "utf8")).toBe(readFileSync(join("dist/web", f), "utf8"));
  });

  test("never replaces someone else's index.html, nor writes into a file", async () => {
    expect(await mistake(["page", "-o", "."], { "index.html": "<p>my site</p>" })).toEqual(["index.html exists and was not written by flopsheet page; choose another folder [CANNOT_WRITE]"]);
    expect(await mistake(["page", "-o", "notes.txt"], { "notes.txt": "x" })).toEqual(["cannot write the page into notes.txt: it is a file, not a folder [CANNOT_WRITE]"]);
    expect((await mistake(["page"]))[0]).toMatch(/required option '-o, --output <dir>'/);
  });
});

describe("the installed binary", () => {
  const bin = new URL("../../dist/cli/main.js", import.meta.url).pathname;
  test("a mistake: exit 2, a message, no stack trace, nothing on stdout", () => {
    const r = spawnSync(process.execPath, [bin, "derive", "basu-2024", "Nope"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: sheet basu-2024 has no formula ‘Nope’ (basu-2024 binds training_flops to Total_FLOPs) [UNKNOWN_TARGET]\n");
  });

  test("colour only on a terminal: plain when piped", () => {
    const r = spawnSync(process.execPath, [bin, "symbolic", "basu-2024", "d_head"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("d_head = d_model/H\n");
  });
});
