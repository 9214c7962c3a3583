import { Command } from "commander";
import { auditSheet, auditText, checkRunJson, checksText, fitJson, fitText, fitWarnings, runChecks, shippedSheetIds } from "../../index.js";
import { EXIT, type Context } from "../context.js";
import { openSheet } from "../files.js";
import { accessOf, allowPathOption, example, formatOption, hardwareOption, modelOption, presetsOf, withOptions } from "../options.js";

export function checkCommand(ctx: Context): Command {
  const command = new Command("check")
    .description("run sheets' checks: identities and published figures (every shipped sheet when none is named)")
    .argument("[sheets...]", "shipped sheet ids or paths");
  withOptions(
    command,
    allowPathOption(),
    modelOption("also audit each quantity this model preset publishes and the sheet derives, and say where the sheet does not fit the model"),
    hardwareOption(),
    formatOption(["text", "json"]),
  );
  example(command, "flopsheet check", "flopsheet check kaplan-2020 --model gpt3-175b");
  return command.action((sheetArgs: string[], o: { allowPath: string[]; model?: string; hardware?: string; format: string }) => {
    const access = accessOf(o, ctx.io.cwd);
    const sheets = (sheetArgs.length > 0 ? sheetArgs : shippedSheetIds()).map((a) => openSheet(a, access));
    const presets = presetsOf(o, access);
    const runs = sheets.map((s) => {
      const audit = presets.length > 0 ? auditSheet(s, presets) : undefined;
      // Judged on the formulas audited: a sheet that does not fit explains an audit far off.
      const warnings = audit ? fitWarnings(s, presets, { targets: [...new Set(audit.map((a) => a.formula))] }) : [];
      return { report: runChecks(s), audit, warnings };
    });
    ctx.emit(
      o.format === "json"
        ? JSON.stringify(
            (checkRunJson(runs) as object[]).map((r, i) => (runs[i]!.audit ? { ...r, fits: runs[i]!.warnings.length === 0, warnings: fitJson(runs[i]!.warnings) } : r)),
            null,
            2,
          ) + "\n"
        : runs.map((r) => checksText(r.report, { style: ctx.style }) + auditText(r.audit ?? [], ctx.style) + (r.audit && r.audit.length > 0 ? fitText(r.warnings).replace(/\n$/, "") + (r.warnings.length ? "\n" : "") : "")).join("\n"),
    );
    // An audit outside its tolerance is a check that failed, like a published figure that is off.
    if (!runs.every((r) => r.report.passed && (r.audit ?? []).every((a) => a.agrees))) ctx.exitWith(EXIT.checkFailed);
  });
}
