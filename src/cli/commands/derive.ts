import { Command } from "commander";
import { assumptionsJson, assumptionsText, derivationJson, derivationText, deriveForModel, displayUnits, fitJson, fitText, unreadJson, unreadText, type Setting } from "../../index.js";
import { EXIT, type Context } from "../context.js";
import { openSheet } from "../files.js";
import { accessOf, allowPathOption, conventionMap, conventionOption, digitsOption, example, formatOption, fromMap, fromOption, hardwareOption, modelOption, presetsOf, scenarioOption, setOption, strictOption, unitOption, withOptions } from "../options.js";

export function deriveCommand(ctx: Context): Command {
  const command = new Command("derive")
    .description("derive a formula's value, with the trail of every step")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("<target>", "the formula to derive");
  withOptions(command, allowPathOption(), scenarioOption(), setOption(), modelOption(), hardwareOption(), digitsOption(), formatOption(["text", "json"]), strictOption(), fromOption(), unitOption(), conventionOption());
  example(command, "flopsheet derive basu-2024 Total_FLOPs --scenario section-4.2");
  return command.action((sheetArg: string, target: string, o: { allowPath: string[]; scenario?: string; set: Setting[]; model?: string; hardware?: string; digits: number; format: string; strict?: boolean; from: Setting[]; unit: Setting[]; convention: Setting[] }) => {
    const access = accessOf(o, ctx.io.cwd);
    const sheet = openSheet(sheetArg, access);
    const presets = presetsOf(o, access);
    const { derivation: d, warnings, assumptions, unread } = deriveForModel(sheet, target, { scenario: o.scenario, set: o.set, presets, from: fromMap(o.from), conventions: conventionMap(o.convention) });
    const units = displayUnits(d, o.unit);
    ctx.emit(
      o.format === "json"
        ? JSON.stringify({ ...derivationJson(d, { units }), assumptions: assumptionsJson(assumptions), warnings: fitJson(warnings), not_read: unreadJson(unread) }, null, 2) + "\n"
        : derivationText(d, { digits: o.digits, style: ctx.style, units }) + assumptionsText(assumptions) + fitText(warnings) + unreadText(unread, [d.target]),
    );
    if (o.strict && (warnings.length > 0 || unread.length > 0)) ctx.exitWith(EXIT.checkFailed);
  });
}
