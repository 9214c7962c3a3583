import { describe, expect, test } from "vitest";
import { cli, mistake } from "../helpers/cli.js";

const SHEET = `inputs:
  d_model: {description: hidden size, range: [1, 65536]}
  n: sequence length
formulas:
  FLOPs: 2 × d_model² + n × d_model²
`;

describe("every user mistake is exit 2, a located message, and no output", () => {
  test("a formula that does not parse, located in the YAML file with a caret", async () => {
    const r = await cli(["derive", "bad.yaml", "f"], { "bad.yaml": "inputs:\n  x: a value\nformulas:\n  f: 2 × × x\n" });
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: [
        "error: bad.yaml:4:10: unexpected ‘×’; expected a value (a number, a name or ‘(’) [PARSE]",
        " 4 |   f: 2 × × x",
        "   |          ^",
        "",
      ].join("\n"),
    });
  });

  test("a formula that does not parse is still declared: its uses are not reported as unknown names too", async () => {
    const sheet = "inputs:\n  x: a value\nformulas:\n  f: {expr: 2 × (x}\n  g: f + x\nchecks:\n  - {name: c, identity: g == f + x}\n";
    expect(await mistake(["check", "bad.yaml"], { "bad.yaml": sheet })).toEqual(["bad.yaml:4:19: the formula ends too early; expected an operator or ‘)’ [PARSE]"]);
  });

  test("an unknown field, with a suggestion", async () => {
    const text = 'inputs:\n  x: a value\nformulas:\n  f: {expr: 2x, sorce: "§1"}\n';
    expect(await mistake(["check", "bad.yaml"], { "bad.yaml": text })).toEqual([
      "bad.yaml:4:17: unknown field ‘sorce’ in formula ‘f’; did you mean ‘source’? [UNKNOWN_FIELD]",
    ]);
  });

  test("an unknown top-level field lists what is allowed when nothing is close", async () => {
    expect(await mistake(["check", "bad.yaml"], { "bad.yaml": "title: t\nzzz: 1\n" })).toEqual([
      "bad.yaml:2:1: unknown field ‘zzz’ in a sheet; expected one of id, title, source, description, role, conventions, extends, assumes, inputs, formulas, checks, scenarios [UNKNOWN_FIELD]",
    ]);
  });

  test("a file with none of a sheet's fields is not quoted: it may be someone's secrets", async () => {
    const r = await cli(["check", "shadow.yaml"], { "shadow.yaml": "root:$6$secret:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: shadow.yaml:1:1: this file is not a sheet: it has none of the fields a sheet takes (id, title, source, description, role, conventions, extends, assumes, inputs, formulas, checks, scenarios) [SHAPE]\n",
    );
  });

  test("an unknown name, with a suggestion", async () => {
    const text = SHEET.replace("n × d_model²", "n × d_modle²");
    expect(await mistake(["derive", "bad.yaml", "FLOPs"], { "bad.yaml": text })).toEqual([
      "bad.yaml:5:29: unknown name ‘d_modle’ in formula ‘FLOPs’; did you mean ‘d_model’? [UNKNOWN_IDENTIFIER]",
    ]);
  });

  test("a name declared twice", async () => {
    const text = SHEET + "  FLOPs: 3\n";
    expect(await mistake(["derive", "bad.yaml", "FLOPs"], { "bad.yaml": text })).toEqual([
      "bad.yaml:6:3: ‘FLOPs’ appears twice in the same map (first on line 5) [DUPLICATE_KEY]",
    ]);
  });

  test("two checks with one name", async () => {
    const text = SHEET + "checks:\n  - {name: same, identity: FLOPs == FLOPs}\n  - {name: same, identity: n == n}\n";
    expect(await mistake(["check", "bad.yaml"], { "bad.yaml": text })).toEqual([
      "bad.yaml:8:12: two checks are named ‘same’ [DUPLICATE_NAME]",
    ]);
  });

  test("a name that is both input and formula", async () => {
    const text = SHEET + "  n: 2048\n";
    expect(await mistake(["derive", "bad.yaml", "FLOPs"], { "bad.yaml": text })).toEqual([
      "bad.yaml:6:3: ‘n’ is both an input and a formula; rename one of them [INPUT_AND_FORMULA]",
    ]);
  });

  test("a cycle, printed as its path", async () => {
    const text = "inputs:\n  x: a value\nformulas:\n  a: b + x\n  b: c × 2\n  c: a − 1\n";
    expect(await mistake(["derive", "bad.yaml", "a"], { "bad.yaml": text })).toEqual([
      "bad.yaml:4:3: formulas depend on each other in a cycle: a → b → c → a [CYCLE]",
    ]);
  });

  test("a formula that uses itself", async () => {
    const text = "formulas:\n  a: a + 1\n";
    expect(await mistake(["check", "bad.yaml"], { "bad.yaml": text })).toEqual([
      "bad.yaml:2:3: formulas depend on each other in a cycle: a → a [CYCLE]",
    ]);
  });

  test("an input out of its declared range: in a default, a scenario and --set", async () => {
    const text = SHEET.replace("range: [1, 65536]}", "range: [1, 65536], default: 100000}") +
      "scenarios:\n  huge:\n    set: {d_model: 1e6, n: 1}\n";
    expect(await mistake(["check", "bad.yaml"], { "bad.yaml": text })).toEqual([
      "bad.yaml:2:67: d_model = 100000 is outside its declared range [1, 65536] [OUT_OF_RANGE]",
      "bad.yaml:8:11: d_model = 1e6 is outside its declared range [1, 65536] [OUT_OF_RANGE]",
    ]);
    expect(await mistake(["derive", "sheet.yaml", "FLOPs", "--set", "d_model=0", "--set", "n=1"], { "sheet.yaml": SHEET })).toEqual([
      "command line:1:15: d_model = 0 is outside its declared range [1, 65536] [OUT_OF_RANGE]",
    ]);
  });

  test("a fraction where an input takes whole numbers: in a default, a scenario, --set, and a flag that is not one", async () => {
    const whole = SHEET.replace("range: [1, 65536]}", "range: [1, 65536], whole: true, default: 1.5}") + "scenarios:\n  half:\n    set: {d_model: 7/2, n: 1}\n";
    expect(await mistake(["check", "bad.yaml"], { "bad.yaml": whole })).toEqual([
      "bad.yaml:2:80: d_model = 1.5 is not a whole number, and d_model takes whole numbers only [OUT_OF_RANGE]",
      "bad.yaml:8:11: d_model = 7/2 is not a whole number, and d_model takes whole numbers only [OUT_OF_RANGE]",
    ]);
    // A ZeRO stage is 0, 1, 2 or 3: stage 1.5 would be a number no configuration has.
    expect(await mistake(["derive", "zero-2020", "memory_stage", "--set", "zero_stage=1.5", "--set", "params=7e9", "--set", "n_devices=8"])).toEqual([
      "command line:1:18: z = 1.5 is not a whole number, and z takes whole numbers only [OUT_OF_RANGE]",
    ]);
    const flag = SHEET.replace("range: [1, 65536]}", "range: [1, 65536], whole: yes}");
    expect(await mistake(["check", "bad.yaml"], { "bad.yaml": flag })).toEqual([
      "bad.yaml:2:65: whether input ‘d_model’ takes whole numbers only is true or false, not ‘yes’ [INVALID_VALUE]",
    ]);
  });

  test("every missing input at once", async () => {
    expect(await mistake(["derive", "sheet.yaml", "FLOPs"], { "sheet.yaml": SHEET })).toEqual([
      "sheet.yaml:2:3: no value for input ‘d_model’ (hidden size): give one with --set d_model=… or a default [MISSING_INPUT]",
      "sheet.yaml:3:3: no value for input ‘n’ (sequence length): give one with --set n=… or a default [MISSING_INPUT]",
    ]);
  });

  test("a --set naming no input, and one naming a formula", async () => {
    expect(await mistake(["derive", "sheet.yaml", "FLOPs", "--set", "d_mdl=4", "--set", "FLOPs=1", "--set", "n=1"], { "sheet.yaml": SHEET })).toEqual([
      "command line:1:7: sheet sheet has no input ‘d_mdl’; did you mean ‘d_model’? [UNKNOWN_IDENTIFIER]",
      "command line:1:7: ‘FLOPs’ is the formula of sheet sheet asked for: setting it would only print the value given [INVALID_VALUE]",
      "sheet.yaml:2:3: no value for input ‘d_model’ (hidden size): give one with --set d_model=… or a default [MISSING_INPUT]",
    ]);
  });

  test("a misspelt --set of a quantity the sheet binds is told the quantity's name", async () => {
    expect(await mistake(["derive", "decoder", "training_flops_per_token", "--model", "llama-3-8b", "--set", "seq_lne=8192"])).toEqual([
      "command line:1:7: sheet decoder has no input ‘seq_lne’; did you mean ‘seq_len’? [UNKNOWN_IDENTIFIER]",
    ]);
  });

  test("an estimate refuses a --set that no sheet reads, rather than print every row without it", async () => {
    expect(await mistake(["estimate", "--model", "llama-3-8b", "--set", "seq_lne=8192", "--set", "tokens=15e12"])).toEqual([
      "command line:1:7: no sheet reads ‘seq_lne’; did you mean ‘seq_len’? [UNKNOWN_IDENTIFIER]",
    ]);
    expect(await mistake(["estimate", "--model", "llama-3-8b", "--set", "zzz=1", "--format", "json"])).toEqual([
      "command line:1:7: no sheet reads ‘zzz’ (flopsheet vocabulary lists the quantities) [UNKNOWN_IDENTIFIER]",
    ]);
  });

  test("a --set of a quantity whose value is not a number is refused, by derive and by estimate", async () => {
    // It was an internal error (exit 3): the quantity's value reached the presets' values unread.
    expect(await mistake(["derive", "decoder", "forward_flops_per_token", "--model", "llama-3-8b", "--set", "seq_len=abc"])).toEqual([
      "command line:1:15: the value of ‘seq_len’ must be a number, not a formula [INVALID_VALUE]",
    ]);
    expect(await mistake(["estimate", "--model", "llama-3-8b", "--set", "seq_len=abc"])).toEqual([
      "command line:1:15: the value of ‘seq_len’ must be a number, not a formula [INVALID_VALUE]",
    ]);
  });

  test("a count below one is refused by the vocabulary's range, in every sheet that reads it", async () => {
    expect(await mistake(["derive", "decoder", "params", "--model", "llama-3-8b", "--set", "n_layers=-3"])).toEqual([
      "command line:1:16: L = -3 is outside its declared range [1, 1e30] [OUT_OF_RANGE]",
    ]);
    // An input bound to params, and a formula a setting pins (serving's weight_bytes), are checked
    // against the quantity's range too: no memory is computed from −5 parameters or −5 bytes.
    expect(await mistake(["derive", "serving", "weight_bytes", "--set", "params=-5"])).toEqual([
      "command line:1:14: P = -5 is outside its declared range [0, 1e30] [OUT_OF_RANGE]",
    ]);
    expect(await mistake(["derive", "serving", "memory_per_device", "--set", "weight_bytes=-5", "--set", "batch_size=1", "--set", "kv_cache_bytes_per_sequence=1000"])).toEqual([
      "command line:1:20: weight_bytes = -5 is outside its declared range [0, 1e30] [OUT_OF_RANGE]",
    ]);
    // An estimate refuses it once, rather than print rows from it or rows that each refuse it.
    expect(await mistake(["estimate", "--model", "llama-3-8b", "--set", "seq_len=-5"])).toEqual([
      "command line:1:15: seq_len = -5 is outside what it can be, [1, 1e30] [OUT_OF_RANGE]",
    ]);
  });

  test("a report of every formula says a misspelt --set, not only that nothing could be evaluated", async () => {
    expect(await mistake(["report", "decoder", "--model", "llama-3-8b", "--set", "tokns=1e12"])).toEqual([
      "command line:1:7: sheet decoder has no input ‘tokns’; did you mean ‘tokens’? [UNKNOWN_IDENTIFIER]",
    ]);
  });

  test("a model given as the hardware, or hardware as the model, is refused rather than read", async () => {
    expect(await mistake(["derive", "decoder", "params", "--model", "llama-3-8b", "--hardware", "llama-3-8b"])).toEqual(["‘llama-3-8b’ is a model preset, not a hardware preset (flopsheet models lists both kinds) [NOT_FOUND]"]);
    expect(await mistake(["compare", "decoder", "--model", "h100-sxm"])).toEqual(["‘h100-sxm’ is a hardware preset, not a model preset (flopsheet models lists both kinds) [NOT_FOUND]"]);
  });

  test("a --set value that is not a number", async () => {
    expect(await mistake(["derive", "sheet.yaml", "FLOPs", "--set", "n=2 ×", "--set", "d_model=8"], { "sheet.yaml": SHEET })).toEqual([
      "command line:1:12: the formula ends too early; expected a value (a number, a name or ‘(’) [PARSE]",
    ]);
  });

  test("a YAML alias is refused", async () => {
    const text = "inputs:\n  x: &d a value\n  y: *d\n";
    expect(await mistake(["check", "bad.yaml"], { "bad.yaml": text })).toEqual([
      "bad.yaml:3:6: YAML aliases (*name) are not allowed in sheets; write the value out [ALIAS]",
    ]);
  });

  test("broken YAML", async () => {
    expect((await mistake(["check", "bad.yaml"], { "bad.yaml": "inputs: [\n" }))[0]).toMatch(/^bad\.yaml:\d+:\d+: invalid YAML: .+ \[YAML\]$/);
  });

  test("arithmetic that fails names the step of the trail", async () => {
    const text = "inputs:\n  x: a value\nformulas:\n  a: x − 1\n  b: 1 / a\n";
    expect(await mistake(["derive", "bad.yaml", "b", "--set", "x=1"], { "bad.yaml": text })).toEqual([
      "bad.yaml:5:10: division by zero in formula ‘b’ (step 2 of the trail) [ARITHMETIC]",
    ]);
  });

  test("unknown target, scenario and sheet", async () => {
    expect(await mistake(["derive", "sheet.yaml", "FLOP"], { "sheet.yaml": SHEET })).toEqual([
      "sheet sheet has no formula ‘FLOP’; did you mean ‘FLOPs’? [UNKNOWN_TARGET]",
    ]);
    expect(await mistake(["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.3"])).toEqual([
      "sheet basu-2024 has no scenario ‘section-4.3’; did you mean ‘section-4.2’? [UNKNOWN_SCENARIO]",
    ]);
    expect(await mistake(["derive", "basu-2042", "Total_FLOPs"])).toEqual([
      "no shipped sheet ‘basu-2042’; did you mean ‘basu-2024’? (flopsheet sheets lists them; a path to a YAML file works too) [NOT_FOUND]",
    ]);
    expect(await mistake(["check", "missing.yaml"])).toEqual(["cannot read sheet missing.yaml: no such file [NOT_FOUND]"]);
  });

  test("bad usage: unknown command, bad option values", async () => {
    expect((await cli(["frobnicate"])).code).toBe(2);
    expect((await cli(["derive", "basu-2024", "Total_FLOPs", "--digits", "0"])).code).toBe(2);
    expect((await cli(["derive", "basu-2024", "Total_FLOPs", "--set", "novalue"])).stderr).toContain("expected NAME=VALUE, got ‘novalue’");
    expect((await cli(["derive", "basu-2024", "Total_FLOPs", "--format", "xml"])).code).toBe(2);
  });

  test("help and version are not errors", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("derive [options] <sheet> <target>");
    expect(await cli(["--version"])).toEqual({ code: 0, stdout: "0.0.0-test\n", stderr: "" });
  });
});
