// sweep, solve, breakdown and sensitivity, on values worked by hand or taken from papers.
import { describe, expect, test } from "vitest";
import { breakdown, chainFrom, crossing, derive, FlopsheetError, parseVary, planSweep, valuesOf, Rational, sensitivity, solve } from "../../src/index.js";
import { preset, shipped } from "../helpers/sheets.js";
import { cli } from "../helpers/cli.js";

const llama = () => [preset("llama-3-8b")];
const at = (seq: number) => [{ name: "seq_len", text: String(seq) }];

describe("solve", () => {
  test("the tokens a 10²⁴ FLOP budget buys GPT-3 175B: 10²⁴ / (6 × 174.6B), exactly", () => {
    const s = solve(shipped("gpt3-2020"), "training_flops", Rational.of(10n ** 24n), "tokens", { presets: [preset("gpt3-175b")] });
    expect(s.value.exact).toBe(true);
    expect(s.value.q.equals(Rational.of(10n ** 24n).div(Rational.of(6n * 174_600_000_000n)))).toBe(true);
    expect(s.value.q.toString()).toBe("2500000000000000/2619"); // ≈ 9.55 × 10¹¹ tokens
    expect(s.derivation.value.q.toString()).toBe(String(10n ** 24n));
  });

  test("Chinchilla's rule for a 10²⁴ budget: 6 · N · 20N = 10²⁴, so N = √(10²⁴/120) and D = 20N", () => {
    const s = solve(shipped("chinchilla-2022"), "optimal_flops", Rational.of(10n ** 24n), "N");
    expect(s.method).toContain("single power");
    expect(s.value.q.toNumber()).toBeCloseTo(Math.sqrt(1e24 / 120), -2); // 91,287,092,917.5
    const tokens = s.derivation.steps.find((x) => x.name === "optimal_tokens")!.value.q.toNumber();
    expect(tokens / 1.8257418583505537e12).toBeCloseTo(1, 12);
    expect(s.derivation.value.q.toNumber() / 1e24).toBeCloseTo(1, 12);
  });

  test("H100s to train Llama-3-8B on 15T tokens in 30 days at 40% MFU: C / (30 d × 989.4 TFLOP/s × 0.4)", () => {
    const sheet = shipped("training-budget");
    const presets = [preset("llama-3-8b"), preset("h100-sxm")];
    const set = [{ name: "seq_len", text: "8192" }, { name: "tokens", text: "15e12" }, { name: "mfu", text: "0.4" }];
    const s = solve(sheet, "training_days", Rational.of(30), "n_devices", { presets, set: set.filter((x) => x.name === "mfu"), chain: chainFrom(presets, { set }) });
    // decoder's training FLOPs: 15e12 tokens × 57,912,852,480 FLOPs per token at 8,192 (see breakdown).
    const C = Rational.of(15_000_000_000_000n * 57_912_852_480n);
    const expected = C.div(Rational.of(30n * 86_400n)).div(Rational.of(989_400_000_000_000n)).div(Rational.of(2, 5));
    expect(s.value.exact).toBe(true);
    expect(s.value.q.equals(expected)).toBe(true);
    expect(s.value.q.ceil().toString()).toBe("847");
  });

  test("recovers the inputs that produced a derived value: tokens in closed form, seq_len (through min) by bisection, both exactly", () => {
    const sheet = shipped("decoder");
    const set = [...at(8192), { name: "tokens", text: "15e12" }];
    const v = derive(sheet, "training_flops", { presets: llama(), set }).value.q;
    const tokens = solve(sheet, "training_flops", v, "tokens", { presets: llama(), set: at(8192) });
    expect(tokens.value.q.toString()).toBe("15000000000000");
    const seq = solve(sheet, "training_flops", v, "seq_len", { presets: llama(), set: [{ name: "tokens", text: "15e12" }] });
    // The root bisection finds is near 8,192; 8,192 itself, a round value near it, gives the goal exactly.
    expect(seq.value.exact).toBe(true);
    expect(seq.value.q.toString()).toBe("8192");
    expect(seq.method).toMatch(/^bisection on .*; at s = 8192 the target is the goal exactly$/);
  });

  test("a target that does not depend on the unknown, or a goal out of reach, is an error", () => {
    expect(() => solve(shipped("gpt3-2020"), "total_flops", Rational.of(1), "n_layers", { presets: [preset("gpt3-175b")] })).toThrow(FlopsheetError);
    expect(() => solve(shipped("gpt3-2020"), "total_flops", Rational.of(1), "params", { presets: [preset("gpt3-175b")], set: [{ name: "params", text: "1" }] })).toThrow(/both set and solved for/);
  });
});

