// Issue 24: the third attack's cases. Each failed before its fix: a wrong number with exit 0, a
// stack trace, or a value accepted that cannot be.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { computeView } from "../../web/src/compute.js";
import { ESTIMATE } from "../../web/src/state.js";
import { cli, mistake } from "../helpers/cli.js";

const fixture = (model: string) => JSON.parse(readFileSync(`test/fixtures/configs/${model}.json`, "utf8")) as Record<string, unknown>;

describe("a config whose values cannot be together is refused at the key", () => {
  test("16 experts per token over 8 experts: more active than total parameters, before", async () => {
    const text = JSON.stringify({ ...fixture("mixtral-8x7b"), num_experts_per_tok: 16 }, null, 2);
    const line = text.split("\n").findIndex((l) => l.includes('"num_experts_per_tok"')) + 1;
    expect(await mistake(["derive", "decoder", "params", "--model", "c.json"], { "c.json": text })).toEqual([
      `c.json:${line}:26: num_experts_per_tok is 16, more than the 8 experts of num_local_experts: a token cannot pass through more experts than there are [INVALID_VALUE]`,
    ]);
  });

  test("64 or 5 key-value heads for 32 query heads: neither divides them", async () => {
    for (const kv of [64, 5]) {
      const text = JSON.stringify({ ...fixture("llama-3-8b"), num_key_value_heads: kv }, null, 2);
      const line = text.split("\n").findIndex((l) => l.includes('"num_key_value_heads"')) + 1;
      expect(await mistake(["derive", "decoder", "params", "--model", "c.json"], { "c.json": text })).toEqual([
        `c.json:${line}:26: num_key_value_heads is ${kv}, which does not divide the 32 query heads of num_attention_heads: each key-value head serves a whole group of query heads [INVALID_VALUE]`,
      ]);
    }
  });
});

describe("units", () => {
  test("an input declared in % takes 40% as 0.4, not 40 (100× off before)", async () => {
    const sheet = ["id: pct", "title: percent", "source: a test", "inputs:", '  u: {description: utilisation, unit: "%"}', "  P: {description: peak, default: 100}", "formulas:", "  used: {expr: u × P, source: a test}", ""].join("\n");
    for (const given of ["40%", "0.4"]) {
      const r = await cli(["derive", "pct.yaml", "used", "--set", `u=${given}`, "--format", "json"], { "pct.yaml": sheet });
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { exact: string }).exact).toBe("40");
    }
  });
});

describe("the page", () => {
  test("an estimate for one model, then another in the same tab, shows the second model's numbers", () => {
    const view = (model: string) => computeView({ sheet: "decoder", target: ESTIMATE, model, config: "", set: [] });
    const params = (model: string) => view(model).estimate!.entries.find((e) => e.quantity === "params")!.value!.q.toString();
    expect(params("llama-3-8b")).toBe("8030261248");
    // The second model's own count, not the first's (the cache was keyed by the blank config).
    expect(params("mistral-7b")).toBe("7241732096");
    expect(view("mistral-7b").estimate!.model).toBe("mistral-7b");
  });
});

