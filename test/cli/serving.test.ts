// Fit, serve and pay: every expected value here is worked by hand from the config.json and the
// hardware preset's datasheet figures, in the comment beside it.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { cli, mistake } from "../helpers/cli.js";

const config = (model: string) => ({ "config.json": readFileSync(`test/fixtures/configs/${model}.json`, "utf8") });

interface Row {
  quantity: string;
  exact: string | null;
  sheet: string | null;
  assumptions: { input: string }[];
}

async function estimate(model: string, ...args: string[]): Promise<Map<string, Row>> {
  const r = await cli(["estimate", "--model", "config.json", "--format", "json", ...args], config(model));
  expect(r.code, r.stderr).toBe(0);
  const json = JSON.parse(r.stdout) as { quantities: Row[] };
  return new Map(json.quantities.map((q) => [q.quantity, q]));
}

async function derive(model: string, sheet: string, target: string, ...args: string[]): Promise<{ exact: string; text: string }> {
  const r = await cli(["derive", sheet, target, "--model", "config.json", ...args, "--format", "json"], config(model));
  expect(r.code, r.stderr).toBe(0);
  return { exact: (JSON.parse(r.stdout) as { exact: string }).exact, text: r.stdout };
}

// Llama 3 8B: 8,030,261,248 parameters; its cache 2 × 32 layers × 8 heads × 128 × 2 bytes = 131,072 a token.
const LLAMA_8B_WEIGHTS = 8_030_261_248 * 2;
const LLAMA_8B_CACHE_8K = 131_072 * 8192;
// Llama 3.3 70B: 80 × (2·8192² + 2·8192·1024 + 3·8192·28672 + 2·8192) + 2·128256·8192 + 8192.
const LLAMA_70B_PARAMS = 80 * (2 * 8192 * 8192 + 2 * 8192 * 1024 + 3 * 8192 * 28672 + 2 * 8192) + 2 * 128256 * 8192 + 8192;
const LLAMA_70B_CACHE_8K = 2 * 80 * 8 * 128 * 2 * 8192;

