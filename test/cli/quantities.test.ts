/** Vocabulary quantities as targets and as --set names, the same as the sheet's own symbols. */
import { describe, expect, test } from "vitest";

// The line under "Result": conventions and assumptions may follow it.
const resultLine = (stdout: string) => {
  const lines = stdout.split("\n");
  return lines[lines.indexOf("Result") + 1];
};
import { cli, mistake } from "../helpers/cli.js";

describe("a TARGET may be the quantity a formula binds", () => {
  test("derive gpt3-2020 training_flops --model gpt3-175b: Table D.1's 6 × 174.6B × 300B", async () => {
    const r = await cli(["derive", "gpt3-2020", "training_flops", "--model", "gpt3-175b", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { target: string; exact: string };
    expect(json.target).toBe("total_flops"); // the trail keeps the paper's symbol
    expect(BigInt(json.exact)).toBe(6n * 174_600_000_000n * 300_000_000_000n);
  });

  test("symbolic and report take it too", async () => {
    expect((await cli(["symbolic", "megatron-2021", "params"])).stdout).toMatch(/^P = /);
    expect((await cli(["report", "megatron-2021", "params", "--model", "gpt3-175b", "--format", "markdown"])).code).toBe(0);
  });

  test("an unknown name lists what the sheet binds", async () => {
    expect(await mistake(["derive", "megatron-2021", "parms"])).toEqual([
      "sheet megatron-2021 has no formula ‘parms’; did you mean ‘params’? (megatron-2021 binds params to P, training_hardware_flops to F_training, training_flops to F_model_training, training_pf_days to PF_days, training_days to time_days) [UNKNOWN_TARGET]",
    ]);
  });
});

describe("--set by vocabulary name is --set by the sheet's symbol", () => {
  test("megatron-2021 time_days --scenario gpt3-175b: achieved_flops=150e12 overrides the scenario's 140 TFLOP/s, as X=150e12 does", async () => {
    const days = async (setting: string) => (await cli(["derive", "megatron-2021", "time_days", "--scenario", "gpt3-175b", "--set", setting, "--format", "json"])).stdout;
    const byQuantity = JSON.parse(await days("achieved_flops=150e12")) as { exact: string };
    const bySymbol = JSON.parse(await days("X=150e12")) as { exact: string };
    expect(byQuantity.exact).toBe(bySymbol.exact);
    // Eq. 4 by hand: 8·T·P/(n·X) seconds, T = 300B, n = 1024, and P by eq. 2 with the scenario's
    // V = 51,200: 12·l·h² + 13·l·h + (V + s)·h for l = 96, h = 12288, s = 2048.
    const P = 12n * 96n * 12288n ** 2n + 13n * 96n * 12288n + (51200n + 2048n) * 12288n;
    const [num, den] = byQuantity.exact.split("/").map(BigInt) as [bigint, bigint];
    expect(num * (1024n * 150_000_000_000_000n * 86_400n)).toBe(den * 8n * 300_000_000_000n * P);
  });
});

describe("results in the units people say (issue 12)", () => {
  const days = ["derive", "megatron-2021", "training_days", "--model", "gpt3-175b"];
  // Eq. 4 by hand: 8·T·P/(n·X) with P = 174,604,234,752 (eq. 2), T = 300e9, n = 1024, X = 140e12:
  // 2,923,061.97 s = 33.83 days = 811.96 hours (§5.1: "about 34 days").
  test("training days print as a decimal with the unit, never a fraction", async () => {
    const r = await cli(days);
    expect(r.code).toBe(0);
    expect(resultLine(r.stdout)).toBe("  time_days ≈ 33.8 days");
    expect(r.stdout).not.toMatch(/time_days = [\d,]+\/[\d,]+/);
  });
  test("--unit converts into another unit of the same dimension, and refuses one of another", async () => {
    expect(resultLine((await cli([...days, "--unit", "training_days=hours"])).stdout)).toBe("  time_days ≈ 812 hours");
    expect(resultLine((await cli([...days, "--unit", "time_days=s", "--digits", "7"])).stdout)).toBe("  time_days ≈ 2.923062 × 10⁶ s");
    const bad = await cli([...days, "--unit", "training_days=GiB"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--unit training_days=GiB: GiB measures byte, but this value is second (days)");
    expect((await cli([...days, "--unit", "training_dais=hours"])).stderr).toContain("did you mean ‘training_days’?");
  });
  test("a rate with its unit is the same value as the bare number", async () => {
    const json = async (x: string) => JSON.parse((await cli([...days, "--set", `achieved_flops=${x}`, "--format", "json"])).stdout);
    const [a, b] = [await json("140 TFLOP/s"), await json("140e12")];
    expect(a.exact).toBe("4736443/140000");
    expect(b.exact).toBe(a.exact);
    expect([a.unit, a.base_unit, a.display]).toEqual(["days", "second", "33.8 days"]);
    expect(a.base_value).toBeCloseTo(2_923_061.9657, 3);
  });
  test("below a second, milliseconds or microseconds: a serving step as people quote it", async () => {
    // Pope et al.'s bound (serving, pope-palm-540b-int8): 540,597,463,936 bytes at 64 × 1.2 TB/s = 7.039 ms.
    const step = await cli(["derive", "serving", "t_decode_memory", "--scenario", "pope-palm-540b-int8"]);
    expect(resultLine(step.stdout)).toBe("  t_decode_memory ≈ 7.04 ms");
    // In microseconds when asked; a measured time may be given in milliseconds.
    expect(resultLine((await cli(["derive", "serving", "t_decode_memory", "--scenario", "pope-palm-540b-int8", "--unit", "t_decode_memory=us"])).stdout)).toBe("  t_decode_memory ≈ 7,040 us");
    const ms = await cli(["derive", "serving", "t_decode_memory", "--scenario", "pope-palm-540b-int8", "--set", "T_obs=29 ms", "--format", "json"]);
    expect(JSON.parse(ms.stdout).display).toBe("7.04 ms");
  });
  test("bytes in decimal and binary units, ratios as percentages", async () => {
    // Llama-3-8B's KV cache: 2 × 32 layers × 8 KV heads × 128 × 2 bytes = 131,072 bytes = 128 KiB per token.
    const kv = await cli(["derive", "decoder", "kv_cache_bytes_per_token", "--model", "llama-3-8b"]);
    expect(resultLine(kv.stdout)).toBe("  kv_cache_bytes_per_token = 131,072 bytes/token ≈ 131 kB per token (128 KiB per token)");
    // 140/312 of peak: 44.9%, recomputation counted.
    const hfu = await cli(["derive", "training-time", "hfu", "--model", "gpt3-175b", "--hardware", "a100"]);
    expect(resultLine(hfu.stdout)).toBe("  utilisation ≈ 44.9%");
  });
});
