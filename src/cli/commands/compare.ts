import { Command, Option } from "commander";
import { compareJson, compareMarkdown, compareSheets, compareText, type Setting } from "../../index.js";
import type { Context } from "../context.js";
import { openSheet } from "../files.js";
import { accessOf, allowPathOption, digitsOption, example, formatOption, hardwareOption, modelOption, presetsOf, setOption, withOptions } from "../options.js";

export function compareCommand(ctx: Context): Command {
  const command = new Command("compare")
    .description("one model through several sheets: each sheet's value of a quantity and its ratio to the first")
    .argument("<sheets...>", "shipped sheet ids or paths");
  withOptions(
    command,
    allowPathOption(),
    modelOption().makeOptionMandatory(),
    hardwareOption(),
    new Option("--target <quantity>", "the vocabulary quantity to compare").default("training_flops"),
    setOption(),
    digitsOption(),
    formatOption(["text", "json", "markdown"]),
  );
  example(command, "flopsheet compare kaplan-2020 chinchilla-2022 gpt3-2020 --model gpt3-175b --target training_flops");
  return command.action((sheetArgs: string[], o: { allowPath: string[]; model: string; hardware?: string; target: string; set: Setting[]; digits: number; format: string }) => {
    const access = accessOf(o, ctx.io.cwd);
    const rows = compareSheets(sheetArgs.map((a) => openSheet(a, access)), { quantity: o.target, presets: presetsOf(o, access), set: o.set });
    ctx.emit(o.format === "json" ? JSON.stringify(compareJson(rows, o.target), null, 2) + "\n" : o.format === "markdown" ? compareMarkdown(rows, o.target, o.digits) : compareText(rows, o.target, o.digits));
  });
}
