/**
 * The decoder sheet against the released models: their parameter counts to the last digit, from
 * config.json files written as the real ones are (test/fixtures/configs/), through the CLI.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { cli } from "../helpers/cli.js";

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
    expect(r.stdout).toContain("decoder: 11 checks, every outcome as declared");
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
