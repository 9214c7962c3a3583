import { describe, expect, test } from "vitest";
import { cli, mistake } from "../helpers/cli.js";

const SWIGLU = `title: The founding document with a gated feed-forward block
extends: basu-2024
formulas:
  FLOPs_FFN: {expr: 3 × d_model × d_ff, source: "SwiGLU: three matrices"}
  FLOPs_layer: {expr: FLOPs_attention + FLOPs_FFN, source: "§2 with SwiGLU"}
checks:
  - name: three matrices cost 1.5 times two
    identity: FLOPs_FFN == 1.5 × FLOPs_FF1 × 2
`;

describe("a variant is a YAML file that extends a sheet", () => {
  test("it replaces and adds formulas, inherits inputs and scenario values, and the trail says where each formula came from", async () => {
    const r = await cli(["derive", "swiglu.yaml", "FLOPs_layer", "--scenario", "section-4.2", "--set", "n=2048"], { "swiglu.yaml": SWIGLU });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines).toContain("  1. d_ff = α × d_model = 4 × 8,192 = 32,768 ≈ 3.28 × 10⁴  from basu-2024, §1.1");
    // 3 × 8,192 × 32,768 = 805,306,368; plus §2.1's 2 × 8,192² + 2,048 × 8,192² = 137,573,171,200.
    expect(lines).toContain("  3. FLOPs_FFN = 3 × d_model × d_ff = 3 × 8,192 × 32,768 = 805,306,368 ≈ 8.05 × 10⁸  SwiGLU: three matrices");
    expect(lines[lines.length - 2]).toBe("  FLOPs_layer = 138,378,477,568 ≈ 1.38 × 10¹¹");
    const json = JSON.parse((await cli(["derive", "swiglu.yaml", "FLOPs_layer", "--scenario", "section-4.2", "--set", "n=1", "--format", "json"], { "swiglu.yaml": SWIGLU })).stdout);
    expect(json.steps.map((s: { name: string; sheet: string }) => `${s.name}:${s.sheet}`)).toEqual([
      "d_ff:basu-2024", "FLOPs_attention:basu-2024", "FLOPs_FFN:swiglu", "FLOPs_layer:swiglu",
    ]);
  });

  test("its own checks run; the base's do not (they audit the base)", async () => {
    const r = await cli(["check", "swiglu.yaml"], { "swiglu.yaml": SWIGLU });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("swiglu: 1 check, every outcome as declared");
  });

  test("by path, through a chain of sheets", async () => {
    const files = {
      "a.yaml": "inputs:\n  x: a value\nformulas:\n  f: 2x\n  g: f + 1\n",
      "b.yaml": "extends: ./a.yaml\nformulas:\n  f: 3x\n",
      "c.yaml": "extends: b.yaml\ninputs:\n  y: another\nformulas:\n  h: g × y\n",
    };
    const r = await cli(["derive", "c.yaml", "h", "--set", "x=2", "--set", "y=10", "--format", "json"], files);
    const json = JSON.parse(r.stdout);
    // g = f + 1 with b's f = 3x: (3 × 2 + 1) × 10 = 70.
    expect(json.exact).toBe("70");
    expect(json.steps.map((s: { name: string; sheet: string }) => `${s.name}:${s.sheet}`)).toEqual(["f:b", "g:a", "h:c"]);
    expect(json.symbolic).toBe("y + 3·x·y");
  });

  test("a cycle of extends is a located error with its path", async () => {
    const files = { "a.yaml": "extends: b.yaml\n", "b.yaml": "extends: c.yaml\n", "c.yaml": "extends: a.yaml\n" };
    expect(await mistake(["check", "a.yaml"], files)).toEqual(["c.yaml:1:10: sheets extend each other in a cycle: a → b → c → a [CYCLE]"]);
    expect(await mistake(["check", "s.yaml"], { "s.yaml": "extends: s.yaml\n" })).toEqual(["s.yaml:1:10: sheets extend each other in a cycle: s → s [CYCLE]"]);
  });

  test("a missing base, and a mistake inside a base, are located in their own files", async () => {
    expect(await mistake(["check", "v.yaml"], { "v.yaml": "extends: nowhere.yaml\n" })).toEqual([
      "v.yaml:1:10: no sheet ‘nowhere.yaml’ to extend (a shipped sheet's id, or a path relative to this file) [NOT_FOUND]",
    ]);
    const files = { "base.yaml": "inputs:\n  x: a value\nformulas:\n  f: 2x\n", "v.yaml": "extends: base.yaml\nformulas:\n  g: f + z\n" };
    expect(await mistake(["check", "v.yaml"], files)).toEqual(["v.yaml:3:10: unknown name ‘z’ in formula ‘g’; declare it under inputs or formulas [UNKNOWN_IDENTIFIER]"]);
    const broken = { "base.yaml": "inputs:\n  x: a value\nformulas:\n  f: 2 × × x\n", "v.yaml": "extends: base.yaml\n" };
    expect((await mistake(["check", "v.yaml"], broken))[0]).toMatch(/base\.yaml:4:10: unexpected ‘×’/);
  });
});

