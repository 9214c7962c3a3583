/**
 * The defects the core's second review found, each through the CLI as a user meets it. Each test
 * failed before its fix.
 */
import { describe, expect, test } from "vitest";
import { cli, mistake } from "../helpers/cli.js";

describe("a function called with the wrong number of arguments is a located error, not a silently dropped argument", () => {
  const sheet = "inputs:\n  a: x\n  b: y\nformulas:\n  s: sqrt(a, b)\n  l: ln(a, b, 7)\n  m: max()\n";

  test("sqrt(a, b), ln(a, b, 7): each named at its call", async () => {
    const r = await cli(["derive", "ar.yaml", "s", "--set", "a=4", "--set", "b=1"], { "ar.yaml": sheet.replace("  m: max()\n", "") });
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: [
        "error: ar.yaml:5:6: sqrt takes 1 argument, got 2 [ARITY]",
        " 5 |   s: sqrt(a, b)",
        "   |      ^^^^^^^^^^",
        "",
        "ar.yaml:6:6: ln takes 1 argument, got 3 [ARITY]",
        " 6 |   l: ln(a, b, 7)",
        "   |      ^^^^^^^^^^^",
        "",
      ].join("\n"),
    });
  });

  test("in --set too, and log's optional base counts", async () => {
    const one = "inputs:\n  a: x\nformulas:\n  f: a + 1\n";
    expect(await mistake(["derive", "one.yaml", "f", "--set", "a=log(2, 3, 4)"], { "one.yaml": one })).toEqual(["command line:1:9: log takes 1 or 2 arguments, got 3 [ARITY]"]);
    const ok = await cli(["derive", "one.yaml", "f", "--set", "a=log(8, 2)"], { "one.yaml": one });
    expect(ok.stdout).toContain("f = 4");
  });
});

describe("a given value that fails is a located error (exit 2), never an internal one (exit 3)", () => {
  const sheet = [
    "inputs:\n  a: x\n  b: y\nformulas:\n  f: a + b\nchecks:",
    "  - {name: zero, identity: f == a + b, given: {b: b/0}}",
    "  - {name: huge, identity: f == a + b, given: {a: (b+1)^100000}}",
  ].join("\n") + "\n";

  test("b/0 and (b+1)^100000, both reported at once", async () => {
    expect(await mistake(["check", "g.yaml"], { "g.yaml": sheet })).toEqual([
      "g.yaml:7:53: division by zero in the given value of ‘b’ [ARITHMETIC]",
      "g.yaml:8:51: the canonical forms would take more than 120,000 term operations in all in the given value of ‘a’ [TOO_LARGE]",
    ]);
  });
});

describe("a value is derived even when its expanded form is too large to show", () => {
  test("x: (a+b+c+d+e)^30 at a = … = e = 3 is 15^30, with the symbolic form omitted", async () => {
    const sheet = "inputs:\n  a: x\n  b: x\n  c: x\n  d: x\n  e: x\nformulas:\n  x: (a+b+c+d+e)^30\n";
    const r = await cli(["derive", "big.yaml", "x", ..."abcde".split("").flatMap((n) => ["--set", `${n}=3`])], { "big.yaml": sheet });
    expect(r.code, r.stderr).toBe(0);
    // 15^30, by hand: 15^10 = 576650390625, cubed.
    const fifteen30 = (576650390625n ** 3n).toLocaleString("en-US");
    expect(fifteen30).toBe("191,751,059,232,884,086,668,491,363,525,390,625");
    expect(r.stdout).toContain(`x = ${fifteen30} ≈ 1.92 × 10³⁵`);
    expect(r.stdout).toContain("symbolic form omitted: more than 20,000 terms");
    const json = JSON.parse((await cli(["derive", "big.yaml", "x", "--format", "json", ..."abcde".split("").flatMap((n) => ["--set", `${n}=3`])], { "big.yaml": sheet })).stdout);
    expect(json).toMatchObject({ exact: (576650390625n ** 3n).toString(), symbolic: null, symbolic_omitted: "symbolic form omitted: more than 20,000 terms" });
  });
});

describe("check --format json writes the audit as derive does", () => {
  test("relative_difference and source: Megatron's eq. 2 against GPT-3's Table D.1", async () => {
    const [report] = JSON.parse((await cli(["check", "megatron-2021", "--model", "gpt3-175b", "--format", "json"])).stdout) as { audit: object[] }[];
    // Eq. 2 with the preset's l = 96, h = 12288 and GPT-2's vocabulary V = 50257, s = 2048:
    // 12·l·h² + 13·l·h + (V + s)·h, by hand.
    const P = 12n * 96n * 12288n ** 2n + 13n * 96n * 12288n + (50257n + 2048n) * 12288n;
    expect(P).toBe(174604234752n);
    expect(report!.audit).toEqual([
      {
        formula: "P",
        quantity: "params",
        derived: Number(P),
        derived_exact: P.toString(),
        published: 174.6e9,
        preset: "gpt3-175b",
        source: "Table D.1",
        relative_difference: Number(P - 174600000000n) / 174.6e9,
        // 174,600M is written to 4 significant digits; 174,604M rounds to it.
        agrees: true,
        tolerance: "4 significant digits",
      },
    ]);
    const derived = JSON.parse((await cli(["derive", "megatron-2021", "P", "--model", "gpt3-175b", "--format", "json"])).stdout) as { audit: object[] };
    expect(derived.audit).toEqual(report!.audit);
  });
});

describe("the listing commands take --format json", () => {
  test("sheets, models, vocabulary", async () => {
    const sheets = JSON.parse((await cli(["sheets", "--format", "json"])).stdout) as { id: string; extends: string[] }[];
    expect(sheets.find((s) => s.id === "llama-2023")?.extends).toEqual(["gqa-2023", "swiglu-2020", "kaplan-2020"]);
    const models = JSON.parse((await cli(["models", "--format", "json"])).stdout) as { models: { id: string; values: Record<string, { text: string }> }[] };
    expect(models.models.find((m) => m.id === "gpt3-175b")?.values.n_layers?.text).toBe("96");
    const vocabulary = JSON.parse((await cli(["vocabulary", "--format", "json"])).stdout) as { name: string; bound_by: string[] }[];
    expect(vocabulary.find((t) => t.name === "training_flops")?.bound_by).toContain("kaplan-2020");
  });
});

describe("help", () => {
  test("every command's help ends with an example, and a usage error names that command's help", async () => {
    for (const command of ["derive", "symbolic", "check", "report", "compare", "import-config", "models", "vocabulary", "sheets"]) {
      const r = await cli([command, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout, command).toMatch(new RegExp(`Examples?:\\n  \\$ flopsheet ${command}`));
    }
    let stderr = "";
    const r = await cli(["derive", "--bogus"]);
    stderr = r.stderr;
    expect(r.code).toBe(2);
    expect(stderr).toContain("(flopsheet derive --help shows its usage and an example)");
  });
});
