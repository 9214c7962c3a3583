import { Command, Option } from "commander";
import { compareJson, compareMarkdown, compareSheets, compareText, fitJson, fitText, fitWarnings, type Setting } from "../../index.js";
import { EXIT, type Context } from "../context.js";
import { openSheet } from "../files.js";
import { accessOf, allowPathOption, digitsOption, example, formatOption, hardwareOption, modelOption, presetsOf, setOption, strictOption, withOptions } from "../options.js";

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
    strictOption(),
  );
  example(command, "flopsheet compare kaplan-2020 chinchilla-2022 gpt3-2020 --model gpt3-175b --target training_flops");
  return command.action((sheetArgs: string[], o: { allowPath: string[]; model: string; hardware?: string; target: string; set: Setting[]; digits: number; format: string; strict?: boolean }) => {
    const access = accessOf(o, ctx.io.cwd);
    const presets = presetsOf(o, access);
    const sheets = sheetArgs.map((a) => openSheet(a, access));
    const rows = compareSheets(sheets, { quantity: o.target, presets, set: o.set });
    const warnings = new Map(sheets.map((s) => [s.id, fitWarnings(s, presets)] as const));
    const notFitting = [...warnings].filter(([, w]) => w.length > 0);
    // A row from a sheet that does not describe the model is marked, and says why below the table.
    const why = notFitting.map(([id, w]) => `${id}:${fitText(w).replace(/^\nDoes not fit\n/, "\n")}`).join("");
    if (o.format === "json") {
      const json = compareJson(rows, o.target) as { rows: { sheet: string }[] };
      ctx.emit(JSON.stringify({ ...json, rows: json.rows.map((r) => ({ ...r, fits: warnings.get(r.sheet)!.length === 0, warnings: fitJson(warnings.get(r.sheet)!) })) }, null, 2) + "\n");
    } else {
      const table = o.format === "markdown" ? compareMarkdown(rows, o.target, o.digits) : compareText(rows, o.target, o.digits);
      const marked = table
        .split("\n")
        .map((line) => (notFitting.some(([id]) => line.startsWith(id + " ") || line.startsWith(`| ${id} `)) ? `${line}  ✗ does not fit` : line))
        .join("\n");
      ctx.emit(marked + (why ? `\nDoes not fit the model\n${why}` : ""));
    }
    if (o.strict && notFitting.length > 0) ctx.exitWith(EXIT.checkFailed);
  });
}