describe("extends takes a list of bases", () => {
  test("llama-2023 is gqa-2023's attention with swiglu-2020's feed-forward block, and the trail names where each came from", async () => {
    const r = await cli(["derive", "llama-2023", "N", "--model", "llama-2-70b", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { exact: string; steps: { name: string; sheet: string }[] };
    // Llama 2 70B: 80 × 8192 × (64 + 2·8) × 128 + 80 × 8192² + 80 × 3 × 8192 × 28672, worked by hand.
    expect(json.exact).toBe(String(80 * 8192 * 80 * 128 + 80 * 8192 * 8192 + 80 * 3 * 8192 * 28672));
    expect(json.steps.map((s) => `${s.name}:${s.sheet}`)).toEqual(["N_QKV:gqa-2023", "N_project:kaplan-2020", "N_FF:swiglu-2020", "N:swiglu-2020"]);
  });

  test("a base's replacement wins over the version it replaced, whatever the order", async () => {
    const files = { "v.yaml": "extends: [kaplan-2020, gqa-2023]\n", "w.yaml": "extends: [gqa-2023, kaplan-2020]\n" };
    for (const f of ["v.yaml", "w.yaml"]) {
      const r = await cli(["symbolic", f, "N_QKV"], files);
      expect(r.stdout, f).toBe("N_QKV = n_layer·d_model·n_head·d_head + 2·n_layer·d_model·n_kv_head·d_head\n");
    }
  });

  test("two bases that replace the same formula differently are an error, unless the sheet defines it", async () => {
    const files = {
      "a.yaml": "inputs:\n  x: a value\nformulas:\n  f: 2x\n  g: f + 1\n",
      "b.yaml": "extends: a.yaml\nformulas:\n  f: 3x\n",
      "c.yaml": "extends: a.yaml\nformulas:\n  f: 4x\n",
      "d.yaml": "extends: [b.yaml, c.yaml]\n",
      "e.yaml": "extends: [b.yaml, c.yaml]\nformulas:\n  f: 5x\n",
    };
    expect(await mistake(["check", "d.yaml"], files)).toEqual([
      "d.yaml:1:10: the bases define formula ‘f’ differently (expr in b: 3x, in c: 4x); define it in this sheet to say which holds [DUPLICATE_NAME]",
    ]);
    const r = await cli(["derive", "e.yaml", "g", "--set", "x=2", "--format", "json"], files);
    expect(JSON.parse(r.stdout).exact).toBe("11");
  });

  test("two bases differ where a field of the item's table defines it (a unit), not where it describes it", async () => {
    const files = {
      "a.yaml": "inputs:\n  x: a value\nformulas:\n  f: 2x\n",
      "b.yaml": "extends: a.yaml\nformulas:\n  f: {expr: 3x, unit: FLOP}\n",
      "c.yaml": "extends: a.yaml\nformulas:\n  f: {expr: 3x, unit: byte}\n",
      "d.yaml": "extends: [b.yaml, c.yaml]\n",
      "p.yaml": "extends: a.yaml\ninputs:\n  x: {description: one, default: 2}\n",
      "q.yaml": "extends: a.yaml\ninputs:\n  x: {description: another, default: 2, source: elsewhere}\n",
      "r.yaml": "extends: [p.yaml, q.yaml]\n",
    };
    expect(await mistake(["check", "d.yaml"], files)).toEqual([
      "d.yaml:1:10: the bases define formula ‘f’ differently (unit in b: FLOP, in c: byte); define it in this sheet to say which holds [DUPLICATE_NAME]",
    ]);
    const r = await cli(["derive", "r.yaml", "f", "--format", "json"], files);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).exact).toBe("4");
  });

  test("a base named twice, an empty list, and diamonds 30 deep (each sheet read once) and 40 deep (over the limit, said by each path that reaches it)", async () => {
    expect(await mistake(["check", "v.yaml"], { "v.yaml": "extends: [kaplan-2020, kaplan-2020]\n" })).toEqual(["v.yaml:1:24: extends names ‘kaplan-2020’ twice [DUPLICATE_NAME]"]);
    expect(await mistake(["check", "v.yaml"], { "v.yaml": "extends: []\n" })).toEqual(["v.yaml:1:1: extends lists no sheet [INVALID_VALUE]"]);
    const files: Record<string, string> = { "s0.yaml": "inputs:\n  x: a value\nformulas:\n  f0: x\n" };
    for (let i = 1; i <= 40; i++) {
      files[`l${i}.yaml`] = `extends: s${i - 1}.yaml\n`;
      files[`r${i}.yaml`] = `extends: s${i - 1}.yaml\n`;
      files[`s${i}.yaml`] = `extends: [l${i}.yaml, r${i}.yaml]\nformulas:\n  f${i}: f${i - 1} + 1\n`;
    }
    const r = await cli(["derive", "s30.yaml", "f30", "--set", "x=2", "--format", "json"], files);
    expect(JSON.parse(r.stdout).exact).toBe("32");
    const deep = await mistake(["derive", "s40.yaml", "f40", "--set", "x=2"], files);
    // Each path that reaches the limit says so (four here), and nothing else is reported.
    expect(deep.length).toBeLessThan(10);
    expect(deep.every((m) => m.includes("more than 64 deep"))).toBe(true);
  });
});