describe("estimate with --hardware: weights, cache, fit, time per token, throughput and the first token", () => {
  test("Llama 3 8B on one H100 SXM at batch 1 and a context of 8,192: 16.06 GB of weights, bound by memory at 5.11 ms a token", async () => {
    const rows = await estimate("llama-3-8b", "--hardware", "h100-sxm", "--set", "batch_size=1", "--set", "context=8192");
    expect(rows.get("weight_bytes")!.exact).toBe(String(LLAMA_8B_WEIGHTS)); // 16,060,522,496
    expect(rows.get("kv_cache_bytes")!.exact).toBe(String(LLAMA_8B_CACHE_8K)); // 1,073,741,824
    // It fits: 80e9 − 16,060,522,496 − 1,073,741,824 bytes left.
    expect(rows.get("serving_headroom_bytes")!.exact).toBe(String(80e9 - LLAMA_8B_WEIGHTS - LLAMA_8B_CACHE_8K));
    // Memory-bound: (weights + cache) / 3.35 TB/s = 17,134,264,320 / 3.35e12 s = 3,346,536/654,296,875 s.
    expect(rows.get("time_per_output_token")!.exact).toBe("3346536/654296875");
    expect(rows.get("decode_tokens_per_second")!.exact).toBe("654296875/3346536");
    // Prefill of 8,192 tokens: 8,192 × 15,009,316,864 + 2·32·256 × 32 layers × 8,192·8,193/2 FLOPs
    // = 140,550,657,277,952, compute-bound at 989.4 TFLOP/s.
    const prefill = 8192 * 15_009_316_864 + 2 * 32 * 256 * 32 * ((8192 * 8193) / 2);
    expect(prefill).toBe(140_550_657_277_952);
    expect(rows.get("prefill_flops")!.exact).toBe(String(prefill));
    expect(rows.get("time_to_first_token")!.exact).toBe("34314125312/241552734375"); // 140,550,657,277,952 / 989.4e12
    // The efficiencies are defaults shown beside the answer, not hidden.
    expect(rows.get("time_per_output_token")!.assumptions.map((a) => a.input)).toEqual(expect.arrayContaining(["e_m", "e_c", "w_bits"]));
  });

  test("the text shows each row's trail source and what it assumes", async () => {
    const r = await cli(["estimate", "--model", "config.json", "--hardware", "h100-sxm", "--set", "batch_size=1", "--set", "context=8192"], config("llama-3-8b"));
    expect(r.code, r.stderr).toBe(0);
    // In the units a person would say, as the trail does: 16.06 GB.
    expect(r.stdout).toContain("weight_bytes = 16,060,522,496 bytes ≈ 16.1 GB (15.0 GiB)  from serving");
    expect(r.stdout).toContain("serving_headroom_bytes = 62,865,735,680 bytes per device ≈ 62.9 GB per device (58.5 GiB per device)  from serving");
    expect(r.stdout).toMatch(/time_per_output_token = ≈ 5\.11 ms {2}from serving/);
    expect(r.stdout).toContain("assumes: serving takes e_m (memory_efficiency) = 1, its default");
  });

  test("the estimate says where each row's trail is, and the command it gives shows the bound", async () => {
    const r = await cli(["estimate", "--model", "config.json", "--hardware", "h100-sxm", "--set", "batch_size=1", "--set", "context=8192"], config("llama-3-8b"));
    const hint = "flopsheet derive serving time_per_output_token --model config.json --hardware h100-sxm --set batch_size=1 --set context=8192";
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(`  ${hint}`);
    const trail = await cli(hint.split(" ").slice(1), config("llama-3-8b"));
    expect(trail.stdout).toContain("17,134,264,320 / (1 × 3,350,000,000,000 × 1)");
  });

  test("the trail of the time per token shows the memory bound: 17,134,264,320 bytes at 3.35 TB/s", async () => {
    const { text } = await derive("llama-3-8b", "serving", "time_per_token", "--hardware", "h100-sxm", "--set", "batch_size=1", "--set", "context=8192");
    expect(text).toContain("17,134,264,320 / (1 × 3,350,000,000,000 × 1)");
  });

  test("int4 weights with a 16-bit scale every 128: 4.125 bits a weight", async () => {
    const { exact } = await derive("llama-3-8b", "serving", "weight_bytes", "--hardware", "h100-sxm", "--set", "weight_bits=4", "--set", "weight_scale_bits=16");
    expect(exact).toBe(String((8_030_261_248 * 4.125) / 8)); // 4,140,603,456
  });
});

describe("does it fit: Llama 3.3 70B in bf16 on H100s", () => {
  test("it does not fit on one 80 GB H100 and fits on two with tensor parallelism, batch 1 at 8,192", async () => {
    expect(LLAMA_70B_PARAMS).toBe(70_553_706_496);
    const one = await derive("llama-3.3-70b", "serving", "headroom", "--hardware", "h100-sxm", "--set", "batch_size=1", "--set", "context=8192");
    expect(one.exact).toBe(String(80e9 - 2 * LLAMA_70B_PARAMS - LLAMA_70B_CACHE_8K)); // −63,791,767,552
    const two = await derive("llama-3.3-70b", "serving", "headroom", "--hardware", "h100-sxm", "--set", "batch_size=1", "--set", "context=8192", "--set", "tensor_parallel=2");
    expect(two.exact).toBe(String(80e9 - (2 * LLAMA_70B_PARAMS + LLAMA_70B_CACHE_8K) / 2)); // 8,104,116,224
  });

  test("solve: the fewest H100s at batch 32 and 8,192 (2.84, so 3) and the largest batch on eight (185.85, so 185)", async () => {
    const devices = await cli(["solve", "serving", "headroom=0", "--for", "tensor_parallel", "--model", "config.json", "--hardware", "h100-sxm", "--set", "batch_size=32", "--set", "context=8192", "--format", "json"], config("llama-3.3-70b"));
    expect(devices.code, devices.stderr).toBe(0);
    const d = JSON.parse(devices.stdout) as { exact: string; whole: { at: number; exact: string }[] };
    // (141,107,412,992 + 32 × 2,684,354,560) / 80e9 = 227,006,758,912 / 80e9.
    expect(d.exact).toBe("27710786/9765625");
    expect(d.whole).toEqual([
      { at: 2, target: -33_503_379_456, exact: "-33503379456" },
      { at: 3, target: expect.any(Number), exact: "12993241088/3" }, // 80e9 − 227,006,758,912/3
    ]);
    const batch = await cli(["solve", "serving", "headroom=0", "--for", "batch_size", "--model", "config.json", "--hardware", "h100-sxm", "--set", "tensor_parallel=8", "--set", "context=8192", "--format", "json"], config("llama-3.3-70b"));
    const b = JSON.parse(batch.stdout) as { exact: string; whole: { at: number; exact: string }[] };
    // (8 × 80e9 − 141,107,412,992) / 2,684,354,560 = 498,892,587,008 / 2,684,354,560 = 30,449,987/163,840
    // = 185.85…: 185 fits with 285,874,176 bytes a device to spare.
    expect(b.exact).toBe("30449987/163840");
    expect(b.whole.map((w) => [w.at, w.exact])).toEqual([
      [185, "285874176"],
      [186, "-49670144"],
    ]);
  });
});

