import { Command } from "commander";
import { canonicalForms, formsJson, formsLatex, formsText } from "../../index.js";
import type { Context } from "../context.js";
import { openSheet } from "../files.js";
import { accessOf, allowPathOption, example, formatOption, hardwareOption, modelOption, presetsOf, withOptions } from "../options.js";

export function symbolicCommand(ctx: Context): Command {
  const command = new Command("symbolic")
    .description("print formulas as exact expanded sums in terms of the sheet's inputs")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("[targets...]", "formulas to print (all when none is named)");
  withOptions(command, allowPathOption(), modelOption("a model preset: the inputs it gives become numbers"), hardwareOption(), formatOption(["text", "latex", "json"]));
  example(command, "flopsheet symbolic basu-2024 FLOPs_attention");
  return command.action((sheetArg: string, targets: string[], o: { allowPath: string[]; model?: string; hardware?: string; format: string }) => {
    const access = accessOf(o, ctx.io.cwd);
    const sheet = openSheet(sheetArg, access);
    const forms = canonicalForms(sheet, { targets, presets: presetsOf(o, access) });
    const symbols = new Map(sheet.inputs.filter((i) => i.latex).map((i) => [i.name, i.latex!]));
    ctx.emit(o.format === "json" ? JSON.stringify(formsJson(forms, symbols), null, 2) + "\n" : o.format === "latex" ? formsLatex(forms, symbols) : formsText(forms, ctx.style));
  });
}