describe("breakdown", () => {
  test("Llama-3-8B at 8,192: the parts add up to the total, and the dense layers are 6·L·d·3·d_ff of 57,912,852,480", () => {
    const b = breakdown(shipped("decoder"), "training_flops_per_token", { presets: llama(), set: at(8192) });
    // By hand: 3 × (2 × (32 × (41,943,040 attention + 176,160,768 MLP weights) + 128,256 × 4096 logits)
    // + 4 × 32 × 8192 × 32 × 128 attention scores) = 3 × 19,304,284,160.
    expect(b.total.q.toString()).toBe(String(3n * (2n * (32n * (41_943_040n + 176_160_768n) + 128_256n * 4096n) + 4n * 32n * 8192n * 32n * 128n)));
    const sum = b.byFormula.reduce((s, p) => s.add(p.value), Rational.ZERO);
    expect(sum.equals(b.total.q)).toBe(true);
    expect(b.byMonomial.reduce((s, p) => s.add(p.value), Rational.ZERO).equals(b.total.q)).toBe(true);
    const dense = b.byFormula.find((p) => p.label === "P_ffn_active: (L − L_d) × P_moe_active")!;
    expect(dense.value.toString()).toBe(String(6n * 32n * 4096n * 3n * 14336n));
    // Attention scores: 3 × 4·L·s·H·d_h = 12 · 32 · 8192 · 32 · 128.
    expect(b.byFormula.find((p) => p.label === "F_attention")!.value.toString()).toBe(String(12n * 32n * 8192n * 32n * 128n));
  });

  test("attention overtakes the dense layers at s = d·3·d_ff / (2·H·d_h) = 21,504 for Llama-3-8B: the root of their difference", () => {
    const b = breakdown(shipped("decoder"), "forward_flops", { presets: llama(), set: at(1024) });
    const x = crossing(b, "P_ffn_active: (L − L_d) × P_moe_active", "F_attention", "seq_len", 1024, 1 << 20)!;
    expect(x.at.exact).toBe(true);
    expect(x.at.q.toString()).toBe(String((4096 * 3 * 14336) / (2 * 32 * 128)));
    const there = breakdown(shipped("decoder"), "forward_flops", { presets: llama(), set: at(21504) });
    const part = (label: string) => there.byFormula.find((p) => p.label === label)!.value;
    expect(part("F_attention").equals(part("P_ffn_active: (L − L_d) × P_moe_active"))).toBe(true);
  });
});

describe("sensitivity", () => {
  test("a monomial's elasticities are its exponents: 6·params·tokens", () => {
    const r = sensitivity(shipped("gpt3-2020"), "total_flops", { presets: [preset("gpt3-175b")] });
    expect(r.monomial).toBe(true);
    for (const i of r.inputs) expect(i.elasticity!.q.toString()).toBe("1");
  });

  test("decoder: training FLOPs are proportional to tokens (elasticity 1), and ∂/∂s is 12·L·H·d_h·c·D", () => {
    const r = sensitivity(shipped("decoder"), "training_flops", { presets: llama(), set: [...at(8192), { name: "tokens", text: "15e12" }] });
    expect(r.inputs.find((i) => i.input === "D")!.elasticity!.q.toString()).toBe("1");
    const s = r.inputs.find((i) => i.input === "s")!;
    expect(s.partialValue.q.toString()).toBe(String(12n * 32n * 32n * 128n * 15_000_000_000_000n));
    // Elasticity of s: its share of the total, attention's 22.2%.
    expect(s.elasticity!.q.toNumber()).toBeCloseTo(12 * 32 * 8192 * 32 * 128 / 57912852480, 12);
  });
});

