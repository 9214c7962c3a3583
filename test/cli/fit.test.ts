/** Warnings when a sheet does not describe the model: what it assumes, against the model's values. */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { fitMessage, fitWarnings, loadShipped, loadShippedPreset } from "../../src/index.js";
import { cli, mistake } from "../helpers/cli.js";

const llama3 = { "llama-3-8b.json": readFileSync("test/fixtures/configs/llama-3-8b.json", "utf8") };

describe("does not fit", () => {
  test("Kaplan's sheet assumes one key-value head per query head and a plain feed-forward block; Llama-3-8B has 8 and a gated one", () => {
    const warnings = fitWarnings(loadShipped("kaplan-2020"), [loadShippedPreset("llama-3-8b")]);
    expect(warnings.map(fitMessage)).toEqual([
      "kaplan-2020 assumes n_kv_heads = n_heads (32), but llama-3-8b has 8",
      "kaplan-2020 assumes ffn_matrices = 2, but llama-3-8b has 3",
      // Table 1's embedding row counts one vocabulary matrix; Llama 3's output layer is a second.
      "kaplan-2020 assumes tied_embeddings = 1, but llama-3-8b has 0",
    ]);
    expect(warnings[0]!.modelledBy).toEqual(["decoder", "gqa-2023", "inference-2022", "llama-2023", "moe-2022"]);
    expect(fitWarnings(loadShipped("decoder"), [loadShippedPreset("llama-3-8b")])).toEqual([]);
  });

  test("compare kaplan-2020 decoder --model llama-3-8b.json marks Kaplan's row, and --strict exits 1", async () => {
    const args = ["compare", "kaplan-2020", "decoder", "--model", "llama-3-8b.json", "--target", "training_flops", "--set", "tokens=15e12", "--set", "seq_len=8192"];
    const r = await cli(args, llama3);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").find((l) => l.startsWith("kaplan-2020"))).toMatch(/✗ does not fit$/);
    expect(r.stdout.split("\n").find((l) => l.startsWith("decoder"))).not.toMatch(/does not fit/);
    expect(r.stdout).toContain("kaplan-2020 assumes n_kv_heads = n_heads (32), but llama-3-8b has 8; modelled by decoder, gqa-2023, inference-2022, llama-2023, moe-2022");
    expect((await cli([...args, "--strict"], llama3)).code).toBe(1);
  });

  test("derive says so in text and JSON; no warning for decoder with any of the five models", async () => {
    const text = await cli(["derive", "kaplan-2020", "N", "--model", "llama-3-8b.json"], llama3);
    expect(text.stdout).toContain("\nDoes not fit\n  kaplan-2020 assumes n_kv_heads = n_heads (32), but llama-3-8b has 8");
    const json = JSON.parse((await cli(["derive", "kaplan-2020", "N", "--model", "llama-3-8b.json", "--format", "json"], llama3)).stdout) as { warnings: { quantity: string }[] };
    expect(json.warnings.map((w) => w.quantity)).toEqual(["n_kv_heads", "ffn_matrices"]);
    for (const model of ["llama-3-8b", "mistral-7b", "mixtral-8x7b", "qwen2-7b", "llama-2-70b"]) {
      const files = { "config.json": readFileSync(`test/fixtures/configs/${model}.json`, "utf8") };
      const r = JSON.parse((await cli(["derive", "decoder", "params", "--model", "config.json", "--format", "json"], files)).stdout) as { warnings: unknown[] };
      expect(r.warnings, model).toEqual([]);
    }
  });
});