describe("breakdown of a decoding step", () => {
  test("Llama 3.3 70B on four H100s at batch 8: the roofline bound and the all-reduces, as two parts", async () => {
    const r = await cli(["breakdown", "serving", "time_per_token", "--model", "config.json", "--hardware", "h100-sxm", "--set", "batch_size=8", "--set", "context=8192", "--set", "tensor_parallel=4", "--format", "json"], config("llama-3.3-70b"));
    expect(r.code, r.stderr).toBe(0);
    const parts = (JSON.parse(r.stdout) as { by_formula: { label: string; value: number }[] }).by_formula;
    expect(parts.map((p) => p.label)).toEqual(["t_decode_bound", "t_decode_comm"]);
    // 2 × (3/4) × 8 tokens × (2 × 80 × 8,192) values × 2 bytes at 450 GB/s each way.
    expect(parts[1]!.value).toBeCloseTo((2 * 0.75 * 8 * 2 * 80 * 8192 * 2) / 450e9, 15);
    // Memory: (141,107,412,992 + 8 × 2,684,354,560) / (4 × 3.35e12).
    expect(parts[0]!.value).toBeCloseTo((2 * LLAMA_70B_PARAMS + 8 * LLAMA_70B_CACHE_8K) / (4 * 3.35e12), 15);
  });
});

describe("training memory with ZeRO-3 on eight H100s: Llama 3 8B, micro-batch 1 at 8,192 tokens", () => {
  const args = ["--hardware", "h100-sxm", "--set", "n_devices=8", "--set", "micro_batch_size=1", "--set", "seq_len=8192"];
  // Model states: 16 bytes × 8,030,261,248 / 8 = 16,060,522,496 a device.
  const states = (16 * 8_030_261_248) / 8;

  test("without recomputation it does not fit: the scores of 32 heads at 8,192 alone are 17 GB a layer", async () => {
    // A token of a layer stores 4d + 2d + 2H·d_h + 2H_kv·2d_h + 2H·d_h + 2d + 2·3·14,336 + 2H·s bytes
    // = 16,384 + 8,192 + 8,192 + 4,096 + 8,192 + 8,192 + 86,016 + 524,288 = 663,552.
    const activations = 8192 * 32 * 663_552;
    const r = await derive("llama-3-8b", "zero-2020", "training_headroom", ...args, "--convention", "recomputation=none");
    expect(r.exact).toBe(String(80e9 - states - activations)); // −110,006,697,984
  });

  test("with full recomputation it fits: each layer keeps only its input, 2·s·d bytes", async () => {
    const activations = 8192 * 32 * 2 * 4096;
    const r = await derive("llama-3-8b", "zero-2020", "training_headroom", ...args, "--convention", "recomputation=full");
    expect(r.exact).toBe(String(80e9 - states - activations)); // 61,791,993,856
  });
});