describe("sweep", () => {
  test("rows equal single exact derivations at the same points to 1e-12", () => {
    const vary = [parseVary("seq_len=1024..131072:×2"), parseVary("tokens=1e12,15e12")];
    const sweep = planSweep(shipped("decoder"), ["training_flops", "params"], { presets: llama(), vary });
    expect(sweep.method).toBe("canonical");
    const rows = [...sweep.rows()];
    expect(rows).toHaveLength(16);
    for (const r of rows) {
      const set = [{ name: "seq_len", text: r.point[0]!.q.toString() }, { name: "tokens", text: r.point[1]!.q.toString() }];
      const exact = derive(shipped("decoder"), "training_flops", { presets: llama(), set, symbolic: false }).value.q.toNumber();
      expect(Math.abs(r.values[0]! / exact - 1)).toBeLessThan(1e-12);
      expect(r.values[1]).toBe(8030261248);
    }
  });

  test("the exact mode derives each point exactly", () => {
    const sweep = planSweep(shipped("gpt3-2020"), ["total_flops"], { presets: [preset("gpt3-175b")], vary: [parseVary("tokens=100e9..300e9:+100e9")], exact: true });
    expect([...sweep.rows()].map((r) => r.exact![0]!.toString())).toEqual(["104760000000000000000000", "209520000000000000000000", "314280000000000000000000"]);
  });

  test("varying d_model moves d_head where it is d_model / n_heads, and says so where a preset fixes it", () => {
    const sweep = planSweep(shipped("decoder"), ["params"], { presets: [preset("gpt3-175b")], vary: [parseVary("d_model=6144..12288:×2")] });
    const follows = sweep.inputs.filter((p) => p.kind === "follows").map((p) => p.name);
    expect(follows).toContain("d");
    const fixedHead = planSweep(shipped("decoder"), ["params"], { presets: llama(), vary: [parseVary("d_model=2048..4096:×2")] });
    expect(fixedHead.warnings.join("\n")).toMatch(/d_h stays 128 .* while d_model varies/);
  });

  test("a point that fails is a row with its reason, not the end of the sweep", () => {
    const sweep = planSweep(shipped("palm-2022"), ["HFU"], { scenario: "palm-540b", vary: [parseVary("remat=0..2:+1/2")] });
    const rows = [...sweep.rows()];
    expect(rows).toHaveLength(5);
    expect(rows.slice(0, 3).every((r) => r.reason === undefined && r.values[0]! > 0)).toBe(true);
    expect(rows[3]!.reason).toMatch(/remat = 1.5 is outside its declared range \[0, 1\]/);
    const zero = planSweep(shipped("training-budget"), ["days"], { set: [{ name: "C", text: "1e24" }, { name: "n", text: "1" }, { name: "u", text: "0.5" }], vary: [parseVary("peak=0,1e15")] });
    expect([...zero.rows()][0]!.reason).toBe("division by zero in formula ‘seconds’ (step 1 of the trail)");
  });

  test("ranges: ×K, +K, N points (log-spaced across decades), lists; mistakes located", () => {
    expect(valuesOf(parseVary("d=1024..8192:×2")).map((v) => v.number)).toEqual([1024, 2048, 4096, 8192]);
    expect(valuesOf(parseVary("d=1..2:+1/4")).map((v) => v.q.toString())).toEqual(["1", "5/4", "3/2", "7/4", "2"]);
    expect(valuesOf(parseVary("s=1..1000:4")).map((v) => Math.round(v.number))).toEqual([1, 10, 100, 1000]);
    expect(valuesOf(parseVary("s=0..3:4")).map((v) => v.number)).toEqual([0, 1, 2, 3]);
    expect(valuesOf(parseVary("d=2048,4096")).map((v) => v.number)).toEqual([2048, 4096]);
    // The least and greatest value of each kind of range, whatever order a list is typed in.
    expect([parseVary("d=4096,1024,2048"), parseVary("d=1..2:+1/4"), parseVary("d=1024..8000:×2"), parseVary("s=1..1000:4")].map((v) => [v.low, v.high])).toEqual([[1024, 4096], [1, 2], [1024, 4096], [1, 1000]]);
    expect(() => parseVary("d=8..1")).toThrow(/runs down/);
    expect(() => parseVary("d=1..8:÷2")).toThrow(/after ‘:’/);
    expect(() => parseVary("d=1..8:×x")).toThrow(FlopsheetError);
  });
});

