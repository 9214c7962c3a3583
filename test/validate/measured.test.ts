/**
 * decoder against tiny decoders built in PyTorch (test/validate/measure.py): the parameters it
 * counts from each model's config.json equal sum(p.numel()) exactly, and its forward FLOPs over the
 * measured sequence equal the matrix products torch.profiler counts, plus the bias adds decoder
 * counts as weights (2 FLOPs a bias, where the profiler's addmm counts none). Attention is counted
 * in the full convention, as the naive implementation computes it. `npm run validate` remeasures;
 * .ci/run fails when a fixture drifts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { cli } from "../helpers/cli.js";

interface Measured {
  name: string;
  config: Record<string, unknown>;
  seq_len: number;
  attention: string;
  params: number;
  matmul_flops: number;
  bias_adds: number;
  elementwise: Record<string, number>;
}

const DIR = "test/fixtures/measured";
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(`${DIR}/${f}`, "utf8")) as Measured);

/** What decoder leaves out, by the profiler's name for it: the work that is not a matrix product. */
const NOT_COUNTED: Readonly<Record<string, string>> = {
  "aten::mul": "elementwise products: norms' scales, gated activations, rotary positions, routing weights, the attention's scaling",
  "aten::add": "elementwise sums: residual connections, rotary positions, learned positions, norms' biases",
};

const derive = async (m: Measured, target: string) => {
  const r = await cli(["derive", "decoder", target, "--model", "config.json", "--set", `seq_len=${m.seq_len}`, "--convention", `attention=${m.attention}`, "--format", "json"], {
    "config.json": JSON.stringify(m.config, null, 2),
  });
  expect(r.stderr, m.name).toBe("");
  return JSON.parse(r.stdout) as { exact: string; warnings: unknown[] };
};

describe("decoder against PyTorch: parameters exact, matrix FLOPs exact, what it leaves out named", () => {
  test("every feature decoder models is in a measured model", () => {
    expect(fixtures.map((m) => m.name).sort()).toEqual([
      "deepseek-v2-mla-compressed-queries",
      "deepseek-v2-mla-dense-first",
      "falcon-multi-query",
      "gemma2-alternate-windows",
      "gpt2-learned-positions",
      "llama-biases",
      "llama-gqa",
      "llama-mha",
      "mistral-mqa-window",
      "mixtral-top2",
      "olmo-bare-norms",
      "olmo2-qk-norms",
      "pythia-parallel-residual",
      "qwen2-moe-shared-gate-sparse-step",
      "qwen2-qkv-bias-head-dim-tied",
    ]);
  });

  test.each(fixtures.map((m) => [m.name, m] as const))("%s", async (_, m) => {
    const params = await derive(m, "params");
    expect(params.exact, "parameters").toBe(String(m.params));
    expect(params.warnings, "nothing in the config left unread").toEqual([]);
    const forward = await derive(m, "forward_flops_per_token");
    // Per token × the sequence = the profiler's matrix products + 2 FLOPs per bias add.
    expect(BigInt(forward.exact) * BigInt(m.seq_len), "matrix FLOPs").toBe(BigInt(m.matmul_flops) + 2n * BigInt(m.bias_adds));
    for (const op of Object.keys(m.elementwise)) expect(NOT_COUNTED, `${op} is named as left out`).toHaveProperty([op]);
  });
});

describe("formulas/README.md's table of the measured models", () => {
  test("has each model's measured parameters and matrix FLOPs as the fixtures hold them", () => {
    const page = readFileSync("formulas/README.md", "utf8");
    for (const m of fixtures) {
      const n = (x: number) => x.toLocaleString("en-US");
      expect(page, m.name).toContain(`| ${m.name} | ${n(m.params)} | ${n(m.params)} | ${n(m.matmul_flops + 2 * m.bias_adds)} | ${n(m.matmul_flops + 2 * m.bias_adds)} |`);
    }
  });
});
