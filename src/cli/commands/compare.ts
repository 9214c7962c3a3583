import { Command, Option } from "commander";
import { FlopsheetError, compareJson, compareMarkdown, compareModels, compareText, type Setting } from "../../index.js";
import { EXIT, type Context } from "../context.js";
import { openPreset, openSheet } from "../files.js";
import { accessOf, allowPathOption, digitsOption, example, formatOption, fromMap, fromOption, hardwareOption, setOption, strictOption, withOptions, conventionMap, conventionOption } from "../options.js";

export function compareCommand(ctx: Context): Command {
  const command = new Command("compare")
    .description("models through several sheets: each sheet's value of a quantity, its ratio to the first, and whether the sheet fits the model")
    .argument("<sheets...>", "shipped sheet ids or paths");
  withOptions(
    command,
    allowPathOption(),
    new Option("--model <model>", "a model preset (id, YAML path or Hugging Face config.json); repeat it for a model × sheet table")
      .argParser((m: string, previous: string[]) => [...previous, m])
      .default([]),
    hardwareOption(),
    new Option("--target <quantity>", "the vocabulary quantity to compare").default("training_flops"),
    setOption(),
    fromOption(),
    digitsOption(),
    formatOption(["text", "json", "markdown"]),
    strictOption(),
    conventionOption(),
  );
  example(
    command,
    "flopsheet compare kaplan-2020 chinchilla-2022 gpt3-2020 --model gpt3-175b --target training_flops",
    "flopsheet compare kaplan-2020 decoder --model llama-3-8b --model mixtral-8x7b --target params",
  );
  return command.action(
    (sheetArgs: string[], o: { allowPath: string[]; model: string[]; hardware?: string; target: string; set: Setting[]; from: Setting[]; digits: number; format: string; strict?: boolean; convention: Setting[] }) => {
      if (o.model.length === 0) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: "compare needs a model: --model ID, a preset's path or a config.json (flopsheet models lists the presets)" });
      const access = accessOf(o, ctx.io.cwd);
      const hardware = o.hardware !== undefined ? [openPreset(o.hardware, access, undefined, "hardware")] : [];
      const models = o.model.map((m) => [openPreset(m, access, undefined, "models"), ...hardware]);
      const sheets = sheetArgs.map((a) => openSheet(a, access));
      const groups = compareModels(sheets, { quantity: o.target, models, set: o.set, from: fromMap(o.from), conventions: conventionMap(o.convention) });
      if (o.format === "json") ctx.emit(JSON.stringify(compareJson(groups, o.target), null, 2) + "\n");
      else ctx.emit(o.format === "markdown" ? compareMarkdown(groups, o.target, o.digits) : compareText(groups, o.target, o.digits));
      if (o.strict && groups.some((g) => g.rows.some((r) => r.warnings.length > 0))) ctx.exitWith(EXIT.checkFailed);
    },
  );
}