describe("the commands", () => {
  test("sweep streams CSV, and names a --vary no target reads", async () => {
    const r = await cli(["sweep", "gpt3-2020", "total_flops", "--model", "gpt3-175b", "--vary", "tokens=1e11,3e11", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("tokens,total_flops,note\n100000000000,1.0476e+23,\n300000000000,3.1428e+23,\n");
    const bad = await cli(["sweep", "gpt3-2020", "total_flops", "--model", "gpt3-175b", "--vary", "d_model=1,2"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/--vary d_model: no input of gpt3-2020/);
  });

  test("solve, breakdown and sensitivity print their answers, and JSON", async () => {
    const s = await cli(["solve", "gpt3-2020", "training_flops=1e24", "--for", "tokens", "--model", "gpt3-175b", "--format", "json"]);
    expect(JSON.parse(s.stdout).exact).toBe("2500000000000000/2619");
    const b = await cli(["breakdown", "decoder", "forward_flops", "--model", "llama-3-8b", "--vary", "seq_len=1024..1048576:×2"]);
    expect(b.stdout).toMatch(/P_ffn_active: \(L − L_d\) × P_moe_active = F_attention at s = 21,504 ≈ 2\.15 × 10⁴ {2}\(linear in s: exact\)/);
    const e = await cli(["sensitivity", "gpt3-2020", "total_flops", "--model", "gpt3-175b"]);
    expect(e.stdout).toContain("each elasticity is that input's exponent");
  });
});

describe("reports embed the charts", () => {
  test("HTML carries them as images; Markdown links files written beside it; LaTeX refuses, saying why", async () => {
    const args = ["report", "decoder", "training_flops_per_token", "--model", "llama-3-8b", "--plot-breakdown", "--plot-vary", "seq_len=1024..8192:×2"];
    const html = await cli([...args, "--format", "html"]);
    expect(html.code).toBe(0);
    expect(html.stdout.match(/<figure><img alt="[^"]*" src="data:image\/svg\+xml;charset=utf-8,%3Csvg/g)).toHaveLength(2);
    expect(html.stdout).not.toMatch(/<svg/); // never inline markup
    const md = await cli([...args, "--format", "markdown", "-o", "llama.md"]);
    expect(md.code).toBe(0);
    const { readFileSync, existsSync } = await import("node:fs");
    const { join } = await import("node:path");
    const dir = md.cwd;
    expect(readFileSync(join(dir, "llama.md"), "utf8")).toContain("![The parts of training\\_flops\\_per\\_token](llama.figure-1.svg)");
    expect(existsSync(join(dir, "llama.figure-2.svg"))).toBe(true);
    expect(readFileSync(join(dir, "llama.figure-1.svg"), "utf8")).toMatch(/^<svg /);
    const tex = await cli([...args, "--format", "latex"]);
    expect(tex.code).toBe(2);
    expect(tex.stderr).toMatch(/pdflatex cannot include SVG/);
  });
});
