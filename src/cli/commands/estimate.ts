import { Command } from "commander";
import { estimate, estimateJson, estimateMarkdown, estimateText, type EstimateEntry, type Setting } from "../../index.js";
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
          : estimateText(model, entries, { digits: o.digits, style: ctx.style, wording: CLI_WORDING, harmless }) + trailHint(entries, o),
    );
  });
}

/**
 * Where each row's trail is: the derive command with the same options, for one row that has a
 * value (the time per token where a device was given: the row whose bound people ask about).
 */
function trailHint(entries: readonly EstimateEntry[], o: { model: string; hardware?: string; set: Setting[]; convention: Setting[] }): string {
  const shown = entries.filter((e) => e.value !== undefined && e.sheet !== undefined);
  const row = shown.find((e) => e.quantity === "time_per_output_token") ?? shown[0];
  if (!row) return "";
  const quote = (t: string) => (/^[\w.,:/=+-]+$/.test(t) ? t : `'${t.replace(/'/g, "'\\''")}'`);
  const args = [
    ["--model", o.model],
    ...(o.hardware ? [["--hardware", o.hardware]] : []),
    ...o.set.map((s) => ["--set", `${s.name}=${s.text}`]),
    ...o.convention.map((c) => ["--convention", `${c.name}=${c.text}`]),
  ].map(([flag, value]) => `${flag} ${quote(value!)}`);
  return `\nEach value's trail: flopsheet derive SHEET QUANTITY with the same options, e.g.\n  flopsheet derive ${row.sheet} ${row.quantity} ${args.join(" ")}\n`;
}