describe("sweeps say what floating point cannot hold", () => {
  test("a value past a double's range is refused at its place, not printed as 0 or Infinity", async () => {
    for (const [range, value, column] of [["tokens=1e-400,1", "1e-400", 15], ["tokens=1..1e400:5", "1e400", 18], ["tokens=5e-324..1:3", "5e-324", 15]] as const) {
      expect(await mistake(["sweep", "gpt3-2020", "total_flops", "--model", "gpt3-175b", "--vary", range])).toEqual([
        `command line:1:${column}: ‘${value}’ is beyond what a sweep's floating point holds (magnitudes from about 2.2 × 10^-308 to 1.8 × 10^308); derive computes it exactly [INVALID_VALUE]`,
      ]);
    }
  });

  test("a result past 1.8 × 10^308 says so, where it said division by zero; a true division by zero says where", async () => {
    // 10^300 squared: no vocabulary quantity takes such a value (tokens stop at 10^30), a sheet's own input may.
    const sheet = "inputs:\n  a: a large number\nformulas:\n  y: a × a\n";
    const big = await cli(["sweep", "big.yaml", "y", "--vary", "a=1e300", "--format", "json"], { "big.yaml": sheet });
    expect(big.code, big.stderr).toBe(0);
    expect(big.stdout).toContain("past floating point's 1.8 × 10^308: an exact sweep or derive gives it");
    const zero = await cli(["sweep", "training-budget", "days", "--set", "C=1e24", "--set", "n=1", "--set", "u=0.5", "--vary", "peak=0,1e15"]);
    expect(zero.stdout).toContain("division by zero in formula ‘seconds’ (step 1 of the trail)");
    // No devices is no cluster: refused by the vocabulary's range of n_devices, not divided by.
    const none = await cli(["sweep", "training-budget", "days", "--set", "C=1e24", "--set", "peak=1e15", "--set", "u=0.5", "--vary", "n=0,1"]);
    expect(none.stdout).toContain("n = 0 is outside its declared range [1, 1e30]");
  });

  test("50,000,000 points, which the limit allows, stream: the first rows come at once and the sweep ends with its reader", () => {
    const dir = mkdtempSync(join(tmpdir(), "flopsheet-stream-"));
    const bin = resolve("dist/cli/main.js");
    // Before, every value of the range was made first: 28 s and 590 MB for 2,000,000, over 3.5 GB for this.
    const r = spawnSync("sh", ["-c", `node --max-old-space-size=256 '${bin}' sweep gpt3-2020 total_flops --model gpt3-175b --vary tokens=1..2:50000000 2>err.txt | head -3; cat err.txt`], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(r.stdout.split("\n")).toEqual(["gpt3-2020: total_flops [FLOPs] over 50,000,000 points", "            tokens       total_flops", "                 1     ≈ 1.05 × 10¹²", ""]);
  });

  test("a reader that stops early (| head -2) ends the sweep quietly: no EPIPE stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "flopsheet-epipe-"));
    const bin = resolve("dist/cli/main.js");
    const r = spawnSync("sh", ["-c", `node '${bin}' sweep gpt3-2020 total_flops --model gpt3-175b --vary tokens=1..1e6:100000 2>err.txt | head -2; cat err.txt`], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(r.stdout.split("\n").slice(0, 2)).toEqual(["gpt3-2020: total_flops [FLOPs] over 100,000 points", "            tokens       total_flops"]);
    expect(r.stdout).not.toContain("EPIPE");
    expect(r.stdout.split("\n").length).toBe(3);
  });
});

describe("solve returns only a value whose trail gives the goal", () => {
  const sheet = [
    "id: s",
    "title: solve cases",
    "source: a test",
    "inputs:",
    "  x: {description: x}",
    "  y: {description: y, range: [-10, -1]}",
    "formulas:",
    "  r: {expr: √x, source: a test}",
    "  f: {expr: floor(x), source: a test}",
    "  sq: {expr: y², source: a test}",
    "  inv: {expr: 1 / x, source: a test}",
    "  p: {expr: x² + x, source: a test}",
    "",
  ].join("\n");
  const solve = (goal: string, x = "x") => cli(["solve", "s.yaml", goal, "--for", x, "--format", "json"], { "s.yaml": sheet });
  const solved = async (goal: string, x = "x") => {
    const r = await solve(goal, x);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { exact: string | null; value: number; method: string; derivation: { exact: string } };
  };

  test("√x = −1 has no answer (it said x = 1, exact, its trail showing √1 = 1)", async () => {
    expect(await mistake(["solve", "s.yaml", "r=-1", "--for", "x"], { "s.yaml": sheet })).toEqual(["no value of x gives r = -1 (at x = 1 the target is 1) [INVALID_VALUE]"]);
  });

  test("floor(x) = 2 is x = 2, whose trail gives 2 (it said x ≈ 2.00 with a trail of 1); floor(x) = 2.5 has no answer (it said 3)", async () => {
    const two = await solved("f=2");
    expect(two.exact).toBe("2");
    expect(two.derivation.exact).toBe("2");
    expect(await mistake(["solve", "s.yaml", "f=2.5", "--for", "x"], { "s.yaml": sheet })).toEqual([
      "no value of x gives f = 5/2 (the target steps from 2 to 3 at x ≈ 3, past the goal) [INVALID_VALUE]",
    ]);
  });

  test("y² = 4 with y declared in [−10, −1] is y = −2 (it refused, trying 2)", async () => {
    expect((await solved("sq=4", "y")).exact).toBe("-2");
  });

  test("1/x = 0 has no answer: a message, not exit 3", async () => {
    expect(await mistake(["solve", "s.yaml", "inv=0", "--for", "x"], { "s.yaml": sheet })).toEqual(["no value of x gives inv = 0 [INVALID_VALUE]"]);
  });

  test("x² + x = 6 is x = 2 exactly; x² + x = 5 is a root within the stated tolerance, its trail within it", async () => {
    expect((await solved("p=6")).exact).toBe("2");
    const five = await solved("p=5");
    expect(five.exact).toBeNull();
    // (√21 − 1)/2 = 1.79128784747792…
    expect(Math.abs(five.value - (Math.sqrt(21) - 1) / 2)).toBeLessThan(1e-9);
    expect(five.method).toContain("the target there is within a relative 1e-9 of the goal");
  });
});

describe("a value a config does not state follows what it was worked out from", () => {
  test("--set d_model=8192 on Llama-3-8B's config makes d_h 256, said so, in derive and in a sweep alike", async () => {
    const text = readFileSync("test/fixtures/configs/llama-3-8b.json", "utf8");
    const r = await cli(["derive", "decoder", "params", "--model", "c.json", "--set", "d_model=8192"], { "c.json": text });
    expect(r.code, r.stderr).toBe(0);
    // d_h stayed 128, labelled hidden_size / num_attention_heads, before.
    expect(r.stdout).toMatch(/^ {2}d_h += 256 +dimension of each head +c: d_head \(d_model \/ n_heads, with d_model as set\)$/m);
    // By hand: 2·128,256·8192 + 32·(8192·4096·2 + 2·8192·8·256 + 3·8192·14,336 + 2·8192) + 8192.
    const params = 2n * 128256n * 8192n + 32n * (2n * 8192n * 32n * 256n + 2n * 8192n * 8n * 256n + 3n * 8192n * 14336n + 2n * 8192n) + 8192n;
    expect(r.stdout).toContain(`params = ${params.toLocaleString("en-US")} `);
    const sweep = await cli(["sweep", "decoder", "params", "--model", "c.json", "--vary", "d_model=4096,8192", "--format", "json"], { "c.json": text });
    expect(sweep.stdout).not.toContain("stays");
    expect(sweep.stdout).toContain(String(Number(params)));
  });
});

describe("dimensions: a number written in a formula never counts devices, a fallback is the same kind of quantity", () => {
  const sheet = [
    "id: dim",
    "title: dims",
    "source: a test",
    "inputs:",
    "  C: {bind: training_flops, description: compute}",
    "  X: {bind: peak_flops, description: peak per device}",
    "  N: {bind: params, otherwise: tokens, description: parameters}",
    "formulas:",
    "  days: {expr: C / X / 86400, unit: days, source: a test}",
    "  secs: {expr: 1 × C / X, unit: s, source: a test}",
    "",
  ].join("\n");
  test("the README's own error, C / X / 86400 in days without the devices, and 1 × C / X in seconds, are refused; params never falls back to tokens", async () => {
    expect(await mistake(["check", "dim.yaml"], { "dim.yaml": sheet })).toEqual([
      "dim.yaml:7:32: tokens: input ‘N’ binds params (parameter) but falls back to tokens (token) [DIMENSION]",
      "dim.yaml:9:16: C / X / 86400: formula ‘days’ comes out in device·second, but its unit, days, is second [DIMENSION]",
      "dim.yaml:10:16: 1 × C / X: formula ‘secs’ comes out in device·second, but its unit, s, is second [DIMENSION]",
    ]);
  });
});

describe("budgets are located errors, and big exact numbers stay cheap", () => {
  const unitSheet = (unit: string) => ["id: u", "title: u", "source: a test", "inputs:", `  x: {description: x, unit: "${unit}"}`, "formulas:", "  y: {expr: x, source: a test}", ""].join("\n");
  test("a unit kFLOP^100000 or in 8,000 parentheses is refused at the unit (exit 3 before)", async () => {
    expect(await mistake(["check", "u.yaml"], { "u.yaml": unitSheet("kFLOP^100000") })).toEqual([
      "u.yaml:5:29: ‘kFLOP^100000’ is not a unit flopsheet knows: ‘kFLOP^100000’ raises a unit to the power 100000; a power is at most 12 [INVALID_VALUE]",
    ]);
    const deep = `${"(".repeat(8000)}FLOP${")".repeat(8000)}`;
    const [message] = await mistake(["check", "u.yaml"], { "u.yaml": unitSheet(deep) });
    expect(message).toBe(`u.yaml:5:29: ‘${"(".repeat(40)}…’ is not a unit flopsheet knows: ‘${"(".repeat(40)}…’ nests parentheses more than 20 deep [INVALID_VALUE]`);
  });

  const sq = ["id: sq", "title: sq", "source: a test", "inputs:", "  x: {description: x, default: 0}", "  z: {description: z, default: 2}", "formulas:", "  r: {expr: √x, source: a test}", "  a: {expr: abs(z), source: a test}", "  l: {expr: log(z), source: a test}", ""].join("\n");
  test("sensitivity of √x at 0 says there is no finite derivative (exit 3 before); abs and log are no monomial", async () => {
    const r = await cli(["sensitivity", "sq.yaml", "r"], { "sq.yaml": sq });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}x +— +no finite derivative at x = 0$/m);
    for (const t of ["a", "l"]) {
      const j = JSON.parse((await cli(["sensitivity", "sq.yaml", t, "--format", "json"], { "sq.yaml": sq })).stdout) as { monomial: boolean };
      expect(j.monomial, t).toBe(false);
    }
  });

  // 72 bytes of sheet: p has a 17-digit mantissa to the 1,700th power, 27,000 digits over as many.
  const slow = "formulas:\n  p: {expr: 1.0006933874625806^1700}\n  a: {expr: p+1}\n  b: {expr: a+1}\n  c: {expr: b+1}\n";
  test("a power of a 17-digit decimal and three +1 steps derive exactly (19 s before: gcds of 17,000-digit numbers); a breakdown of values that large shares them out (exit 3 before)", async () => {
    const d = JSON.parse((await cli(["derive", "slow.yaml", "c", "--format", "json"], { "slow.yaml": slow })).stdout) as { exact: string };
    // c = p + 3 exactly, with p = A / B for A = 10006933874625806^1700 and B = 10^(16 × 1700):
    // n / d = (A + 3B) / B, checked by cross-multiplying.
    const [n, den] = d.exact.split("/").map(BigInt) as [bigint, bigint];
    const [A, B] = [10006933874625806n ** 1700n, 10n ** 27200n];
    expect(n * B).toBe((A + 3n * B) * den);
    // A share of 10^-20000 in 1 + 10^-20000: the exact quotient has 40,000 digits over 40,000.
    const b = await cli(["breakdown", "ov.yaml", "a"], { "ov.yaml": "formulas:\n  p: {expr: 1 / 10^20000}\n  a: {expr: p + 1}\n" });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/^ {2}p +1\.00 × 10⁻²⁰⁰⁰⁰ +0\.0%/m);
  });

  test("2^90000 has 27,093 digits and derives (it was refused as more than 30,000)", async () => {
    const d = JSON.parse((await cli(["derive", "p.yaml", "p", "--format", "json"], { "p.yaml": "formulas:\n  p: {expr: 2^90000}\n" })).stdout) as { exact: string };
    expect(d.exact).toBe((2n ** 90000n).toString());
    expect(d.exact.length).toBe(27093);
  });
});

