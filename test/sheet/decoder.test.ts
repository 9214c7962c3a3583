/**
 * The decoder sheet against the released models: their parameter counts to the last digit, from
 * config.json files written as the real ones are (test/fixtures/configs/), through the CLI.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { cli, mistake } from "../helpers/cli.js";

const config = (model: string) => ({ "config.json": readFileSync(`test/fixtures/configs/${model}.json`, "utf8") });
const exact = async (model: string, target: string) => {
  const r = await cli(["derive", "decoder", target, "--model", "config.json", "--format", "json"], config(model));
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout).exact as string;
};

describe("decoder: parameter counts of the released models, from their config.json", () => {
  // By hand, for Llama-3-8B: 2·V·d + L·(2·d·H·d_h + 2·d·H_kv·d_h + 3·d·d_ff + 2·d) + d
  //   = 2·128256·4096 + 32·(2·4096·4096 + 2·4096·1024 + 3·4096·14336 + 2·4096) + 4096.
  test("Llama-3-8B: 8,030,261,248", async () => {
    expect(2n * 128256n * 4096n + 32n * (2n * 4096n * 4096n + 2n * 4096n * 1024n + 3n * 4096n * 14336n + 2n * 4096n) + 4096n).toBe(8030261248n);
    expect(await exact("llama-3-8b", "params")).toBe("8030261248");
  });

  test("Mistral-7B: 7,241,732,096", async () => {
    expect(await exact("mistral-7b", "params")).toBe("7241732096");
  });

  test("Mixtral-8x7B: 46,702,792,704 in all, 12,879,925,248 active (2 of 8 experts, the router counted)", async () => {
    expect(await exact("mixtral-8x7b", "params")).toBe("46702792704");
    expect(await exact("mixtral-8x7b", "active_params")).toBe("12879925248");
  });

  test("Qwen2-7B: 7,615,616,512, its QKV biases included (model_type qwen2)", async () => {
    expect(await exact("qwen2-7b", "params")).toBe("7615616512");
  });

  test("Llama-2-70B: 68,976,648,192", async () => {
    expect(await exact("llama-2-70b", "params")).toBe("68976648192");
  });

  test("KV cache in bfloat16: 131,072 bytes per token for Llama-3-8B, 57,344 for Qwen2-7B", async () => {
    expect(2 * 32 * 8 * 128 * 2).toBe(131072);
    expect(await exact("llama-3-8b", "kv_cache_bytes_per_token")).toBe("131072");
    expect(2 * 28 * 4 * 128 * 2).toBe(57344);
    expect(await exact("qwen2-7b", "kv_cache_bytes_per_token")).toBe("57344");
  });

  test("the same counts from the shipped presets, as the sheet's own checks", async () => {
    const r = await cli(["check", "decoder"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("decoder: 32 checks, every outcome as declared");
  });
});

describe("import-config reads what these configs say", () => {
  test("max_position_embeddings is the context window, not the training sequence length; Qwen2's unused sliding window is not imported", async () => {
    const qwen = await cli(["import-config", "config.json"], config("qwen2-7b"));
    expect(qwen.stdout).toContain('  context_window: {value: 131072, source: "config.json: max_position_embeddings"}');
    expect(qwen.stdout).not.toMatch(/^  (seq_len|window):/m);
    expect(qwen.stdout).toContain('  qkv_bias: {value: 1, source: "config.json: model_type qwen2 (biases on the query, key and value projections)"}');
    expect(qwen.stdout).toContain('  bytes_per_value: {value: 2, source: "config.json: torch_dtype bfloat16"}');
    const mistral = await cli(["import-config", "config.json"], config("mistral-7b"));
    expect(mistral.stdout).toContain('  window: {value: 4096, source: "config.json: sliding_window"}');
  });

  test("a quantity that needs the training sequence length, from a config alone, asks for it", async () => {
    const r = await cli(["derive", "decoder", "training_flops", "--model", "config.json"], config("llama-3-8b"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no value for input ‘s’ (training sequence length): give one with --set seq_len=…");
    const ok = await cli(["derive", "decoder", "training_flops", "--model", "config.json", "--set", "seq_len=8192", "--set", "tokens=15e12"], config("llama-3-8b"));
    expect(ok.code).toBe(0);
  });

  test("a model type or dtype that names a property of every object (constructor, toString) is just unknown", async () => {
    const r = await cli(["import-config", "config.json"], { "config.json": '{"hidden_size": 64, "num_attention_heads": 2, "model_type": "constructor", "torch_dtype": "toString"}' });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/ffn_matrices|tied_embeddings|bytes_per_value/);
  });
});

describe("import-config reads real configs, and refuses values that cannot be what their key means", () => {
  const gpt2 = { "config.json": readFileSync("test/fixtures/configs/gpt2.json", "utf8") };

  test("GPT-2's keys: n_embd, n_layer, n_head, no n_inner (4 × n_embd), learned positions and biases: 124,439,808 parameters", async () => {
    const yaml = (await cli(["import-config", "config.json"], gpt2)).stdout;
    expect(yaml).toContain('  d_ff: {value: 3072, follows: 4 × d_model, source: "config.json: model_type gpt2, no n_inner (4 × n_embd)"}');
    expect(yaml).toContain('  d_head: {value: 64, follows: d_model / n_heads, source: "config.json: n_embd / n_head"}');
    const r = JSON.parse((await cli(["derive", "decoder", "params", "--model", "config.json", "--format", "json"], gpt2)).stdout) as { exact: string; warnings: unknown[] };
    // GPT-2 small's released weights: wte 50257·768 + wpe 1024·768 + 12 layers of 7,087,872 + ln_f 1536.
    expect(r.exact).toBe("124439808");
    expect(r.warnings).toEqual([]);
  });

  test("n_inner null is four times the width", async () => {
    const yaml = (await cli(["import-config", "c.json"], { "c.json": '{"model_type": "gpt2", "n_embd": 1600, "n_layer": 48, "n_head": 25, "n_inner": null, "vocab_size": 50257, "n_positions": 1024}' })).stdout;
    expect(yaml).toContain('  d_ff: {value: 6400, follows: 4 × d_model, source: "config.json: n_inner null (4 × n_embd)"}');
  });

  test("a multimodal wrapper's text_config is the language model (LLaVA 1.5 7B: Vicuna, transformers' Llama defaults); the vision tower is said to be left out", async () => {
    const llava = JSON.stringify({
      architectures: ["LlavaForConditionalGeneration"], ignore_index: -100, image_token_index: 32000, model_type: "llava", pad_token_id: 32001,
      projector_hidden_act: "gelu", tie_word_embeddings: false, torch_dtype: "float16", vocab_size: 32064,
      text_config: { _name_or_path: "lmsys/vicuna-7b-v1.5", architectures: ["LlamaForCausalLM"], max_position_embeddings: 4096, model_type: "llama", rms_norm_eps: 1e-5, torch_dtype: "float16", vocab_size: 32064 },
      vision_config: { hidden_size: 1024, image_size: 336, intermediate_size: 4096, model_type: "clip_vision_model", num_attention_heads: 16, num_hidden_layers: 24, patch_size: 14 },
    });
    const r = await cli(["derive", "decoder", "params", "--model", "llava.json", "--format", "json"], { "llava.json": llava });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { exact: string; warnings: { message: string }[] };
    // Llama 2 7B's 6,738,415,616 with 64 more tokens in each of the two embeddings: + 2 × 64 × 4096.
    expect(json.exact).toBe(String(6738415616 + 2 * 64 * 4096));
    // The vision tower is another model: listed as read and harmless, never a warning on the language model's counts.
    expect(json.warnings).toEqual([]);
  });

  test("a number as a string, a fractional layer count, a negative size, a duplicate key and broken JSON: located errors, exit 2, nothing on stdout", async () => {
    const cases: [string, string][] = [
      ['{\n  "hidden_size": "4096"\n}', 'c.json:2:18: hidden_size must be a number, not the string "4096" [INVALID_VALUE]'],
      ['{"num_hidden_layers": 32.5}', "c.json:1:23: num_hidden_layers is 32.5, which is not a count: it must be a whole number of at least 1 [INVALID_VALUE]"],
      ['{"intermediate_size": -14336}', "c.json:1:23: intermediate_size is -14336, which is not a count: it must be a whole number of at least 1 [INVALID_VALUE]"],
      ['{"text_config": {"num_attention_heads": true}}', "c.json:1:41: text_config.num_attention_heads must be a number, not a boolean [INVALID_VALUE]"],
      ['{"vocab_size": 1, "vocab_size": 2}', "c.json:1:19: c.json is not JSON: the key ‘vocab_size’ appears twice [INVALID_VALUE]"],
      ['{"hidden_size": 4096,', "c.json:1:22: c.json is not JSON: the text ends too early [INVALID_VALUE]"],
    ];
    for (const [text, message] of cases) {
      for (const args of [["import-config", "c.json"], ["derive", "decoder", "params", "--model", "c.json"]]) {
        const r = await cli(args, { "c.json": text });
        expect(r.code, text).toBe(2);
        expect(r.stdout, text).toBe("");
        expect(await mistake(args, { "c.json": text }), text).toEqual([message]);
      }
    }
  });

  test("keys flopsheet does not read are listed, not fatal: in the preset, on stderr, and as a warning", async () => {
    const text = '{"hidden_size": 64, "num_attention_heads": 2, "num_hidden_layers": 2, "intermediate_size": 128, "vocab_size": 100, "model_type": "llama", "num_nextn_predict_layers": 1, "frobnicate_size": 3}';
    const r = await cli(["import-config", "c.json"], { "c.json": text });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("# Keys not read: num_nextn_predict_layers (multi-token prediction layers, trained with the model but not counted), frobnicate_size.");
    expect(r.stderr).toContain("note: keys of c.json that flopsheet does not read: num_nextn_predict_layers, frobnicate_size");
    const d = JSON.parse((await cli(["derive", "decoder", "params", "--model", "c.json", "--format", "json"], { "c.json": text })).stdout) as { warnings: { quantity: string }[] };
    expect(d.warnings.map((w) => w.quantity)).toEqual(["num_nextn_predict_layers", "frobnicate_size"]);
  });
});

describe("the trail says where each value came from", () => {
  test("a config key, a preset's table, --set and another sheet, in text and JSON; the model is in the title", async () => {
    const r = await cli(["derive", "decoder", "training_flops", "--model", "config.json", "--set", "seq_len=8192", "--set", "tokens=15e12"], config("llama-3-8b"));
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("decoder · training_flops · config");
    expect(lines.find((l) => l.startsWith("  L "))).toMatch(/layers  config: n_layers \(config\.json: num_hidden_layers\)$/);
    expect(lines.find((l) => l.startsWith("  D "))).toMatch(/training tokens  \[tokens\]  --set: tokens$/);
    const preset = JSON.parse((await cli(["derive", "kaplan-2020", "N", "--model", "gpt3-175b", "--format", "json"])).stdout) as { presets: string[]; inputs: Record<string, { from: string }> };
    expect(preset.presets).toEqual(["gpt3-175b"]);
    expect(preset.inputs.n_layer!.from).toBe("gpt3-175b: n_layers (Table 2.1)");
  });
});

describe("PaLM from its shapes: tied embeddings, multi-query attention, SwiGLU", () => {
  test("Table 1's 8.63B, 62.50B and 540.35B (truncated), from decoder with the shipped presets", async () => {
    const count = async (m: string) => (JSON.parse((await cli(["derive", "decoder", "params", "--model", m, "--format", "json"])).stdout) as { exact: string }).exact;
    // By hand: L·(d·H·d_h + 2·d·d_h + H·d_h·d + 3·d·4d + 2d) + d + V·d, with V = 256,000.
    const palm = (L: bigint, d: bigint, H: bigint) => L * (d * H * 256n + 2n * d * 256n + H * 256n * d + 3n * d * 4n * d + 2n * d) + d + 256000n * d;
    expect(await count("palm-8b")).toBe(palm(32n, 4096n, 16n).toString());
    expect(await count("palm-62b")).toBe(palm(64n, 8192n, 32n).toString());
    expect(await count("palm-540b")).toBe(palm(118n, 18432n, 48n).toString());
    expect(Number(palm(32n, 4096n, 16n)) / 1e9).toBeCloseTo(8.63, 2);
    expect(Number(palm(64n, 8192n, 32n)) / 1e9).toBeCloseTo(62.5, 1);
    expect(Math.trunc(Number(palm(118n, 18432n, 48n)) / 1e7) / 100).toBe(540.35);
  });
});

describe("experts of their own width, and shared experts", () => {
  test("moe_intermediate_size and n_shared_experts reach decoder; a model that states no expert width has d_ff, and the trail says so", async () => {
    const files = {
      "moe.json": JSON.stringify({
        model_type: "deepseek_v2", hidden_size: 64, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 4, vocab_size: 100,
        intermediate_size: 256, moe_intermediate_size: 32, n_routed_experts: 8, num_experts_per_tok: 2, n_shared_experts: 2, tie_word_embeddings: false,
      }),
    };
    const get = async (q: string) => JSON.parse((await cli(["derive", "decoder", q, "--model", "moe.json", "--format", "json"], files)).stdout) as { exact: string; inputs: Record<string, { from: string }> };
    // By hand: attention 4·64·64 = 16,384; an expert 3·64·32 = 6,144; router 64·8; norms 2·64.
    // A layer holds 8 routed + 2 shared experts: 16,384 + 10·6,144 + 512 + 128 = 78,464; a token passes 2 + 2 of them.
    expect((await get("params")).exact).toBe(String(2 * 78464 + 64 + 2 * 100 * 64));
    expect((await get("active_params")).exact).toBe(String(2 * (16384 + 4 * 6144 + 512 + 128) + 64 + 2 * 100 * 64));
    expect((await get("params")).inputs.d_e!.from).toBe("moe: d_ff_expert (config.json: moe_intermediate_size)");
    const mixtral = JSON.parse((await cli(["derive", "decoder", "params", "--model", "config.json", "--format", "json"], config("mixtral-8x7b"))).stdout) as { inputs: Record<string, { from: string }> };
    expect(mixtral.inputs.d_e!.from).toBe("config: d_ff (no d_ff_expert given) (config.json: intermediate_size)");
  });
});
