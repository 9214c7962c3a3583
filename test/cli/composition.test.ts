// Issue 22: a value crosses from one sheet, preset or default into another only with its
// convention, its fit and its origin. Each case here failed before the contract.
import { readFileSync, statSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { fitMessage, fitWarnings, loadPreset, loadShipped, loadVocabulary, shippedCatalogue, shippedSheetIds, type Catalogue } from "../../src/index.js";
import { cli, mistake } from "../helpers/cli.js";

const config = (name: string) => ({ [`${name}.json`]: readFileSync(`test/fixtures/configs/${name}.json`, "utf8") });
const budget = ["derive", "training-budget", "training_days", "--model", "llama-3-8b.json", "--hardware", "h100-sxm", "--set", "n_devices=1024", "--set", "mfu=0.4", "--set", "tokens=15T"];

describe("chaining takes a value only from a sheet that fits the model", () => {
  test("Llama-3-8B's training days without a sequence length ask for one, never a worked example's k = 7", async () => {
    expect(await mistake(budget, config("llama-3-8b"))).toEqual([
      "formulas/training-budget.yaml:9:3: no value for input ‘C’ (model FLOPs of the whole run); decoder derives training_flops for this model but needs seq_len: --set seq_len=… [MISSING_INPUT]",
    ]);
    const r = await cli([...budget, "--set", "seq_len=8192", "--format", "json"], config("llama-3-8b"));
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { display: string; inputs: Record<string, { exact: string; via: string }>; conventions: Record<string, string>; warnings: unknown[] };
    // By hand: forward per token = 2·(32·(41,943,040 attention + 3·4096·14,336 feed-forward) + 128,256·4096
    // logits) + 4·32·8192·32·128 attention scores = 15,009,316,864 + 4,294,967,296 = 19,304,284,160;
    // training is 3× that, 57,912,852,480. Times 15e12 tokens = 8.69e23;
    // over 1,024 × 989.4 TFLOP/s × 0.4: 2,143,441 s = 24.8 days.
    expect(json.inputs.C).toMatchObject({ exact: String(15_000_000_000_000n * 57_912_852_480n), via: "decoder: training_flops" });
    expect(json.display).toBe("24.8 days");
    expect(json.conventions).toEqual({ attention: "full", logits: "included", experts: "active" });
    expect(json.warnings).toEqual([]);
  });

  test("a worked example is never chained from; named with --from it is, and warned about", async () => {
    expect(loadShipped("basu-2024").role).toBe("example");
    const r = await cli([...budget, "--from", "training_flops=basu-2024"], config("llama-3-8b"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("training_flops from basu-2024 assumes n_kv_heads = n_heads (32), but llama-3-8b has 8");
  });

  test("a consumer is judged on what it reads itself: zero-2020's memory for Mixtral takes params from decoder and fits", async () => {
    const r = await cli(["derive", "zero-2020", "memory_zero_3", "--model", "mixtral-8x7b.json", "--set", "n_devices=8", "--format", "json"], config("mixtral-8x7b"));
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { exact: string; warnings: unknown[] };
    expect(json.warnings).toEqual([]);
    // 16 bytes per parameter over 8 devices: 2 × 46,702,792,704.
    expect(json.exact).toBe(String(2n * 46_702_792_704n));
  });
});

describe("moe-2022 trains over the experts a token takes", () => {
  test("training per token is three times the forward pass for Mixtral 8x7B", async () => {
    const get = async (target: string) => JSON.parse((await cli(["derive", "moe-2022", target, "--model", "mixtral-8x7b.json", "--format", "json"], config("mixtral-8x7b"))).stdout) as { exact: string; conventions: Record<string, string> };
    const [forward, training] = [await get("forward_flops_per_token"), await get("training_flops_per_token")];
    expect(BigInt(training.exact)).toBe(3n * BigInt(forward.exact));
    expect(training.conventions).toMatchObject({ experts: "active", attention: "causal" });
  });
});

describe("a setting of a derived quantity pins it, wherever it is given", () => {
  test("--set mfu on sheets that derive mfu replaces the formula, and the trail says so", async () => {
    for (const [sheet, target] of [["training-budget", "training_days"]] as const) {
      const r = await cli(["derive", sheet, target, "--model", "llama-3-8b.json", "--hardware", "h100-sxm", "--set", "mfu=0.4", "--set", "n_devices=8", "--set", "tokens=15T", "--set", "seq_len=8192"], config("llama-3-8b"));
      expect(r.stderr).not.toContain("has no input ‘mfu’");
    }
    const report = await cli(["report", "training-budget", "days", "--model", "llama-3-8b.json", "--hardware", "h100-sxm", "--set", "tokens=15T", "--set", "seq_len=8192", "--set", "n_devices=1024", "--set", "mfu=0.4", "--format", "markdown"], config("llama-3-8b"));
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain("24.8");
    const pin = JSON.parse((await cli(["derive", "decoder", "training_flops", "--model", "llama-3-8b.json", "--set", "training_flops_per_token=6e10", "--set", "tokens=1e12", "--format", "json"], config("llama-3-8b"))).stdout) as { exact: string; steps: { name: string }[]; inputs: Record<string, { pinned?: string }> };
    expect(pin.exact).toBe("60000000000000000000000");
    // The formulas that only fed the pinned one leave the trail.
    expect(pin.steps.map((s) => s.name)).toEqual(["training_flops"]);
    expect(pin.inputs.training_flops_per_token?.pinned).toBe("3 × forward_flops");
  });
});

describe("estimate gives every row for today's configs, each with its sheet and convention", () => {
  const rows = ["params", "active_params", "kv_cache_bytes_per_token", "training_flops", "training_memory_bytes", "training_days"];
  const settings = ["--hardware", "h100-sxm", "--set", "tokens=15T", "--set", "seq_len=8192", "--set", "n_devices=8", "--set", "mfu=0.4"];
  // Parameter counts by hand from each config (decoder's sum over the released weights' shapes):
  // Phi-3-mini 32 × (4·3072² + 3·3072·8192 + 2·3072) + 2·32,064·3072 + 3072; Gemma-7B with head_dim 256
  // and tied embeddings; Llama-3.2-1B inside a LLaVA wrapper, tied; Mixtral 8x7B as released (decoder's
  // scenario); Mixtral 8x22B 56 × (88,080,384 attention + 8 × 3·6144·16,384 experts + 6144·8 router +
  // 2·6144 norms) + 2·32,768·6144 + 6144.
  const expected: Record<string, string> = { "phi-3-mini": "3821079552", "gemma-7b": "8537680896", "llava-llama-3.2-1b": "1235814400", "mixtral-8x7b": "46702792704", "mixtral-8x22b": "140630071296" };
  for (const model of Object.keys(expected)) {
    test(model, async () => {
      const r = await cli(["estimate", "--model", `${model}.json`, ...settings, "--format", "json"], config(model));
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as { quantities: { quantity: string; exact: string | null; sheet: string | null; conventions: Record<string, string> }[] };
      const by = new Map(json.quantities.map((q) => [q.quantity, q]));
      for (const row of rows) expect(by.get(row)?.exact, `${model} ${row}`).not.toBeNull();
      expect(by.get("params")!.exact).toBe(expected[model]);
      expect(by.get("training_flops")!.sheet).toBe("decoder");
      expect(by.get("training_flops")!.conventions).toEqual({ attention: "full", logits: "included", experts: "active" });
      expect(by.get("training_days")!.sheet).toBe("training-budget");
      expect(by.get("training_memory_bytes")!.sheet).toBe("zero-2020");
      // --set mfu=0.4 is a value for every sheet that derives mfu (korthikanti, palm, training-time), never "no input mfu".
      expect(by.get("mfu")!.exact).toBe("2/5");
      // With no settings, each empty row says what to set (or why none can be given).
      const bare = JSON.parse((await cli(["estimate", "--model", `${model}.json`, "--format", "json"], config(model))).stdout) as { quantities: { quantity: string; exact: string | null; missing: string[] | null; why: string | null }[] };
      for (const q of bare.quantities) if (q.exact === null) expect(q.missing ?? q.why, q.quantity).toBeTruthy();
      expect(bare.quantities.find((q) => q.quantity === "training_flops")!.missing).toEqual(["seq_len", "tokens"]);
    });
  }

  test("the text says where an empty row's value would come from", async () => {
    const r = await cli(["estimate", "--model", "llama-3-8b.json"], config("llama-3-8b"));
    expect(r.stdout).toContain("training_flops = — FLOPs  decoder needs seq_len, tokens: --set seq_len=… and --set tokens=…");
    // Megatron's 140 TFLOP/s, measured on A100s, is no headline for the utilisation: the row asks.
    const h100 = await cli(["estimate", "--model", "llama-3-8b.json", "--hardware", "h100-sxm"], config("llama-3-8b"));
    expect(h100.stdout).toMatch(/hfu = — ratio  palm-2022 needs [a-z_, ]*tokens_per_second/);
    // llama-2023's default context of 1,024 is never the headline for a model whose decoder needs a seq_len.
    expect(r.stdout).toMatch(/forward_flops_per_token = — FLOPs\/token {2}decoder needs seq_len/);
    // A LLaVA wrapper's vision tower is listed as read and harmless, not a warning that blanks rows.
    const llava = await cli(["estimate", "--model", "llava-llama-3.2-1b.json"], config("llava-llama-3.2-1b"));
    expect(llava.stdout).toContain("vision_config (not of the language model: its parameters are not counted)");
  });
});

describe("compare shows each row's convention and what it explains", () => {
  test("decoder, Kaplan and causal-mask for GPT-3 at 32k: full, causal and half-causal attention", async () => {
    const r = await cli(["compare", "decoder", "kaplan-2020", "causal-mask", "--model", "gpt3-175b", "--target", "forward_flops_per_token", "--set", "seq_len=32768", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { rows: { sheet: string; conventions: Record<string, string>; ratio: number; convention_share: { axes: string[]; by_convention: number; by_formula: number } | null }[] };
    expect(json.rows.map((x) => x.conventions.attention)).toEqual(["full", "causal", "half-causal"]);
    for (const row of json.rows.slice(1)) {
      expect(row.convention_share!.axes).toEqual(["attention", "logits"]);
      // ratio = (decoder counted in the row's conventions / decoder) × (row / that): the parts multiply back.
      expect(row.convention_share!.by_convention * row.convention_share!.by_formula).toBeCloseTo(row.ratio, 12);
      // What is left once conventions are matched is the formulas' own difference (biases and norms), within 1%.
      expect(Math.abs(row.convention_share!.by_formula - 1)).toBeLessThan(0.01);
    }
    const text = await cli(["compare", "decoder", "kaplan-2020", "causal-mask", "--model", "gpt3-175b", "--target", "forward_flops_per_token", "--set", "seq_len=32768"]);
    expect(text.stdout).toContain("Conventions differ");
    expect(text.stdout).toMatch(/kaplan-2020: counts attention causal \(decoder: full\), logits excluded \(decoder: included\): the conventions alone explain/);
  });

  test("--convention asks for a count: decoder answers by setting c, a sheet counted otherwise refuses", async () => {
    const causal = JSON.parse((await cli(["derive", "decoder", "forward_flops_per_token", "--model", "llama-3-8b", "--set", "seq_len=8192", "--convention", "attention=causal", "--format", "json"])).stdout) as { conventions: Record<string, string>; inputs: Record<string, { text: string }> };
    expect(causal.conventions.attention).toBe("causal");
    expect(causal.inputs.c?.text).toBe("1/2");
    expect(await mistake(["derive", "kaplan-2020", "C_per_token", "--model", "gpt3-175b", "--convention", "attention=causal"])).toEqual(["kaplan-2020's training_flops_per_token counts attention as ‘none’, not ‘causal’ as asked [CONVENTION]"]);
    expect(await mistake(["derive", "decoder", "params", "--model", "llama-3-8b", "--convention", "attention=causl"])).toEqual(["--convention attention=causl: attention is counted full, causal, half-causal, none; did you mean ‘causal’? [INVALID_ARGUMENT]"]);
  });
});

describe("defaults that change answers are visible", () => {
  test("an unknown model_type leaves ffn_matrices to be set, and megatron-1t states its plain blocks", async () => {
    const text = readFileSync("test/fixtures/configs/llama-3-8b.json", "utf8").replace('"model_type": "llama"', '"model_type": "newarch"');
    expect((await mistake(["derive", "decoder", "params", "--model", "new.json"], { "new.json": text }))[0]).toContain("no value for input ‘m’");
    const ok = JSON.parse((await cli(["derive", "decoder", "params", "--model", "new.json", "--set", "ffn_matrices=3", "--format", "json"], { "new.json": text })).stdout) as { exact: string };
    expect(ok.exact).toBe("8030261248");
  });

  test("megatron-1t through decoder is eq. 2's count, not 33% over it with a gated block assumed", async () => {
    const exact = async (sheet: string) => BigInt((JSON.parse((await cli(["derive", sheet, "params", "--model", "megatron-1t", "--format", "json"])).stdout) as { exact: string }).exact);
    // Eq. 2 by hand: 12·128·25,600²·(1 + 13/(12·25,600) + (51,200 + 2,048)/(12·128·25,600)) = 1,008,038,707,200.
    expect(await exact("megatron-2021")).toBe(1_008_038_707_200n);
    const decoder = await exact("decoder");
    // The rest is decoder's untied output layer (51,200 × 25,600 = 1,310,720,000) less eq. 2's
    // position embeddings and biases: within 0.2%.
    expect(Number(decoder - 1_008_038_707_200n) / 1_008_038_707_200).toBeLessThan(0.002);
    expect(Number(decoder - 1_008_038_707_200n)).toBeGreaterThan(0);
  });

  test("the vocabulary's assumptions equal every general sheet's defaults", () => {
    const vocabulary = shippedCatalogue().vocabulary;
    for (const id of shippedSheetIds()) {
      const sheet = loadShipped(id);
      if (sheet.role !== "general") continue;
      for (const input of sheet.inputs) {
        const bound = input.bind?.expr.kind === "symbol" ? input.bind.expr.name : undefined;
        const assumed = bound ? vocabulary.terms.get(bound)?.assumed : undefined;
        if (!assumed || !input.default || assumed.expr.kind !== "number") continue;
        expect(input.default.text.trim(), `${id}: ${input.name} (${bound})`).toBe(assumed.text.trim());
      }
    }
  });

  test("derive lists the defaults a model's answer rests on", async () => {
    const r = await cli(["derive", "megatron-2021", "training_days", "--model", "gpt3-175b", "--hardware", "h100-sxm"]);
    expect(r.stdout).toContain("Assumes (defaults, not the model's or yours)\n");
    expect(r.stdout).toContain("  megatron-2021 takes X (achieved_flops) = 140 TFLOP/s, its default; achieved FLOP/s per GPU [eq. 4; the default is §5.1's GPT-3 run (140 TFLOP/s per A100)]");
  });
});

describe("the model layer judges by the catalogue it is given", () => {
  test("a vocabulary of one's own, with one assumption changed, decides the warnings", () => {
    const text = readFileSync("formulas/vocabulary.yaml", "utf8").replace("n_kv_heads: {description: number of key and value heads (fewer than n_heads with grouped-query attention), assumed: n_heads", "n_kv_heads: {description: number of key and value heads (fewer than n_heads with grouped-query attention), assumed: 8");
    expect(text).not.toBe(readFileSync("formulas/vocabulary.yaml", "utf8"));
    const vocabulary = loadVocabulary(text, { path: "vocabulary.yaml" });
    const shipped = shippedCatalogue();
    const mine: Catalogue = { ...shipped, vocabulary };
    const llama = loadPreset(readFileSync("formulas/models/llama-3-8b.yaml", "utf8"), { path: "llama-3-8b.yaml", vocabulary });
    const kaplan = loadShipped("kaplan-2020");
    expect(fitWarnings(kaplan, [llama]).map(fitMessage)).toContain("kaplan-2020 assumes n_kv_heads = n_heads (32), but llama-3-8b has 8");
    expect(fitWarnings(kaplan, [llama], { catalogue: mine }).map(fitMessage).some((m) => m.includes("n_kv_heads"))).toBe(false);
  });
});

describe("one meaning for a setting and a name in every command", () => {
  test("a name an input reads through otherwise: is settable: Megatron's V takes --set vocab_size", async () => {
    const r = JSON.parse((await cli(["derive", "megatron-2021", "params", "--model", "gpt3-175b", "--set", "vocab_size=51200", "--format", "json"])).stdout) as { inputs: Record<string, { exact: string }> };
    expect(r.inputs.V?.exact).toBe("51200");
  });

  test("--vary takes every name the formula language does (α), as --set does", async () => {
    const files = { "a.yaml": "inputs:\n  α: {description: a rate}\nformulas:\n  f: 2 × α\n" };
    const r = await cli(["sweep", "a.yaml", "f", "--vary", "α=1..3:+1", "--format", "csv"], files);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n").slice(1)).toEqual(["1,2,", "2,4,", "3,6,"]); // the last column holds a point's failure, empty here
  });

  test("reports say how each result is counted, and --convention reaches report, compare and sweep", async () => {
    const report = await cli(["report", "decoder", "forward_flops_per_token", "--model", "llama-3-8b", "--set", "seq_len=8192", "--convention", "attention=causal", "--format", "markdown"]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain("## Counted with\n\n- forward\\_flops: attention causal, logits included, experts active\n");
    const compare = JSON.parse((await cli(["compare", "decoder", "kaplan-2020", "--model", "gpt3-175b", "--target", "forward_flops_per_token", "--set", "seq_len=2048", "--convention", "attention=causal", "--format", "json"])).stdout) as { rows: { conventions: Record<string, string>; convention_share: { axes: string[] } }[] };
    expect(compare.rows.map((x) => x.conventions.attention)).toEqual(["causal", "causal"]);
    // Only the logits still differ once both count attention causally.
    expect(compare.rows[1]!.convention_share.axes).toEqual(["logits"]);
    const sweep = await cli(["sweep", "decoder", "forward_flops_per_token", "--model", "llama-3-8b", "--vary", "seq_len=1024,2048", "--convention", "attention=causal", "--exact", "--format", "csv"]);
    expect(sweep.code, sweep.stderr).toBe(0);
    // Causal attention at 1,024: 2·32·1024·32·128 = 268,435,456 FLOPs on top of the 15,009,316,864 of the products (see above).
    expect(sweep.stdout.split("\n")[1]).toBe(`1024,${15_009_316_864 + 268_435_456},`);
  });
});

describe("the built command line", () => {
  test("the bin the build writes is executable", () => {
    expect(statSync("dist/cli/main.js").mode & 0o111).toBe(0o111);
  });
});

describe("a setting the value does not rest on is said, never dropped", () => {
  test("an input the target does not read, a formula it does not use, and what it does read", async () => {
    const params = await cli(["derive", "decoder", "params", "--model", "llama-3-8b", "--set", "seq_len=8192"]);
    expect(params.code, params.stderr).toBe(0);
    // Llama 3 8B's 8,030,261,248 parameters, with the sequence length said to be unread.
    expect(params.stdout).toContain("params = 8,030,261,248");
    expect(params.stdout).toContain("Not read\n  --set seq_len=8192: params does not depend on it\n");
    // decoder counts training FLOPs from the shape: a count of parameters set pins a formula it does not use.
    const flops = await cli(["derive", "decoder", "training_flops", "--model", "llama-3-8b", "--set", "params=7e9", "--set", "tokens=1e12", "--set", "seq_len=4096", "--format", "json"]);
    expect((JSON.parse(flops.stdout) as { not_read: unknown }).not_read).toEqual([{ name: "params", value: "7e9" }]);
    // Read through what a config's value follows (d_head = d_model / n_heads), and through a chain.
    const cache = await cli(["derive", "decoder", "kv_cache_bytes_per_token", "--model", "llama-3-8b.json", "--set", "d_model=8192", "--format", "json"], config("llama-3-8b"));
    const kv = JSON.parse(cache.stdout) as { exact: string; not_read: unknown };
    expect([kv.exact, kv.not_read]).toEqual(["262144", []]); // 32 layers × 2 × 8 heads × 256 × 2 bytes
    const days = await cli(["derive", "training-budget", "days", "--model", "llama-3-8b", "--hardware", "h100-sxm", "--set", "tokens=1e12", "--set", "seq_len=4096", "--set", "n_devices=8", "--set", "mfu=0.4", "--format", "json"]);
    expect((JSON.parse(days.stdout) as { not_read: unknown }).not_read).toEqual([]);
    const strict = await cli(["derive", "decoder", "params", "--model", "llama-3-8b", "--set", "seq_len=8192", "--strict"]);
    expect(strict.code).toBe(1);
  });

  test("a value a scenario's preset follows counts as read, as one of a model asked for does", async () => {
    const { unreadSettings } = await import("../../src/model/for-model.js");
    const { configPreset, deriveForModel, loadSheet, shippedCatalogue, shippedVocabulary } = await import("../../src/index.js");
    const catalogue = shippedCatalogue();
    const llama = configPreset(readFileSync("test/fixtures/configs/llama-3-8b.json", "utf8"), "llama-3-8b.json");
    // y reads the head dimension only; the config's import says it follows d_model / n_heads.
    const sheet = loadSheet("inputs:\n  d: {bind: d_model, description: width}\n  h: {bind: d_head, description: head}\nformulas:\n  y: 2 × h\n  z: d\n", { path: "heads.yaml", vocabulary: shippedVocabulary() });
    const set = [{ name: "d_model", text: "8192" }];
    const r = deriveForModel(sheet, "y", { presets: [llama], set });
    expect(r.derivation.value.q.toString()).toBe("512"); // 2 × 8192 / 32: the setting moved it
    expect(r.unread).toEqual([]);
    const { sheet: s, inputs } = r.derivation;
    expect(unreadSettings(catalogue, { sheet: s, inputs, scenario: { name: "x", set: new Map(), expect: [], presets: [llama] } as never }, set, [])).toEqual([]);
    expect(unreadSettings(catalogue, { sheet: s, inputs }, set, [])).toEqual(set);
  });

  test("a report says it in every format, and the page beside its results", async () => {
    const md = await cli(["report", "decoder", "params", "--model", "llama-3-8b", "--set", "seq_len=8192", "--format", "markdown"]);
    expect(md.stdout).toContain("## Not read\n\n- set seq\\_len = 8192: no result of the report depends on it\n");
    const tex = await cli(["report", "decoder", "params", "--model", "llama-3-8b", "--set", "seq_len=8192", "--format", "latex"]);
    expect(tex.stdout).toContain("\\subsection*{Not read}");
    const html = await cli(["report", "decoder", "params", "--model", "llama-3-8b", "--set", "seq_len=8192", "--format", "html"]);
    expect(html.stdout).toContain("<h2>Not read</h2>");
    // A target that reads it: nothing to say.
    const both = await cli(["report", "decoder", "params", "forward_flops_per_token", "--model", "llama-3-8b", "--set", "seq_len=8192", "--format", "markdown"]);
    expect(both.stdout).not.toContain("Not read");
    // The explorers say it too: a sweep on stderr (its rows are data), the others beside their result.
    const sweep = await cli(["sweep", "decoder", "params", "--model", "llama-3-8b", "--set", "seq_len=8192", "--vary", "d_model=4096,8192", "--format", "csv"]);
    expect(sweep.stdout.split("\n")[1]).toBe("4096,8030261248,");
    expect(sweep.stderr).toContain("Not read\n  --set seq_len=8192: params does not depend on it\n");
    for (const command of [["breakdown", "decoder", "params"], ["sensitivity", "decoder", "params"], ["solve", "decoder", "params=7e9", "--for", "n_layers"]]) {
      const r = await cli([...command, "--model", "llama-3-8b", "--set", "seq_len=8192", "--format", "json"]);
      expect((JSON.parse(r.stdout) as { not_read: unknown }).not_read, command.join(" ")).toEqual([{ name: "seq_len", value: "8192" }]);
    }
    const { computeView } = await import("../../web/src/compute.js");
    const view = computeView({ sheet: "decoder", model: "llama-3-8b", target: "params", set: [["seq_len", "8192"]] });
    expect(view.layout?.notRead).toEqual(["set seq_len = 8192: no result of the report depends on it"]);
  });
});