describe("files flopsheet names itself are regular files it replaces, never written through", () => {
  const read = readFileSync;
  test("page -o DIR with a link DIR/page.js leaves the link's target alone (it was overwritten)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flopsheet-page-"));
    writeFileSync(join(dir, "victim.txt"), "someone's file\n");
    mkdirSync(join(dir, "out"));
    symlinkSync(join(dir, "victim.txt"), join(dir, "out", "page.js"));
    const r = await cli(["page", "-o", join(dir, "out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${join(dir, "out", "page.js")}: it is a symbolic link, and flopsheet writes only regular files under names it makes itself [CANNOT_WRITE]`);
    expect(read(join(dir, "victim.txt"), "utf8")).toBe("someone's file\n");
  });

  test("page -o DIR with a FIFO or /dev/zero as index.html is refused, not read forever", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flopsheet-page-"));
    mkdirSync(join(dir, "fifo"));
    spawnSync("mkfifo", [join(dir, "fifo", "index.html")]);
    mkdirSync(join(dir, "zero"));
    symlinkSync("/dev/zero", join(dir, "zero", "index.html"));
    expect((await cli(["page", "-o", join(dir, "fifo")])).stderr).toContain("it is a FIFO");
    expect((await cli(["page", "-o", join(dir, "zero")])).stderr).toContain("it is a symbolic link");
  });

  test("report -o r.md --plot-vary does not write through a link named r.figure-1.svg", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flopsheet-report-"));
    writeFileSync(join(dir, "victim.txt"), "someone's file\n");
    symlinkSync(join(dir, "victim.txt"), join(dir, "r.figure-1.svg"));
    const r = await cli(["report", "decoder", "training_flops", "--model", "llama-3-8b", "--set", "seq_len=8192", "--set", "tokens=1e12", "--format", "markdown", "--plot-vary", "n_layers=16..32:×2", "-o", join(dir, "r.md")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("r.figure-1.svg: it is a symbolic link");
    expect(read(join(dir, "victim.txt"), "utf8")).toBe("someone's file\n");
  });
});