describe("compare survives a sheet that cannot compute the quantity", () => {
  test("a row with the reason, the others computed; with no tokens at all, every row says what it lacks", async () => {
    const r = await cli(["compare", "kaplan-2020", "decoder", "--model", "llama-3-8b.json", "--target", "training_flops", "--set", "tokens=15e12"], llama3);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").find((l) => l.startsWith("decoder"))).toMatch(/not computed\s+—\s+—$/);
    expect(r.stdout).toContain("Not computed\n  decoder: no value for input ‘s’ (training sequence length): give one with set seq_len");
    const json = JSON.parse((await cli(["compare", "megatron-2021", "basu-2024", "--model", "gpt3-175b", "--target", "params", "--format", "json"])).stdout) as { rows: { sheet: string; failure: string | null }[] };
    expect(json.rows.find((x) => x.sheet === "basu-2024")?.failure).toBe("binds no formula to ‘params’");
    // The Done-when command of issue 8: no --set at all. Kaplan's row is still marked, and --strict exits 1.
    const args = ["compare", "kaplan-2020", "decoder", "--model", "llama-3-8b.json", "--target", "training_flops"];
    const none = await cli(args, llama3);
    expect(none.code).toBe(0);
    expect(none.stdout.split("\n")[0]).toBe("training_flops for llama-3-8b");
    expect(none.stdout.split("\n").find((l) => l.startsWith("kaplan-2020"))).toMatch(/not computed +— +— +✗ does not fit$/);
    expect(none.stdout).toContain("  kaplan-2020: no value for input ‘D’ (dataset size in tokens): give one with set tokens");
    expect((await cli([...args, "--strict"], llama3)).code).toBe(1);
  });

  test("several models give a model × sheet table; a --set that no sheet reads is an error, not ignored", async () => {
    const configs = Object.fromEntries(["llama-3-8b", "mixtral-8x7b", "qwen2-7b"].map((m) => [`${m}.json`, readFileSync(`test/fixtures/configs/${m}.json`, "utf8")]));
    const r = await cli(["compare", "decoder", "llama-2023", "--model", "llama-3-8b.json", "--model", "mixtral-8x7b.json", "--model", "qwen2-7b.json", "--target", "params", "--digits", "10", "--format", "json"], configs);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { models: { model: string; rows: { sheet: string; exact: string; fits: boolean }[] }[] };
    expect(json.models.map((m) => m.model)).toEqual(["llama-3-8b", "mixtral-8x7b", "qwen2-7b"]);
    // The released counts from decoder; llama-2023 fits Llama-3-8B but neither Mixtral (experts) nor Qwen2 (QKV biases).
    expect(json.models.map((m) => m.rows[0]!.exact)).toEqual(["8030261248", "46702792704", "7615616512"]);
    expect(json.models.map((m) => m.rows[1]!.fits)).toEqual([true, false, false]);
    const text = await cli(["compare", "decoder", "--model", "llama-3-8b.json", "--model", "qwen2-7b.json", "--target", "params", "--digits", "10"], configs);
    expect(text.stdout.split("\n").slice(0, 4)).toEqual([
      "params for llama-3-8b, qwen2-7b",
      "model       sheet    formula               params  ratio  convention",
      "llama-3-8b  decoder  params   ≈ 8.030261248 × 10⁹   1.00  —",
      "qwen2-7b    decoder  params   ≈ 7.615616512 × 10⁹   1.00  —",
    ]);
    expect(await mistake(["compare", "decoder", "--model", "llama-3-8b.json", "--target", "paramz"], configs)).toEqual(["‘paramz’ is not a quantity of the vocabulary; did you mean ‘params’? [UNKNOWN_TARGET]"]);
    expect(await mistake(["compare", "decoder", "--model", "llama-3-8b.json", "--target", "params", "--set", "tokenz=1e12"], configs)).toEqual([
      "tokenz: none of the sheets compared reads ‘tokenz’ (an input's symbol or a vocabulary name one binds) [UNKNOWN_IDENTIFIER]",
    ]);
  });
});

