import { Command } from "commander";
import { estimate, estimateJson, estimateMarkdown, estimateText, type Setting } from "../../index.js";
import { CLI_WORDING } from "../wording.js";
import type { Context } from "../context.js";
import { accessOf, allowPathOption, conventionMap, conventionOption, digitsOption, example, formatOption, hardwareOption, modelOption, presetsOf, setOption, withOptions } from "../options.js";

export function estimateCommand(ctx: Context): Command {
  const command = new Command("estimate").description("every quantity the vocabulary knows for a model, each from a sheet that fits it");
  withOptions(command, allowPathOption(), modelOption().makeOptionMandatory(), hardwareOption(), setOption(), digitsOption(), formatOption(["text", "json", "markdown"]), conventionOption());
  example(command, "flopsheet estimate --model config.json --set tokens=15e12 --set seq_len=8192");
  return command.action((o: { allowPath: string[]; model: string; hardware?: string; set: Setting[]; digits: number; format: string; convention: Setting[] }) => {
    const presets = presetsOf(o, accessOf(o, ctx.io.cwd));
    const entries = estimate({ presets, set: o.set, conventions: conventionMap(o.convention) });
    const model = presets[0]!.id;
    const harmless = presets.flatMap((p) => p.harmless ?? []);
    ctx.emit(
      o.format === "json"
        ? JSON.stringify({ ...estimateJson(model, entries), harmless_config_keys: harmless }, null, 2) + "\n"
        : o.format === "markdown"
          ? estimateMarkdown(model, entries, o.digits)
          : estimateText(model, entries, { digits: o.digits, style: ctx.style, wording: CLI_WORDING, harmless }),
    );
  });
}
