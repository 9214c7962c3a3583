import { Command } from "commander";
import { fitJson, fitText, sensitivity, sensitivityJson, sensitivityText, unreadJson, unreadText } from "../../index.js";
import type { Context } from "../context.js";
import { notReadFor, openExplore, warningsFor, type ExploreFlags } from "../explore-options.js";
import { allowPathOption, digitsOption, example, formatOption, fromOption, conventionOption, hardwareOption, modelOption, scenarioOption, setOption, withOptions } from "../options.js";

export function sensitivityCommand(ctx: Context): Command {
  const command = new Command("sensitivity")
    .description("which input moves a target most: exact partial derivatives and elasticities (∂ln f/∂ln x) at the point, sorted")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("<target>", "the formula (or the vocabulary quantity it binds)");
  withOptions(command, allowPathOption(), scenarioOption(), setOption(), modelOption(), hardwareOption(), fromOption(), conventionOption(), digitsOption(), formatOption(["text", "json"]));
  example(command, "flopsheet sensitivity decoder training_flops --model llama-3-8b --set seq_len=8192 --set tokens=15e12");
  return command.action((sheetArg: string, target: string, o: ExploreFlags & { digits: number; format: string }) => {
    const opened = openExplore(sheetArg, o, ctx.io.cwd);
    const { sheet, options } = opened;
    const r = sensitivity(sheet, target, options);
    const warnings = warningsFor(opened, [r.target], r.derivation.inputs);
    const unread = notReadFor(opened, [r.derivation]);
    ctx.emit(o.format === "json" ? JSON.stringify({ ...sensitivityJson(r), warnings: fitJson(warnings), not_read: unreadJson(unread) }, null, 2) + "\n" : sensitivityText(r, { digits: o.digits, style: ctx.style }) + fitText(warnings) + unreadText(unread, [r.target]));
  });
}
