// Issue 24: the third attack's cases. Each failed before its fix: a wrong number with exit 0, a
// stack trace, or a value accepted that cannot be.
import { readFileSync } from "node:fs";
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
