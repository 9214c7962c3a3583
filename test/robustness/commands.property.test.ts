/**
 * Generators for what issue 24's attack found wrong: solve, sweep ranges, units and configs. Each
 * property holds for every case: never an internal error, and where an answer is given, it is
 * true (solve's trail gives the goal; a config's active parameters never exceed its total).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cli } from "../helpers/cli.js";
import { assertRuns, runs, TIMEOUT } from "./fuzz-config.js";

const number = fc.constantFrom("0", "1", "2", "-2", "2.5", "1/3", "1e-400", "1e400", "5e-324", "1e308", "1e-308", "7", "1e12", "0.5", "-1");

describe("solve: an answer's trail gives the goal", () => {
  const term = fc.constantFrom("x", "x²", "√x", "floor(x)", "ceil(x)", "abs(x)", "min(x, 3)", "max(x, 1)", "1 / x", "x^3", "2^x", "ln(x)", "exp(x)");
  const formula = fc.array(fc.tuple(fc.constantFrom("", "2 × ", "−"), term), { minLength: 1, maxLength: 3 }).map((ts) => ts.map(([k, t]) => `${k}${t}`).join(" + "));
  const sheet = (f: string, range: boolean) => ["id: s", "title: s", "source: a test", "inputs:", `  x: {description: x${range ? ", range: [-10, 10]" : ""}}`, "formulas:", `  y: {expr: "${f}", source: a test}`, ""].join("\n");
  test(`random formulas of x and goals (${runs(80)} cases)`, async () => {
    await assertRuns(
      fc.asyncProperty(formula, number, fc.boolean(), async (f, goal, range) => {
        const r = await cli(["solve", "s.yaml", `y=${goal}`, "--for", "x", "--format", "json"], { "s.yaml": sheet(f, range) });
        expect([0, 2]).toContain(r.code);
        if (r.code !== 0) return;
        const j = JSON.parse(r.stdout) as { goal: number; exact: string | null; derivation: { exact: string; value: number } };
        const goalExact = JSON.parse((await cli(["derive", "g.yaml", "g", "--format", "json"], { "g.yaml": `formulas:\n  g: {expr: "${goal}"}\n` })).stdout).exact as string;
        // An exact answer: the trail's value is the goal exactly.
        if (j.exact !== null) {
          expect(j.derivation.exact, `${f} = ${goal}`).toBe(goalExact);
          return;
        }
        // Else within a relative 1e-9 of the goal (absolute for a goal of 0), as solve states, in
        // exact integers: |a/b − g/h| ≤ 10⁻⁹·|g/h| is |a·h − g·b|·10⁹ ≤ |g·b|.
        if (j.derivation.exact !== null) {
          const frac = (t: string) => (t.includes("/") ? (t.split("/").map(BigInt) as [bigint, bigint]) : ([BigInt(t), 1n] as [bigint, bigint]));
          const [[a, b], [g, h]] = [frac(j.derivation.exact), frac(goalExact)];
          const abs = (x: bigint) => (x < 0n ? -x : x);
          const scale = g === 0n ? b * h : abs(g * b);
          expect(abs(a * h - g * b) * 10n ** 9n <= scale, `${f} = ${goal}: ${j.derivation.exact}`).toBe(true);
          return;
        }
        // A value from √, ln or a power is a 64-digit approximation: as a number, or as text past a double.
        const decimal = (v: number | string): [number, number] => {
          // By its exponential notation: 10 ** −324 is 0 in a double, so 5e-324 / 10 ** −324 was NaN (npm run fuzz, seed 1259649864).
          if (typeof v === "number") return v === 0 ? [0, 0] : (v.toExponential().split("e").map(Number) as [number, number]);
          const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(v)!;
          return [Number(m[1]), Number(m[2])];
        };
        const [[vm, ve], [gm, ge]] = [decimal(j.derivation.value as unknown as number | string), decimal(j.goal as unknown as number | string)];
        const diff = gm === 0 ? Math.abs(vm) * 10 ** ve : Math.abs(vm * 10 ** (ve - ge) - gm) / Math.abs(gm);
        expect(diff, `${f} = ${goal}: ${j.derivation.value}`).toBeLessThanOrEqual(1e-6);
      }) as unknown as fc.IProperty<unknown>,
      runs(80),
    );
  }, TIMEOUT);
});

describe("sweep ranges: refused with a place, or every row a value or a reason", () => {
  const range = fc.oneof(
    fc.tuple(number, number, fc.constantFrom(":×2", ":×1.5", ":+1", ":+1/2", ":3", ":1", ":0", ":×1", ":+0", ":×x", "")).map(([a, b, s]) => `D=${a}..${b}${s}`),
    fc.array(number, { minLength: 1, maxLength: 4 }).map((vs) => `D=${vs.join(",")}`),
  );
  test(`random ranges of D through 6·N·D (${runs(120)} cases)`, async () => {
    await assertRuns(
      fc.asyncProperty(range, async (vary) => {
        const r = await cli(["sweep", "gpt3-2020", "total_flops", "--model", "gpt3-175b", "--vary", vary, "--format", "json"]);
        expect([0, 2]).toContain(r.code);
        if (r.code !== 0) return;
        const j = JSON.parse(r.stdout) as { points: number; rows: { tokens?: number; total_flops: number | null; reason?: string }[] };
        if (j.points > 1000) return;
        for (const row of j.rows) expect(row.total_flops !== null ? Number.isFinite(row.total_flops) : row.reason !== undefined, vary).toBe(true);
      }) as unknown as fc.IProperty<unknown>,
      runs(120),
    );
  }, TIMEOUT);
});

describe("units: known, or refused at the unit", () => {
  const atom = fc.constantFrom("FLOP", "TFLOP", "B", "GiB", "KiB", "s", "h", "days", "%", "tokens", "device", "parameters", "PF-days", "FLOPs", "GFLOPz", "x");
  const unit: fc.Arbitrary<string> = fc.letrec((tie) => ({
    u: fc.oneof(
      { depthSize: "small" },
      atom,
      fc.tuple(tie("u"), fc.constantFrom("/", "·", " per ", "*"), tie("u")).map(([a, op, b]) => `${a}${op}${b}`),
      fc.tuple(tie("u"), fc.constantFrom("^2", "^-1", "^12", "^13", "^100000", "²")).map(([a, p]) => `(${a})${p}`),
      fc.tuple(fc.integer({ min: 1, max: 40 }), atom).map(([n, a]) => `${"(".repeat(n)}${a}${")".repeat(n)}`),
    ),
  })).u as fc.Arbitrary<string>;
  test(`random unit texts on an input (${runs(150)} cases)`, async () => {
    await assertRuns(
      fc.asyncProperty(unit, async (u) => {
        const sheet = ["id: u", "title: u", "source: a test", "inputs:", `  x: {description: x, unit: "${u}", default: 1}`, "formulas:", "  y: {expr: 2x, source: a test}", ""].join("\n");
        const r = await cli(["derive", "u.yaml", "y"], { "u.yaml": sheet });
        expect([0, 2], u).toContain(r.code);
      }) as unknown as fc.IProperty<unknown>,
      runs(150),
    );
  }, TIMEOUT);
});

describe("configs: a count from a config is a count the model can have", () => {
  const value = fc.oneof(fc.integer({ min: -2, max: 300 }), fc.constantFrom(0.5, 1e30, "64", null, true, [1], { a: 1 }));
  const keys = ["num_hidden_layers", "n_layer", "hidden_size", "num_attention_heads", "num_key_value_heads", "head_dim", "intermediate_size", "vocab_size", "num_local_experts", "num_experts_per_tok", "n_shared_experts", "moe_intermediate_size", "first_k_dense_replace", "decoder_sparse_step", "sliding_window", "kv_lora_rank", "qk_rope_head_dim", "tie_word_embeddings"] as const;
  const config = fc.record({
    model_type: fc.constantFrom("llama", "mixtral", "qwen2_moe", "deepseek_v2", "gemma2", "gpt_neox", "falcon", "olmo2", "unknown"),
    ...Object.fromEntries(keys.map((k) => [k, fc.option(value, { nil: undefined })])),
    base: fc.constant(null),
  }).map((c) => ({ hidden_size: 64, num_hidden_layers: 2, num_attention_heads: 4, intermediate_size: 128, vocab_size: 100, ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== null || false)) }));
  test(`random config.json files through decoder (${runs(150)} cases)`, async () => {
    await assertRuns(
      fc.asyncProperty(config, async (c) => {
        const files = { "c.json": JSON.stringify(c, null, 2) };
        const total = await cli(["derive", "decoder", "params", "--model", "c.json", "--format", "json"], files);
        expect([0, 1, 2], JSON.stringify(c)).toContain(total.code);
        if (total.code !== 0) return;
        const active = await cli(["derive", "decoder", "active_params", "--model", "c.json", "--format", "json"], files);
        if (active.code !== 0) return;
        const [t, a] = [BigInt(JSON.parse(total.stdout).exact), BigInt(JSON.parse(active.stdout).exact)];
        expect(a <= t, `active ${a} > total ${t} for ${JSON.stringify(c)}`).toBe(true);
        expect(t > 0n).toBe(true);
      }) as unknown as fc.IProperty<unknown>,
      runs(150),
    );
  }, TIMEOUT);
});
