import { Command } from "commander";
import { canonicalForms, fitText, fitWarnings, formsJson, formsLatex, formsText } from "../../index.js";
import { EXIT, type Context } from "../context.js";
import { openSheet } from "../files.js";
import { accessOf, allowPathOption, example, formatOption, hardwareOption, modelOption, presetsOf, strictOption, withOptions } from "../options.js";

export function symbolicCommand(ctx: Context): Command {
  const command = new Command("symbolic")
    .description("print formulas as exact expanded sums in terms of the sheet's inputs")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("[targets...]", "formulas to print (all when none is named)");
  withOptions(command, allowPathOption(), modelOption("a model preset: the inputs it gives become numbers"), hardwareOption(), formatOption(["text", "latex", "json"]), strictOption());
  example(command, "flopsheet symbolic basu-2024 FLOPs_attention");
  return command.action((sheetArg: string, targets: string[], o: { allowPath: string[]; model?: string; hardware?: string; format: string; strict?: boolean }) => {
    const access = accessOf(o, ctx.io.cwd);
    const sheet = openSheet(sheetArg, access);
    const presets = presetsOf(o, access);
    const forms = canonicalForms(sheet, { targets, presets });
    const symbols = new Map(sheet.inputs.filter((i) => i.latex).map((i) => [i.name, i.latex!]));
    const warnings = fitWarnings(sheet, presets, { targets: [...forms.keys()] });
    ctx.emit(o.format === "json" ? JSON.stringify(formsJson(forms, symbols), null, 2) + "\n" : o.format === "latex" ? formsLatex(forms, symbols) : formsText(forms, ctx.style) + fitText(warnings));
    // JSON and LaTeX hold forms only (a key or a line of them could not be told from a warning): stderr.
    if (o.format !== "text" && warnings.length > 0) ctx.io.err(`warning: ${sheet.id} does not fit the model:${fitText(warnings).replace(/^\nDoes not fit\n/, "\n")}`);
    if (o.strict && warnings.length > 0) ctx.exitWith(EXIT.checkFailed);
  });
}
