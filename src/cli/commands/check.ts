import { Command } from "commander";
import { auditSheet, auditText, checkRunJson, checksText, runChecks, shippedSheetIds } from "../../index.js";
import { EXIT, type Context } from "../context.js";
import { openSheet } from "../files.js";
import { accessOf, allowPathOption, example, formatOption, hardwareOption, modelOption, presetsOf, withOptions } from "../options.js";

export function checkCommand(ctx: Context): Command {
  const command = new Command("check")
    .description("run sheets' checks: identities and published figures (every shipped sheet when none is named)")
    .argument("[sheets...]", "shipped sheet ids or paths");
  withOptions(command, allowPathOption(), modelOption("also audit each quantity this model preset publishes and the sheet derives"), hardwareOption(), formatOption(["text", "json"]));
  example(command, "flopsheet check", "flopsheet check kaplan-2020 --model gpt3-175b");
  return command.action((sheetArgs: string[], o: { allowPath: string[]; model?: string; hardware?: string; format: string }) => {
    const access = accessOf(o, ctx.io.cwd);
    const sheets = (sheetArgs.length > 0 ? sheetArgs : shippedSheetIds()).map((a) => openSheet(a, access));
    const presets = presetsOf(o, access);
    const runs = sheets.map((s) => ({ report: runChecks(s), audit: presets.length > 0 ? auditSheet(s, presets) : undefined }));
    ctx.emit(
      o.format === "json"
        ? JSON.stringify(checkRunJson(runs), null, 2) + "\n"
        : runs.map((r) => checksText(r.report, { style: ctx.style }) + auditText(r.audit ?? [], ctx.style)).join("\n"),
    );
    if (!runs.every((r) => r.report.passed)) ctx.exitWith(EXIT.checkFailed);
  });
}
