/** The web page's logic without a browser: a state to what the page shows, and the state to a link and back. */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { shippedSheetText } from "../../src/index.js";
import { completeView, completeViewInSteps, computeView, exportName, exportText } from "../../web/src/compute.js";
import { decodeState, encodeState, ESTIMATE, INITIAL, type PageState } from "../../web/src/state.js";
import { cli } from "../helpers/cli.js";

const config = readFileSync("test/fixtures/configs/llama-3-8b.json", "utf8");
const llama: PageState = { sheet: "decoder", config, target: "params", set: [] };

describe("what the page shows", () => {
  test("the first visit shows the founding document's total, as npm start prints it", () => {
    const v = computeView(INITIAL);
    expect(v.problems).toEqual([]);
    expect(v.headline).toBe("Total_FLOPs = 135,291,469,824,000,000,000,000 ≈ 1.35 × 10²³ FLOPs");
  });

  test("a pasted Llama-3-8B config.json gives its 8,030,261,248 parameters, with where each input came from", () => {
    const v = computeView(llama);
    expect(v.headline).toBe("params = 8,030,261,248 ≈ 8.03 × 10⁹ parameters");
    expect(v.layout!.inputs.find((i) => i.name === "H_kv")!.source).toBe("config: n_kv_heads (config.json: num_key_value_heads)");
    expect(v.layout!.warnings).toEqual([]);
    expect(v.command("latex")).toBe("flopsheet report decoder params --model config.json --format latex");
  });

  test("a missing value is asked for in the page's words, and a result says how it is counted and what it assumes (issue 22)", () => {
    const days: PageState = { sheet: "training-budget", config, hardware: "h100-sxm", target: "days", set: [["tokens", "15T"], ["n_devices", "1024"], ["mfu", "0.4"]] };
    const missing = computeView(days);
    expect(missing.problems.join("\n")).toContain("decoder derives training_flops for this model but needs seq_len: set seq_len");
    expect(missing.problems.join("\n")).not.toContain("--set");
    const v = computeView({ ...days, set: [...days.set, ["seq_len", "8192"]] });
    expect(v.headline).toBe("days ≈ 24.8 days");
    expect(v.layout!.conventions).toEqual(["days: attention full, logits included, experts active"]);
    const forward = computeView({ ...llama, sheet: "llama-2023", target: "C_forward" });
    expect(forward.layout!.assumptions.some((a) => a.startsWith("llama-2023 takes n_ctx (seq_len) = 1024, its default"))).toBe(true);
  });

  test("a sheet that does not describe the model says so", () => {
    const v = computeView({ ...llama, sheet: "kaplan-2020", target: "N" });
    expect(v.layout!.warnings).toContain("kaplan-2020 assumes n_kv_heads = n_heads (32), but config has 8; modelled by decoder, gqa-2023, inference-2022, llama-2023, moe-2022");
  });

  test("an edited formula changes the value; a syntax error is located in the edited text", () => {
    const text = shippedSheetText("decoder")!.text;
    const edited = text.replace("P_final_norm: {expr: d × (n_w + b_n),", "P_final_norm: {expr: 2 × d × (n_w + b_n),");
    expect(edited).not.toBe(text);
    // The final norm counted twice: one more d = 4,096 weights.
    expect(computeView({ ...llama, text: edited }).headline).toBe(`params = ${(8_030_261_248 + 4_096).toLocaleString("en-US")} ≈ 8.03 × 10⁹ parameters`);
    const broken = text.replace("P_final_norm: {expr: d × (n_w + b_n),", "P_final_norm: {expr: d × (n_w + b_n,");
    const v = computeView({ ...llama, text: broken });
    expect(v.sheet).toBeUndefined();
    const line = broken.split("\n").findIndex((l) => l.includes("P_final_norm: {expr: d × (n_w + b_n,")) + 1;
    expect(v.sheetIssues.map((i) => [i.code, i.location?.file, i.location?.line])).toEqual([["PARSE", "decoder.yaml", line]]);
    expect(v.problems[0]).toBe("The sheet has 1 error, underlined in the editor:");
    expect(v.problems[1]).toMatch(new RegExp(`^decoder\\.yaml:${line}:\\d+: .*\\[PARSE\\]\\n`));
  });

  test("a config.json with a mistake is located in the pasted text; a missing input names what to give", () => {
    const v = computeView({ ...llama, config: config.replace('"num_hidden_layers": 32', '"num_hidden_layers": 32.5') });
    expect(v.configIssues[0]!.location?.file).toBe("config.json");
    expect(v.configIssues[0]!.location?.line).toBe(config.split("\n").findIndex((l) => l.includes("num_hidden_layers")) + 1);
    expect(v.problems[0]).toBe("The pasted config.json has 1 error:");
    expect(v.problems[1]).toMatch(/^config\.json:\d+:\d+: /);
    expect(computeView({ sheet: "decoder", target: "params", set: [] }).problems[0]).toMatch(/\bL\b.*\[MISSING_INPUT\]/s);
  });

  test("the whole estimate for the model, with the vocabulary's quantities", () => {
    const v = computeView({ ...llama, target: ESTIMATE, set: [["tokens", "15e12"], ["seq_len", "8192"]] });
    expect(v.estimate!.entries.find((e) => e.quantity === "params")!.value!.q.toString()).toBe("8030261248");
    expect(v.command("markdown")).toBe("flopsheet estimate --model config.json --set tokens=15e12 --set seq_len=8192 --format markdown");
    expect(exportName(v, "markdown")).toBe("estimate-config.md");
  });

  test("a view drawn before its checks, once completed, is the view with them, sources in the same order", () => {
    for (const state of [INITIAL, llama, { sheet: "megatron-2021", model: "gpt3-175b", target: "training_days", set: [] }] as PageState[]) {
      const first = computeView(state, { checks: false });
      expect(first.report!.unchecked).toBe(true);
      expect(first.layout!.checks).toEqual([]);
      const done = completeView(first);
      const full = computeView(state);
      // A check at a time, as the page runs them between keys: one pause per identity and per scenario.
      const steps = completeViewInSteps(first);
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      expect(pauses).toBe(first.sheet!.checks.length + first.sheet!.scenarios.length);
      expect(step.value.layout).toEqual(full.layout);
      expect(done.layout).toEqual(full.layout);
      expect(done.report!.sources).toEqual(full.report!.sources);
      expect(done.report!.checks.results.length).toBeGreaterThan(0);
      expect(exportText(first, "latex")).toBe(exportText(full, "latex"));
    }
  });

  test("every export is byte for byte what the CLI writes for the command the page shows", async () => {
    const states: PageState[] = [INITIAL, { ...llama, hardware: "h100-sxm", set: [["seq_len", "8192"]] }, { sheet: "megatron-2021", model: "gpt3-175b", target: "training_days", set: [] }];
    for (const state of states) {
      const v = computeView(state);
      for (const format of ["latex", "markdown", "html"] as const) {
        const words = v.command(format).split(" ").slice(1);
        const r = await cli(words, { "config.json": config });
        expect(r.stderr).toBe("");
        expect(exportText(v, format), v.command(format)).toBe(r.stdout);
      }
    }
    const e = computeView({ ...llama, target: ESTIMATE });
    expect(exportText(e, "markdown")).toBe((await cli(e.command("markdown").split(" ").slice(1), { "config.json": config })).stdout);
  });
});