describe("the lower cases", () => {
  test("an input named __proto__ keeps its column in a sweep's JSON rows (it vanished)", async () => {
    const sheet = ["id: pr", "title: p", "source: a test", "inputs:", "  __proto__: {description: x, default: 2}", "formulas:", "  y: {expr: __proto__ * 3, source: a test}", ""].join("\n");
    const r = await cli(["sweep", "pr.yaml", "y", "--vary", "__proto__=1,2", "--format", "json"], { "pr.yaml": sheet });
    expect((JSON.parse(r.stdout) as { rows: unknown[] }).rows).toEqual([JSON.parse('{"__proto__":1,"y":3}'), JSON.parse('{"__proto__":2,"y":6}')]);
  });

  test("n_layer beside num_hidden_layers, and a text_config inside text_config, are listed as not read (dropped unsaid)", async () => {
    const text = JSON.stringify({ ...fixture("llama-3-8b"), n_layer: 32, text_config: { text_config: { hidden_size: 1 } } }, null, 2);
    const r = await cli(["import-config", "c.json"], { "c.json": text });
    expect(r.stderr).toContain("note: keys of c.json that flopsheet does not read: n_layer, text_config.text_config");
    expect(r.stdout).toContain("# Keys not read: n_layer (not read: n_layers is taken from num_hidden_layers), text_config.text_config (a configuration nested in text_config, not read).");
  });

  test("a config of {} is refused at its own line (it was reported at a line of generated YAML)", async () => {
    expect(await mistake(["derive", "decoder", "params", "--model", "c.json"], { "c.json": "{}\n" })).toEqual([
      "c.json:1:1: c.json has none of the keys of a model's config.json (num_hidden_layers, hidden_size, num_attention_heads, model_type): is it the model's config.json? [INVALID_VALUE]",
    ]);
  });

  test("--set L=1 --set n_layers=2 names both (one was dropped unsaid)", async () => {
    expect(await mistake(["derive", "decoder", "params", "--model", "llama-3-8b", "--set", "L=1", "--set", "n_layers=2"])).toEqual([
      "--set L=… and --set n_layers=… both set input ‘L’ (bound to n_layers): keep one [INVALID_VALUE]",
    ]);
  });

  test("the library's options are checked: digits 0 or 2.5, a bad set, configPreset(42), estimate() are FlopsheetErrors", async () => {
    const api = await import("../../src/index.js");
    const sheet = api.loadShipped("gpt3-2020");
    const message = (f: () => unknown) => {
      try {
        f();
        return "no error";
      } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
    };
    expect(message(() => api.renderReport(sheet, "markdown", { digits: 0 }))).toBe("FlopsheetError: renderReport's options' digits must be a whole number from 1 to 60, not number 0 [INVALID_ARGUMENT]");
    expect(message(() => api.renderReport(sheet, "markdown", { digits: 2.5 }))).toBe("FlopsheetError: renderReport's options' digits must be a whole number from 1 to 60, not number 2.5 [INVALID_ARGUMENT]");
    expect(message(() => api.derive(sheet, "total_flops", { set: "tokens=1" as never }))).toBe('FlopsheetError: derive\'s options\' set must be an array of { name, text } settings, not string "tokens=1" [INVALID_ARGUMENT]');
    expect(message(() => api.configPreset(42 as never, "c.json"))).toBe("FlopsheetError: configPreset's text must be a string, not number 42 [INVALID_ARGUMENT]");
    expect(message(() => (api.estimate as (o?: unknown) => unknown)())).toBe("FlopsheetError: estimate's options (with the model's presets) must be an object of options, not null [INVALID_ARGUMENT]");
  });
});