describe("chaining through the vocabulary", () => {
  test("zero-2020 from a config alone: params comes from decoder, and the trail says so", async () => {
    const r = await cli(["derive", "zero-2020", "training_memory_bytes", "--model", "llama-3-8b.json", "--set", "n_devices=8", "--format", "json"], llama3);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { exact: string; inputs: Record<string, { origin: string; via?: string }>; warnings: unknown[] };
    expect(BigInt(json.exact)).toBe(16n * 8_030_261_248n); // 2 + 2 + 12 bytes per parameter
    expect(json.inputs.params).toMatchObject({ origin: "sheet", via: "decoder: params" });
    expect(json.warnings).toEqual([]); // zero-2020 reads only params, which decoder derived for this model
    const text = await cli(["derive", "zero-2020", "training_memory_bytes", "--model", "llama-3-8b.json", "--set", "n_devices=8"], llama3);
    expect(text.stdout).toMatch(/params = 8030261248 .* decoder: params\n/);
  });

  test("--from params=megatron-2021 takes it from another sheet", async () => {
    const r = await cli(["derive", "zero-2020", "training_memory_bytes", "--model", "llama-3-8b.json", "--from", "params=megatron-2021", "--format", "json"], llama3);
    // Megatron's eq. 2 for l = 32, h = 4096, V = 128256 and its default s = 2048, by hand.
    const P = 12n * 32n * 4096n ** 2n + 13n * 32n * 4096n + (128256n + 2048n) * 4096n;
    const json = JSON.parse(r.stdout) as { exact: string; warnings: { message: string }[] };
    expect(BigInt(json.exact)).toBe(16n * P);
    // A value from a sheet that does not describe the model is marked as one from the sheet asked.
    expect(json.warnings.map((w) => w.message)).toContain("params from megatron-2021 assumes n_kv_heads = n_heads (32), but llama-3-8b has 8");
    expect((await cli(["derive", "zero-2020", "training_memory_bytes", "--model", "llama-3-8b.json", "--from", "params=megatron-2021", "--strict"], llama3)).code).toBe(1);
  });

  test("a --from that could not be used is an error, not ignored", async () => {
    expect(await mistake(["derive", "zero-2020", "memory_baseline", "--model", "llama-3-8b", "--from", "params=basu-2024"])).toEqual([
      "--from params=basu-2024: sheet basu-2024 has no formula bound to ‘params’, so it cannot give it [INVALID_ARGUMENT]",
    ]);
    expect((await mistake(["derive", "zero-2020", "memory_baseline", "--model", "llama-3-8b", "--from", "params=decodr"]))[0]).toMatch(/^no shipped sheet ‘decodr’/);
    // Without a model nothing is chained, so the --from would be ignored.
    expect(await mistake(["report", "zero-2020", "memory_baseline", "--set", "params=7e9", "--from", "params=decoder"])).toEqual([
      "a sheet to take a quantity from is named, but no model: it says which sheet gives a quantity for a model [INVALID_ARGUMENT]",
    ]);
  });

  test("report chains too, says where the value came from, and --strict exits 1 on a misfit", async () => {
    const r = await cli(["report", "zero-2020", "memory_baseline", "--model", "llama-3-8b.json", "--from", "params=megatron-2021", "--format", "markdown"], llama3);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("- params from megatron-2021 assumes ffn\\_matrices = 2, but llama-3-8b has 3; modelled by decoder, moe-2022");
    expect((await cli(["report", "kaplan-2020", "N", "--model", "llama-3-8b.json", "--format", "markdown", "--strict"], llama3)).code).toBe(1);
    expect((await cli(["report", "decoder", "params", "--model", "llama-3-8b.json", "--format", "markdown", "--strict"], llama3)).code).toBe(0);
  });
});

describe("estimate: every quantity for a model, each from a sheet that fits it", () => {
  test("Llama-3-8B from its config: the exact parameter count from decoder, the sheets that do not fit marked", async () => {
    const r = await cli(["estimate", "--model", "llama-3-8b.json", "--set", "tokens=15e12", "--set", "seq_len=8192", "--format", "json"], llama3);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { model: string; quantities: { quantity: string; exact: string | null; sheet: string | null; sheets: { sheet: string; fits: boolean }[] }[] };
    const q = (name: string) => json.quantities.find((x) => x.quantity === name)!;
    expect(json.model).toBe("llama-3-8b");
    expect(q("params")).toMatchObject({ exact: "8030261248", sheet: "decoder" });
    expect(q("active_params").exact).toBe("8030261248");
    expect(q("kv_cache_bytes_per_token")).toMatchObject({ exact: "131072", sheet: "decoder" });
    // 16 bytes per parameter (2 + 2 + 12), with params from decoder.
    expect(q("training_memory_bytes")).toMatchObject({ exact: String(16n * 8_030_261_248n), sheet: "zero-2020" });
    // Megatron's eq. 2 assumes d_ff = 4·d_model and plain blocks: it does not fit Llama 3.
    expect(q("params").sheets.find((s) => s.sheet === "megatron-2021")?.fits).toBe(false);
    expect(q("params").sheets.find((s) => s.sheet === "llama-2023")?.fits).toBe(true);
    const text = await cli(["estimate", "--model", "llama-3-8b.json"], llama3);
    expect(text.stdout).toContain("params = 8,030,261,248 ≈ 8.03 × 10⁹ parameters  from decoder");
  });
});

