import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { bindsName, compareSheets, derive, Rational } from "../../src/index.js";
import { shippedSheetIds as shippedIds, shippedVocabulary } from "../../src/index.js";
import { cli, mistake } from "../helpers/cli.js";
import { preset, shipped } from "../helpers/sheets.js";

describe("one model through every sheet", () => {
  const rows = compareSheets(["kaplan-2020", "gpt3-2020", "megatron-2021", "palm-2022", "basu-2024"].map(shipped), { quantity: "training_flops", presets: [preset("gpt3-175b")] });
  const ratio = (id: string) => rows.find((r) => r.sheet.id === id)!.ratio!;

  test("ratios to Kaplan's 6N follow from each formula, exactly", () => {
    // Kaplan: 6 · 12·l·h² · D. GPT-3's Table D.1: 6 · 174.6B · D.
    expect(ratio("gpt3-2020").equals(Rational.of(174_600_000_000n, 12n * 96n * 12288n * 12288n))).toBe(true);
    // Megatron's model FLOPs (eq. 3 without the recomputed forward pass) over the iterations:
    // 72·l·h²·(1 + s/(6h) + V/(12lh)) · D against 72·l·h² · D.
    const megatron = Rational.ONE.add(Rational.of(2048n, 6n * 12288n)).add(Rational.of(50257n, 12n * 96n * 12288n));
    expect(ratio("megatron-2021").equals(megatron)).toBe(true);
    // PaLM: 6N + 12·L·H·Q·T per token, N = 174.6B.
    const palm = Rational.of(6n * 174_600_000_000n + 12n * 96n * 96n * 128n * 2048n, 6n * 12n * 96n * 12288n * 12288n);
    expect(ratio("palm-2022").equals(palm)).toBe(true);
    // Basu: L·T·3k·d² with k = 7 against 72·L·T·d²: 21/72.
    expect(ratio("basu-2024").equals(Rational.of(7n, 24n))).toBe(true);
  });

  test("compare prints a row per sheet", async () => {
    const r = await cli(["compare", "kaplan-2020", "gpt3-2020", "megatron-2021", "palm-2022", "basu-2024", "--model", "gpt3-175b", "--target", "training_flops"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 7)).toEqual([
      "training_flops for gpt3-175b",
      "sheet          formula           training_flops  ratio  convention",
      "kaplan-2020    C_D                ≈ 3.13 × 10²³   1.00  attention none, logits excluded               ✗ does not fit",
      "gpt3-2020      total_flops        ≈ 3.14 × 10²³   1.00  attention none, logits included, experts all",
      "megatron-2021  F_model_training   ≈ 3.23 × 10²³   1.03  attention full, logits included",
      "palm-2022      training_flops     ≈ 3.23 × 10²³   1.03  attention full, logits included, experts all",
      "basu-2024      Total_FLOPs        ≈ 9.13 × 10²²  0.292  —                                             ✗ does not fit",
    ]);
    // Kaplan's Table 1 and Basu leave out the biases GPT-3 has on every linear layer (sub-leading, but not zero).
    expect(r.stdout).toContain("    kaplan-2020 assumes qkv_bias = 0, but gpt3-175b has 1; modelled by decoder\n");
    const md = await cli(["compare", "kaplan-2020", "basu-2024", "--model", "gpt3-175b", "--format", "markdown"]);
    expect(md.stdout).toContain("| basu-2024 | Total\\_FLOPs | ≈ 9.13 × 10²² | 0.292 | — | ✗ no |");
    const json = JSON.parse((await cli(["compare", "kaplan-2020", "basu-2024", "--model", "gpt3-175b", "--format", "json"])).stdout);
    expect(json.rows[1]).toMatchObject({ sheet: "basu-2024", formula: "Total_FLOPs", ratio: 7 / 24 });
  });

  test("a published quantity the sheet derives is audited, not overridden", () => {
    const d = derive(shipped("megatron-2021"), "P", { presets: [preset("gpt3-175b")], set: [{ name: "V", text: "51200" }] });
    expect(d.audit).toHaveLength(1);
    // Eq. 2 with GPT-3's shape: 12·96·12288²·(1 + 13/(12·12288) + (51200 + 2048)/(12·96·12288)).
    expect(d.audit[0]).toMatchObject({ formula: "P", quantity: "params", preset: "gpt3-175b" });
    expect(d.audit[0]!.derived.q.toString()).toBe((12n * 96n * 12288n * 12288n + 13n * 96n * 12288n + 53248n * 12288n).toString());
    expect(d.audit[0]!.published.toString()).toBe("174600000000");
  });

  test("--set takes a vocabulary name through the bindings", async () => {
    const r = await cli(["derive", "kaplan-2020", "N", "--model", "gpt3-175b", "--set", "n_heads=48", "--format", "json"]);
    const json = JSON.parse(r.stdout);
    // d_attn binds n_heads × d_head: 48 × 128 = 6144.
    expect(json.inputs.d_attn).toMatchObject({ exact: "6144", origin: "preset", via: "--set, gpt3-175b: n_heads × d_head" });
  });

  test("scenarios take their values from presets: every shipped check passes", async () => {
    const r = await cli(["check"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("computed 314,280,000,000,000,000,000,000 ≈ 3.14 × 10²³, published 3.14e23");
  });
});

describe("presets and bindings are YAML only", () => {
  const VARIANT = `extends: gpt3-2020
inputs:
  active_fraction: {default: 0.5, range: [0, 1], description: T5's fraction of active parameters}
`;
  const PRESET = "title: A small model\nvalues:\n  params: {value: 1e9, source: made up}\n  tokens: 20e9\n";

  test("a variant and a preset in a folder of one's own are derived, compared and checked", async () => {
    const files = { "half.yaml": VARIANT, "small.yaml": PRESET };
    const d = JSON.parse((await cli(["derive", "half.yaml", "total_flops", "--model", "./small.yaml", "--format", "json"], files)).stdout);
    // 2 × 0.5 × 3 × 1e9 × 20e9 = 6 × 10¹⁹.
    expect(d.exact).toBe("60000000000000000000");
    const c = await cli(["compare", "gpt3-2020", "half.yaml", "--model", "./small.yaml"], files);
    expect(c.stdout.split("\n")[3]).toMatch(/^half +total_flops +≈ 6\.00 × 10¹⁹ +0\.500  attention none, logits included, experts all$/);
    expect((await cli(["check", "half.yaml"], files)).code).toBe(0);
  });

  test("names outside the vocabulary are located errors", async () => {
    expect(await mistake(["derive", "gpt3-2020", "total_flops", "--model", "./p.yaml"], { "p.yaml": "values:\n  parms: 7\n" })).toEqual([
      "./p.yaml:2:3: ‘parms’ is not in the vocabulary; did you mean ‘params’? [UNKNOWN_IDENTIFIER]",
    ]);
    expect(await mistake(["check", "s.yaml"], { "s.yaml": "inputs:\n  N: {bind: parms}\n" })).toEqual([
      "s.yaml:2:13: ‘parms’ in the binding of input ‘N’ is not in the vocabulary; did you mean ‘params’? [UNKNOWN_IDENTIFIER]",
    ]);
    expect(await mistake(["check", "s.yaml"], { "s.yaml": "scenarios:\n  x: {model: gpt9}\n" })).toEqual([
      "s.yaml:2:14: no model preset ‘gpt9’ (flopsheet models lists them) [NOT_FOUND]",
    ]);
  });

  test("models and vocabulary list what there is", async () => {
    expect((await cli(["models"])).stdout).toMatch(/^  gpt3-175b +GPT-3 175B$/m);
    expect((await cli(["vocabulary"])).stdout).toMatch(/^training_flops +training compute: model FLOPs, each forward and backward pass counted once \[FLOPs\]  \(basu-2024, .*chinchilla-2022, .*palm-2022.*\)$/m);
  });

  test("every vocabulary name is bound by at least one shipped sheet", () => {
    const sheets = shippedIds().map(shipped);
    const unbound = [...shippedVocabulary().terms.keys()].filter((name) => !sheets.some((s) => bindsName(s, name)));
    expect(unbound).toEqual([]);
    // The names issue 3 lists, each present.
    const required = `n_layers d_model n_heads n_kv_heads d_head d_ff vocab_size seq_len tokens batch_size micro_batch_size
      n_devices tensor_parallel pipeline_parallel peak_flops achieved_flops tokens_per_second n_experts top_k capacity_factor
      n_shared_experts window params non_embedding_params forward_flops_per_token training_flops_per_token training_flops
      training_pf_days training_days mfu hfu activation_bytes_per_layer training_memory_bytes kv_cache_bytes_per_token`.split(/\s+/);
    expect(required.filter((n) => !shippedVocabulary().terms.has(n))).toEqual([]);
  });
});

describe("Hugging Face configs, and presets in symbolic and check", () => {
  const CONFIG = JSON.stringify({
    _name_or_path: "mistralai/Mixtral-8x7B-v0.1", hidden_size: 4096, num_hidden_layers: 32, num_attention_heads: 32,
    num_key_value_heads: 8, intermediate_size: 14336, vocab_size: 32000, max_position_embeddings: 32768,
    num_local_experts: 8, num_experts_per_tok: 2, sliding_window: null, tie_word_embeddings: false,
  });

  test("import-config turns a config.json into a preset, each value citing its key", async () => {
    const r = await cli(["import-config", "config.json"], { "config.json": CONFIG });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('title: "mistralai/Mixtral-8x7B-v0.1"\n');
    expect(r.stdout).toContain('  n_kv_heads: {value: 8, source: "config.json: num_key_value_heads"}\n');
    expect(r.stdout).toContain('  d_head: {value: 128, follows: d_model / n_heads, source: "config.json: hidden_size / num_attention_heads"}\n');
    expect(r.stdout).toContain('  top_k: {value: 2, source: "config.json: num_experts_per_tok"}\n');
    expect(r.stdout).not.toMatch(/^  window:/m); // null in the config: no sliding window
  });

  test("--model takes the config.json directly", async () => {
    // Mixtral's released config: 32 layers, top-2 of 8 SwiGLU experts (model_type mixtral: three
    // matrices of 4096 × 14336 each), so 32 · 2 · 3 · 4096 · 14336 active expert weights.
    const files = { "config.json": readFileSync("test/fixtures/configs/mixtral-8x7b.json", "utf8") };
    const r = await cli(["derive", "moe-2022", "N_FF_active", "--model", "config.json", "--format", "json"], files);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).exact).toBe(String(32 * 2 * 3 * 4096 * 14336));
    expect((await mistake(["derive", "moe-2022", "N", "--model", "c.json"], { "c.json": "[1, 2]" }))[0]).toBe("c.json is not a JSON object of model settings [INVALID_VALUE]");
  });

  test("symbolic --model fixes the inputs the model gives", async () => {
    // 6 · 12 · 96 · 12288² = 1,043,677,052,928 per token; D stays a symbol without tokens.
    const r = await cli(["symbolic", "kaplan-2020", "C_D", "--model", "./m.yaml"], { "m.yaml": "values:\n  n_layers: 96\n  d_model: 12288\n  n_heads: 96\n  d_head: 128\n  d_ff: 49152\n" });
    expect(r.stdout).toBe("C_D = 1043677052928·D\n");
  });

  test("check --model audits each quantity the model publishes and the sheet derives", async () => {
    const r = await cli(["check", "llama-2023", "--model", "llama-2-70b"]);
    expect(r.code).toBe(0);
    // 68,451,041,280 non-embedding + 524,288,000 untied embeddings (worked in formulas/llama-2023.yaml's check).
    expect(r.stdout).toContain("✓ audit  N_total (params) = 68,975,329,280 ≈ 6.90 × 10¹⁰; llama-2-70b publishes 70,000,000,000, to 1 significant digit  (−1.5%)");
  });

  test("an audit outside its tolerance fails the check, and the sheet's misfit is said beside it", async () => {
    // llama-2023 counts one dense feed-forward block: 7.24B against Mixtral's 47B (−85%).
    const r = await cli(["check", "llama-2023", "--model", "mixtral-8x7b"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ audit  N_total (params) = 7,241,465,856 ≈ 7.24 × 10⁹; mixtral-8x7b publishes 47,000,000,000, to 2 significant digits  (−85%)");
    expect(r.stdout).toContain("1 audit outside its tolerance");
    expect(r.stdout).toContain("llama-2023 assumes n_experts = 1, but mixtral-8x7b has 8; modelled by basu-2024, decoder, moe-2022");
    const json = JSON.parse((await cli(["check", "llama-2023", "--model", "mixtral-8x7b", "--format", "json"])).stdout) as { audit: { agrees: boolean }[]; fits: boolean }[];
    expect(json[0]!.audit.map((a) => a.agrees)).toEqual([false]);
    expect(json[0]!.fits).toBe(false);
    // A preset may state the tolerance of a nominal figure: 7.24B is within 90% of 47B, so this one agrees.
    const loose = { "m.yaml": "values:\n  n_layers: 32\n  d_model: 4096\n  n_heads: 32\n  n_kv_heads: 8\n  d_head: 128\n  d_ff: 14336\n  vocab_size: 32000\n  params: {value: 47e9, rel: 0.9}\n" };
    expect((await cli(["check", "llama-2023", "--model", "./m.yaml"], loose)).stdout).toContain("✓ audit  N_total (params) = 7,241,465,856 ≈ 7.24 × 10⁹; m publishes 47,000,000,000, to rel ≤ 0.9  (−85%)");
  });
});