describe("the state in the link", () => {
  test("every field survives the fragment, text with any character included", () => {
    const s: PageState = { sheet: "decoder", text: "title: ‘ü’ ✓ 💡\n#x", config, model: "gpt2", hardware: "a100-80gb", scenario: "x", target: "params", set: [["seq_len", "8192"], ["L", "2^5"]] };
    const f = encodeState(s);
    expect(f).toMatch(/^v1\.[\w-]+$/);
    expect(decodeState(`#${f}`)).toEqual(s);
    expect(decodeState(encodeState(INITIAL))).toEqual({ ...INITIAL, text: undefined, model: undefined, config: undefined, hardware: undefined });
  });

  test("an edited shipped sheet travels as its edit, checked against the version it was made to", () => {
    const base = (id: string) => shippedSheetText(id)?.text;
    const text = base("decoder")!.replace("P_final_norm: {expr: d × (n_w + b_n),", "P_final_norm: {expr: 2 × d × (n_w + b_n),");
    const s: PageState = { ...llama, config: undefined, model: "llama-3-8b", text };
    const f = encodeState(s, base);
    expect(f.length).toBeLessThan(150);
    expect(encodeState(s).length).toBeGreaterThan(10_000);
    expect(decodeState(f, base)).toEqual(decodeState(encodeState(s)));
    expect(decodeState(f, base).text).toBe(text);
    // A link made to another version of the sheet is refused, never patched into the wrong place.
    expect(() => decodeState(f, (id) => `${base(id)}\n# a later version`)).toThrow(/edits another version of sheet decoder/);
    expect(() => decodeState(f, () => undefined)).toThrow(/names a sheet this page does not have/);
    // Edits anywhere: at the start, the end, everything, nothing.
    const original = base("basu-2024")!;
    for (const t of [`x${original}`, `${original}y`, "", "z", original.slice(10, 20), original.replace("§4.1", "§4.2")]) {
      expect(decodeState(encodeState({ sheet: "basu-2024", text: t, set: [] }, base), base).text).toBe(t);
    }
  });

  test("a link cut short, from elsewhere or altered says why", () => {
    const f = encodeState(llama);
    expect(() => decodeState(f.slice(0, 40))).toThrow(/cut short or altered/);
    expect(() => decodeState("#section-2")).toThrow(/not made by this page/);
    expect(() => decodeState(`v1.${btoa(JSON.stringify({ sheet: 3 }))}`)).toThrow(/sheet is not text/);
    expect(() => decodeState(`v1.${btoa(JSON.stringify({ sheet: "x", set: [["a"]] }))}`)).toThrow(/name–value pairs/);
  });
});