describe("estimate gives the released figures from each config, from decoder, which fits every one", () => {
  test.each([
    ["llama-3-8b", "8030261248", "8030261248", "131072"],
    ["mistral-7b", "7241732096", "7241732096", "131072"],
    ["mixtral-8x7b", "46702792704", "12879925248", "131072"],
    ["qwen2-7b", "7615616512", "7615616512", "57344"],
    ["llama-2-70b", "68976648192", "68976648192", "327680"],
  ])("%s", async (model, params, active, kv) => {
    const files = { "config.json": readFileSync(`test/fixtures/configs/${model}.json`, "utf8") };
    const json = JSON.parse((await cli(["estimate", "--model", "config.json", "--format", "json"], files)).stdout) as {
      quantities: { quantity: string; exact: string | null; sheet: string | null; sheets: { sheet: string; fits: boolean }[] }[];
    };
    const q = (name: string) => json.quantities.find((x) => x.quantity === name)!;
    // KV cache per token in the config's dtype (bf16 for all five): 2 × layers × kv heads × 128 × 2 bytes.
    expect([q("params").exact, q("active_params").exact, q("kv_cache_bytes_per_token").exact]).toEqual([params, active, kv]);
    for (const name of ["params", "active_params", "kv_cache_bytes_per_token"]) {
      expect(q(name).sheet, name).toBe("decoder");
      expect(q(name).sheets.find((s) => s.sheet === "decoder")?.fits, name).toBe(true);
    }
  });
});

describe("an assumption over a quantity the model does not give is judged with the sheet's own default", () => {
  test("Megatron's eq. 2 counts s = 2048 learned positions by default; GPT-2 has 1024, so it does not fit", async () => {
    const files = { "gpt2.json": readFileSync("test/fixtures/configs/gpt2.json", "utf8") };
    const r = await cli(["derive", "megatron-2021", "params", "--model", "gpt2.json", "--format", "json"], files);
    const json = JSON.parse(r.stdout) as { exact: string; warnings: { message: string }[] };
    // 12·12·768² + 13·12·768 + (50257 + 2048)·768: s = 2048 positions where GPT-2 learns 1024.
    expect(json.exact).toBe(String(12 * 12 * 768 * 768 + 13 * 12 * 768 + (50257 + 2048) * 768));
    expect(json.warnings.map((w) => w.message)).toEqual(["megatron-2021 assumes learned_positions = seq_len (2,048), but gpt2 has 1024"]);
  });
});

describe("does it fit on the GPU: model states with ZeRO and activations, chained from korthikanti-2022", () => {
  test("Megatron's 1T on 3,072 GPUs (t = 8, p = 64, micro-batch 1): 5.25 GB of model states and 28.5 GB of activations", async () => {
    const args = ["derive", "zero-2020", "device_memory_bytes", "--model", "megatron-1t", "--set", "params=1008e9", "--set", "micro_batch_size=1", "--format", "json"];
    const r = await cli([...args, "--from", "activation_bytes_per_device=korthikanti-2022"]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { exact: string; inputs: Record<string, { from: string }> };
    // 16 × 1008e9 / 512 / 6, plus Korthikanti's first stage: 128 layers × 2048 · 1 · 25600 · 34/8 bytes, by hand.
    const activations = 128n * ((2048n * 1n * 25600n * 34n) / 8n);
    expect(BigInt(json.exact)).toBe(5_250_000_000n + activations);
    expect(json.inputs.A!.from).toBe("korthikanti-2022: activation_bytes_per_device");
    // decoder counts the same activations for Megatron's shape once told it trains with dropout.
    const d = JSON.parse((await cli([...args, "--set", "dropout=1"])).stdout) as { exact: string; inputs: Record<string, { from: string }> };
    expect(d.inputs.A!.from).toBe("decoder: activation_bytes_per_device");
    expect(BigInt(d.exact)).toBe(5_250_000_000n + activations);
  });

  test("a --set that neither the sheet nor a sheet it chained from reads is an error", async () => {
    expect(await mistake(["derive", "zero-2020", "memory_baseline", "--model", "megatron-1t", "--set", "params=1008e9", "--set", "micro_batch_size=1"])).toEqual([
      "micro_batch_size: neither zero-2020 nor a sheet it took a value from reads ‘micro_batch_size’ [UNKNOWN_IDENTIFIER]",
    ]);
    expect((await mistake(["derive", "zero-2020", "memory_baseline", "--model", "megatron-1t", "--set", "parms=1e9"]))[0]).toMatch(/^command line:1:7: sheet zero-2020 has no input ‘parms’; did you mean ‘params’\?/);
  });
});