describe("the hardware catalogue", () => {
  test("a device named without its variant suggests each variant", async () => {
    expect(await mistake(["derive", "serving", "headroom", "--hardware", "h100"])).toEqual([
      "no preset ‘h100’; did you mean ‘h100-pcie’ or ‘h100-sxm’? (flopsheet models lists them; a path to a YAML file works too) [NOT_FOUND]",
    ]);
  });

  test("an RTX 4090: Llama 3 8B in bf16 fits its 24 GB at 8,192 and decodes in 17.0 ms; eight such sequences do not fit", async () => {
    const rows = await estimate("llama-3-8b", "--hardware", "rtx-4090", "--set", "batch_size=1", "--set", "context=8192");
    // 24e9 − 16,060,522,496 − 1,073,741,824 = 6,865,735,680 bytes left.
    expect(rows.get("serving_headroom_bytes")!.exact).toBe(String(24e9 - LLAMA_8B_WEIGHTS - LLAMA_8B_CACHE_8K));
    // 17,134,264,320 bytes at 1,008 GB/s = 139,439/8,203,125 s = 16.998 ms; one device, no all-reduce.
    expect(rows.get("time_per_output_token")!.exact).toBe("139439/8203125");
    expect(17_134_264_320 / 1008e9).toBeCloseTo(139439 / 8203125, 12);
    const eight = await estimate("llama-3-8b", "--hardware", "rtx-4090", "--set", "batch_size=8", "--set", "context=8192");
    expect(eight.get("serving_headroom_bytes")!.exact).toBe(String(24e9 - LLAMA_8B_WEIGHTS - 8 * LLAMA_8B_CACHE_8K)); // −650,457,088
  });

  test("one MI300X, whose link bandwidth was not read: a time needs no link on one device, and asks for it on two", async () => {
    const r = await cli(["derive", "serving", "time_per_token", "--model", "config.json", "--hardware", "mi300x", "--set", "batch_size=1", "--set", "context=8192", "--format", "json"], config("llama-3-8b"));
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as { exact: string; unneeded: string[] };
    // 17,134,264,320 bytes at 5.3 TB/s; the all-reduce term is 2 × (1 − 1) / 1 × … = 0 whatever the link.
    expect(d.exact).toBe("1673268/517578125");
    expect(d.unneeded).toEqual(["NV"]);
    const text = await cli(["derive", "serving", "time_per_token", "--model", "config.json", "--hardware", "mi300x", "--set", "batch_size=1", "--set", "context=8192"], config("llama-3-8b"));
    expect(text.stdout).toMatch(/NV +— +what one device sends .* not needed: the result does not depend on it at these values/);
    // A report says the same as the trail: the link is named, with no value, as not needed.
    const report = await cli(["report", "serving", "time_per_token", "--model", "config.json", "--hardware", "mi300x", "--set", "batch_size=1", "--set", "context=8192", "--format", "markdown"], config("llama-3-8b"));
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain("| $\\mathrm{NV}$ | what one device sends and receives together over its links (half of it each way) | $\\text{---}$ | bytes/s per device | not needed: the results do not depend on it at these values |");
    const two = await cli(["derive", "serving", "time_per_token", "--model", "config.json", "--hardware", "mi300x", "--set", "batch_size=1", "--set", "context=8192", "--set", "tensor_parallel=2"], config("llama-3-8b"));
    expect(two.code).toBe(2);
    expect(two.stderr).toContain("--set intra_node_bandwidth=");
  });

  test("a time per token asks for everything it reads, however small a share of the time it is", async () => {
    // time_per_token = max(B·F_dec / (t·X·e_c), (weights + B·K_seq) / (t·BW·e_m)) + communication.
    // At made-up values the cache term is bytes beside GPT-3's 350 GB of weights, and floats saw no
    // change from the context; the roofline's compute side reads the peak as well.
    const lines = await mistake(["derive", "serving", "time_per_token", "--model", "gpt3-175b"]);
    expect(lines.map((l) => /‘(\w+)’/.exec(l)?.[1])).toEqual(["K_seq", "F_dec", "BW", "X"]);
    expect(lines[0]).toContain("decoder derives kv_cache_bytes_per_sequence for this model but needs context");
    // ZeRO's headroom is the device's memory less what it holds: the capacity is asked for too.
    const r = await cli(["estimate", "--model", "gpt3-175b", "--format", "json"]);
    const rows = (JSON.parse(r.stdout) as { quantities: { quantity: string; missing?: string[] }[] }).quantities;
    expect(rows.find((q) => q.quantity === "training_headroom_bytes")?.missing).toEqual(["n_devices", "micro_batch_size", "memory_capacity"]);
  });

  test("a preset leaves out what was not read: the H100 PCIe has no peak FLOP/s, and a time asks for it", async () => {
    const r = await cli(["derive", "serving", "time_per_token", "--model", "config.json", "--hardware", "h100-pcie", "--set", "batch_size=1", "--set", "context=8192"], config("llama-3-8b"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--set peak_flops=");
  });
});

describe("cost", () => {
  test("device-hours, money at a price given, and energy at full power as an upper bound", async () => {
    const base = ["derive", "training-cost"];
    const set = ["--hardware", "h100-sxm", "--set", "training_days=30", "--set", "n_devices=1024", "--set", "price_per_device_hour=2.5", "--format", "json"];
    const cost = JSON.parse((await cli([...base, "cost", ...set])).stdout) as { exact: string };
    expect(cost.exact).toBe(String(1024 * 30 * 24 * 2.5)); // 1,843,200 USD
    const energy = JSON.parse((await cli([...base, "energy_kwh", ...set])).stdout) as { exact: string };
    expect(energy.exact).toBe(String((1024 * 700 * 30 * 24) / 1000)); // 516,096 kWh
    // No price, no cost: it is asked for, never assumed.
    const r = await cli([...base, "cost", "--set", "training_days=30", "--set", "n_devices=1024"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--set price_per_device_hour=");
  });
});

describe("Pope et al. 2022 (PaLM 540B on 64 TPU v4 chips), chained from the model preset", () => {
  // decoder for PaLM 540B: 1,080,708,562,944 FLOPs of weights a token (2 × 540,354,281,472 with the
  // logits), and 2 × 48 heads × (256 + 256) = 49,152 FLOPs a query-key pair in each of 118 layers.
  const F_MATMUL = 1_080_708_562_944;
  const PAIR = 2 * 48 * 512;
  const pope = ["--model", "palm-540b", "--hardware", "tpu-v4", "--set", "tensor_parallel=64", "--set", "batch_size=1", "--set", "context=2048", "--format", "json"];
  const exact = async (target: string, ...args: string[]) => {
    const r = await cli(["derive", "serving", target, ...pope, ...args]);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { exact: string }).exact;
  };

  test("the chatbot: 64 prompt tokens over 1,920 cached, a 64-token response, bound by memory at 0.4505 s of the 1.9 s measured (§1)", async () => {
    const turn = ["--set", "weight_bits=8", "--set", "prompt_tokens=64", "--set", "cached_tokens=1920", "--set", "generated_tokens=64"];
    // The prompt meets every cached key and its own triangle: 118 × (64 × 1,920 + 64 × 65 / 2) pairs.
    const prefill = 64 * F_MATMUL + PAIR * 118 * (64 * 1920 + (64 * 65) / 2);
    expect(prefill).toBe(69_890_108_030_976);
    const r = await cli(["derive", "decoder", "prefill", "--model", "palm-540b", "--set", "prompt_tokens=64", "--set", "cached_tokens=1920", "--format", "json"]);
    expect((JSON.parse(r.stdout) as { exact: string }).exact).toBe(String(prefill));
    // Every phase reads the int8 weights and the 2,048-token cache (2 × 256 × 118 × 2 bytes × 2,048):
    // 540,597,463,936 bytes at 64 × 1.2 TB/s = 7.0390 ms, longer than the prefill's FLOPs (3.97 ms).
    const bytes = 540_350_000_000 + 2 * 256 * 118 * 2 * 2048;
    expect(bytes).toBe(540_597_463_936);
    // 64 such phases: 64 × 540,597,463,936 / 76.8e12 s = 4,223,417,687 / 9,375,000,000 s.
    expect(await exact("response_bound", ...turn)).toBe("4223417687/9375000000");
    // Against the 1.9 s measured: 23.7% of the memory bandwidth, communication included.
    expect(await exact("response_share", ...turn, "--set", "T_resp=1.9")).toBe("4223417687/17812500000");
    expect(4223417687 / 17812500000).toBeCloseTo(0.2371, 4);
  });

  test("the 76% MFU of prefill: a 2,048-token prompt in bf16 is compute-bound, so the roofline allows MFU = e_c", async () => {
    // 2,048 × F_matmul + 49,152 × 118 × 2,048 × 2,049 / 2 FLOPs over 1,080,947,463,936 bytes.
    const prefill = 2048 * F_MATMUL + PAIR * 118 * ((2048 * 2049) / 2);
    expect(prefill).toBe(2_225_460_423_426_048);
    // 2,058.8 FLOPs a byte, reduced: 2,225,460,423,426,048 / 1,080,947,463,936 = 2,897,734,926,336 / 1,407,483,677.
    expect(await exact("intensity_prefill")).toBe("2897734926336/1407483677");
    expect(2897734926336 / 1407483677).toBeCloseTo(prefill / 1_080_947_463_936, 9);
    expect(await exact("ridge_point")).toBe("1375/6"); // 275e12 / 1.2e12 = 229.17
    expect(await exact("prefill_mfu", "--set", "compute_efficiency=0.76")).toBe("19/25");
    // A 16-token prompt is memory-bound instead: 17,292,125,798,400 FLOPs over the same bytes, so the
    // roofline allows 17,292,125,798,400 × 1.2e12 / (275e12 × 1,080,947,463,936) = 6.98% at most.
    expect(16 * F_MATMUL + PAIR * 118 * ((16 * 17) / 2)).toBe(17_292_125_798_400);
    expect(await exact("prefill_mfu", "--set", "prompt_tokens=16")).toBe("5403789312/77411602235");
  });
});

describe("the Llama 3 report, §6: Llama 3.1 405B on H100s, 4,096 tokens in and 256 out", () => {
  // 126 × (2·16,384² + 2·16,384·1,024 + 3·16,384·53,248 + 2·16,384) + 2 × 128,256 × 16,384 + 16,384.
  const PARAMS = 126 * (2 * 16384 ** 2 + 2 * 16384 * 1024 + 3 * 16384 * 53248 + 2 * 16384) + 2 * 128256 * 16384 + 16384;
  // A sequence of 4,352 tokens caches 2 × 126 layers × 8 heads × 128 × 2 bytes = 516,096 bytes a token.
  const CACHE = 516_096 * 4352;
  // FP8 for the feed-forward weights of all but the first and last of the 126 layers (§6.2).
  const FP8_SHARE = `${124 * 3 * 16384 * 53248}/${PARAMS}`;
  const run = ["--model", "config.json", "--hardware", "h100-sxm", "--set", "batch_size=1", "--set", "context=4352"];
  const headroom = async (...args: string[]) => (await derive("llama-3.1-405b", "serving", "headroom", ...run, ...args)).exact;

  test("in bf16 it does not fit on one machine of 8 H100s and fits on 16 over two machines (§6.1)", async () => {
    expect(PARAMS).toBe(405_853_388_800);
    expect(CACHE).toBe(2_246_049_792);
    expect(await headroom("--set", "tensor_parallel=8")).toBe(String(80e9 - (2 * PARAMS + CACHE) / 8)); // −21,744,103,424
    expect(await headroom("--set", "tensor_parallel=16")).toBe(String(80e9 - (2 * PARAMS + CACHE) / 16)); // 29,127,948,288
  });

  test("with FP8 feed-forward weights it fits on one machine (§6.2, Figure 27), and 68 such sequences at most", async () => {
    // 324,538,466,304 weights at a byte and 81,314,922,496 at two: 487,168,311,296 bytes.
    const fp8 = ["--set", "tensor_parallel=8", "--set", "weight_bits=8", "--set", `quantized_share=${FP8_SHARE}`];
    expect(await headroom(...fp8)).toBe(String(80e9 - (487_168_311_296 + CACHE) / 8)); // 18,823,204,864
    const solve = ["solve", "serving", "headroom=0", "--for", "batch_size", "--model", "config.json", "--hardware", "h100-sxm", "--set", "context=4352"];
    const r = await cli([...solve, ...fp8, "--format", "json"], config("llama-3.1-405b"));
    expect(r.code, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout) as { exact: string; whole: { at: number; exact: string }[] };
    // (640e9 − 487,168,311,296) / 2,246,049,792 = 68.04: 68 fit, with 12,537,856 bytes a device left.
    expect(b.exact).toBe("4664053/68544");
    expect(b.whole.map((w) => [w.at, w.exact])).toEqual([
      [68, "12537856"],
      [69, "-268218368"],
    ]);
  });
});