describe("found by the new fuzz generators", () => {
  const sheet = (f: string, range = "") => ["id: s", "title: s", "source: a test", "inputs:", `  x: {description: x${range}}`, "formulas:", `  y: {expr: "${f}", source: a test}`, ""].join("\n");
  test("solve finds a negative root, ceil(x) = −1 at x = −1 (exit 3 before: the root's decimal had a sign)", async () => {
    const r = await cli(["solve", "s.yaml", "y=-1", "--for", "x", "--format", "json"], { "s.yaml": sheet("ceil(x)", ", range: [-10, 10]") });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { exact: string }).exact).toBe("-1");
  });

  test("x³ = 2^x at a 17-digit x evaluates 2^x approximately (exit 3 before: a 10^16-th root tried in BigInts)", async () => {
    const r = await cli(["solve", "s.yaml", "y=0", "--for", "x", "--format", "json"], { "s.yaml": sheet("−2^x + x^3") });
    expect(r.code, r.stderr).toBe(0);
    // The root between 1 and 2 of x³ = 2^x: 1.3734…
    expect(Math.abs((JSON.parse(r.stdout) as { value: number }).value - 1.3734)).toBeLessThan(1e-4);
  });

  test("num_experts_per_tok 2 in a config with no experts is refused (its active parameters came out above the total)", async () => {
    const text = JSON.stringify({ hidden_size: 64, num_hidden_layers: 2, num_attention_heads: 4, intermediate_size: 128, vocab_size: 100, model_type: "llama", num_experts_per_tok: 2 });
    expect(await mistake(["derive", "decoder", "params", "--model", "c.json"], { "c.json": text })).toEqual([
      "c.json:1:149: num_experts_per_tok is 2, but the config has no experts to route to (no num_local_experts, num_experts or n_routed_experts above 1) [INVALID_VALUE]",
    ]);
  });
});
