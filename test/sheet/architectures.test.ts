/**
 * Issue 23: today's architectures from their config.json, each exact or warned about precisely.
 * The fixtures (test/fixtures/configs/) are written as the released files are; the published
 * counts are the checkpoints' own (Hugging Face safetensors metadata, which sums the tensors),
 * and each is also worked by hand from transformers' modules in the comment beside it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { cli } from "../helpers/cli.js";

const fixture = (model: string) => readFileSync(`test/fixtures/configs/${model}.json`, "utf8");
interface Derived {
  exact: string;
  inputs: Record<string, { exact: string; from: string }>;
  warnings: unknown[];
}
const derive = async (text: string, target: string, ...more: string[]) => {
  const r = await cli(["derive", "decoder", target, "--model", "config.json", "--format", "json", ...more], { "config.json": text });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as Derived;
};
const exact = async (model: string, target: string) => (await derive(fixture(model), target)).exact;

describe("decoder counts today's architectures to the parameter", () => {
  test("Gemma-2-9B: 9,241,705,984, with four norms a layer", async () => {
    // 42 × (3,584·16·256 + 2·3,584·8·256 + 16·256·3,584 attention + 3·3,584·14,336 MLP + 4·3,584
    // norms) + 256,000 × 3,584 tied embedding + 3,584 final norm. With two norms a layer it was
    // 301,056 (42 × 2 × 3,584) short.
    expect(42n * (3584n * 16n * 256n + 2n * 3584n * 8n * 256n + 16n * 256n * 3584n + 3n * 3584n * 14336n + 4n * 3584n) + 256000n * 3584n + 3584n).toBe(9241705984n);
    expect(await exact("gemma-2-9b", "params")).toBe("9241705984");
  });

  test("Qwen1.5-MoE-A2.7B: 14,315,784,192 of which 2,689,173,504 active (one shared expert of 5,632 behind a gate)", async () => {
    // Per layer: attention 4·2048² + 3·2048 QKV biases; 60 experts of 3·2048·1408; the shared
    // expert 3·2048·5632; router 2048·60; shared-expert gate 2048; two norms. 24 layers, untied
    // embeddings of 151,936 × 2048, a final norm. Published: 14,315,784,192 (the checkpoint's
    // safetensors metadata); active: the same with 4 of 60 experts.
    const attention = 4n * 2048n ** 2n + 3n * 2048n;
    const expert = 3n * 2048n * 1408n;
    const rest = attention + 3n * 2048n * 5632n + 2048n * 60n + 2048n + 2n * 2048n;
    const outside = 2n * 151936n * 2048n + 2048n;
    expect(24n * (60n * expert + rest) + outside).toBe(14315784192n);
    expect(24n * (4n * expert + rest) + outside).toBe(2689173504n);
    expect(await exact("qwen1.5-moe-a2.7b", "params")).toBe("14315784192");
    expect(await exact("qwen1.5-moe-a2.7b", "active_params")).toBe("2689173504");
  });

  test("DeepSeek-V2-Lite: 15,706,484,224, latent attention and its first layer dense", async () => {
    // Attention (no query compression): q_proj 2048·16·192, kv_a_proj_with_mqa 2048·(512 + 64),
    // kv_a_layernorm 512, kv_b_proj 512·16·(128 + 128), o_proj 16·128·2048. Layer 0 is dense
    // (3·2048·10,944); layers 1–26 hold 64 experts and 2 shared ones of 3·2048·1408 and a router
    // of 2048·64. Published: 15,706,484,224 (the checkpoint's safetensors metadata).
    const attention = 2048n * 16n * 192n + 2048n * 576n + 512n + 512n * 16n * 256n + 16n * 128n * 2048n;
    const layer = attention + 2n * 2048n;
    const dense = layer + 3n * 2048n * 10944n;
    const moe = (k: bigint) => layer + (k + 2n) * 3n * 2048n * 1408n + 2048n * 64n;
    const outside = 2n * 102400n * 2048n + 2048n;
    expect(dense + 26n * moe(64n) + outside).toBe(15706484224n);
    expect(await exact("deepseek-v2-lite", "params")).toBe("15706484224");
    expect(await exact("deepseek-v2-lite", "active_params")).toBe(String(dense + 26n * moe(6n) + outside));
    // Only the compressed latent and the rotary key are cached: 27 × (512 + 64) × 2 bytes a token.
    expect(await exact("deepseek-v2-lite", "kv_cache_bytes_per_token")).toBe(String(27n * 576n * 2n));
  });

  test("Pythia-160M (GPT-NeoX): 162,322,944, biases everywhere, rotary positions, untied", async () => {
    // 12 × (768·2304 + 2304 QKV, 768·768 + 768 dense, 768·3072 + 3072 + 3072·768 + 768 MLP, 2·2·768
    // LayerNorms) + 1,536 final LayerNorm = 85,056,000 non-embedding; + 2 × 50,304 × 768.
    // Published: 162,322,944 total, 85,056,000 non-embedding (the checkpoint).
    expect(await exact("pythia-160m", "params")).toBe("162322944");
    expect(await exact("pythia-160m", "non_embedding_params")).toBe("85056000");
  });

  test("Falcon-7B: multi-query attention, one LayerNorm a parallel block, no linear biases: 6,921,720,704", async () => {
    // By hand from transformers' FalconModel: 32 × (4544·(71 + 2)·64 query_key_value + 4544² dense
    // + 2·4544·18,176 MLP + 2·4544 input_layernorm) + 65,024 × 4544 tied embedding + 2·4544 ln_f.
    expect(32n * (4544n * 73n * 64n + 4544n ** 2n + 2n * 4544n * 18176n + 2n * 4544n) + 65024n * 4544n + 2n * 4544n).toBe(6921720704n);
    const json = await derive(fixture("falcon-7b"), "params");
    expect(json.exact).toBe("6921720704");
    expect(json.inputs.H_kv!.from).toContain("multi_query true");
    expect(json.inputs.N_n!.from).toContain("parallel_attn true");
  });

  test("OLMo's norms have no parameters, OLMo 2 normalises queries and keys: 1,176,764,416 and 7,298,617,344 by hand", async () => {
    const olmo = { model_type: "olmo", hidden_size: 2048, intermediate_size: 8192, num_hidden_layers: 16, num_attention_heads: 16, num_key_value_heads: 16, vocab_size: 50304, tie_word_embeddings: true, attention_bias: false };
    // 16 × (4·2048² + 3·2048·8192) + 50,304 × 2048: no norm weights at all.
    expect(16n * (4n * 2048n ** 2n + 3n * 2048n * 8192n) + 50304n * 2048n).toBe(1176764416n);
    expect((await derive(JSON.stringify(olmo), "params")).exact).toBe("1176764416");
    const olmo2 = { model_type: "olmo2", hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 32, vocab_size: 100352, tie_word_embeddings: false, attention_bias: false };
    // 32 × (4·4096² + 2·4096 q_norm and k_norm + 3·4096·11,008 + 2·4096 norms) + 2 × 100,352 × 4096 + 4096.
    expect(32n * (4n * 4096n ** 2n + 2n * 4096n + 3n * 4096n * 11008n + 2n * 4096n) + 2n * 100352n * 4096n + 4096n).toBe(7298617344n);
    expect((await derive(JSON.stringify(olmo2), "params")).exact).toBe("7298617344");
  });

  test("attention_bias counts the output projection's bias too, mlp_bias the feed-forward ones", async () => {
    const llama = JSON.parse(fixture("llama-3-8b")) as Record<string, unknown>;
    // 32 × (4096 + 1024 + 1024 q, k, v biases + 4096 o_proj bias) more.
    expect((await derive(JSON.stringify({ ...llama, attention_bias: true }), "params")).exact).toBe(String(8030261248n + 32n * 10240n));
    // 32 × (2 × 14,336 gate and up + 4096 down) more.
    const both = await derive(JSON.stringify({ ...llama, attention_bias: true, mlp_bias: true }), "params");
    expect(both.exact).toBe(String(8030261248n + 32n * 10240n + 32n * (2n * 14336n + 4096n)));
    expect(both.warnings).toEqual([]);
  });
});

describe("windows, layer kinds and bytes, read from the config", () => {
  test("Gemma-2's window is on every other layer: 21 of 42, and its soft-capping changes no count", async () => {
    const r = await cli(["derive", "decoder", "training_flops_per_token", "--model", "config.json", "--set", "seq_len=8192"], { "config.json": fixture("gemma-2-9b") });
    expect(r.code, r.stderr).toBe(0);
    // Forward: 2 × (42 × (44,040,192 + 154,140,672) + 256,000 × 3,584) = 18,482,200,576 of weights;
    // attention 2 × 16 × (256 + 256) × (21 × 4,096 + 21 × 8,192) = 4,227,858,432 (all 42 layers
    // windowed gave 2 × 16 × 512 × 42 × 4,096 = 2,818,572,288, 6% fewer training FLOPs in all).
    expect(r.stdout).toContain(`training_flops_per_token = ${(3 * (18_482_200_576 + 4_227_858_432)).toLocaleString("en-US")} `);
    expect(r.stdout).toMatch(/L_w += 21 .*model_type gemma2 \(a window on every other layer, from the first: 21 of 42\)/);
    expect(r.stdout).not.toMatch(/not read.*(attn_logit_softcapping|query_pre_attn_scalar|cache_implementation|sliding_window_size)/);
    // float32 weights: the bytes per value say where they came from and what a 16-bit cache holds.
    expect(r.stdout).not.toContain("Does not fit");
  });

  test("a float32 checkpoint's cache bytes say so", async () => {
    const json = await derive(fixture("gemma-2-9b"), "kv_cache_bytes_per_token");
    expect(json.inputs.kv_bytes!.from).toContain("torch_dtype float32 (the weights as saved; a 16-bit cache holds 2 bytes a value: set kv_cache_bytes_per_value=2)");
    // 2 × 42 × 8 × 256 × 4 bytes.
    expect(json.exact).toBe(String(2 * 42 * 8 * 256 * 4));
  });

  test("Qwen2 with use_sliding_window true windows the layers from max_window_layers on", async () => {
    const qwen = JSON.parse(fixture("qwen2-7b")) as Record<string, unknown>;
    const json = await derive(JSON.stringify({ ...qwen, use_sliding_window: true, max_window_layers: 21, sliding_window: 4096 }), "forward_flops_per_token", "--set", "seq_len=8192");
    expect(json.inputs.L_w).toMatchObject({ exact: "7" });
  });

  test("Qwen2-MoE's decoder_sparse_step 2 makes every other layer dense", async () => {
    const moe = JSON.parse(fixture("qwen1.5-moe-a2.7b")) as Record<string, unknown>;
    const json = await derive(JSON.stringify({ ...moe, decoder_sparse_step: 2 }), "params");
    expect(json.inputs.L_d).toMatchObject({ exact: "12" });
  });
});

describe("a 6ND sheet counts every expert of a mixture, and says so", () => {
  test("gpt3-2020's 6·N·D for Mixtral is labelled experts all, 3.4× decoder's active count, and refuses to be called active", async () => {
    const r = await cli(["compare", "decoder", "gpt3-2020", "--model", "mixtral-8x7b", "--target", "training_flops", "--set", "seq_len=4096", "--set", "tokens=1e12"]);
    expect(r.code, r.stderr).toBe(0);
    // 6 × 47e9 (the preset's published total) × 1e12 = 2.82 × 10^23.
    expect(r.stdout).toMatch(/gpt3-2020 +total_flops +≈ 2\.82 × 10²³ +3\.40 +attention none, logits included, experts all/);
    const refused = await cli(["derive", "gpt3-2020", "total_flops", "--model", "mixtral-8x7b", "--set", "tokens=1e12", "--convention", "experts=active"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("gpt3-2020's training_flops counts experts as ‘all’, not ‘active’ as asked [CONVENTION]");
  });
});
