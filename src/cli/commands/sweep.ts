import { Command, Option } from "commander";
import { fitText, unreadText, formatNumber, FlopsheetError, Rational, MAX_POINTS, parseVary, planSweep, pointCount, sweepRenderer, type SweepFormat, type SweepRow } from "../../index.js";
import { MAX_PLOT_POINTS, sweepSvg } from "../../plot.js";
import type { Context } from "../context.js";
import { notReadFor, openExplore, warningsFor, varyOption, type ExploreFlags } from "../explore-options.js";
import { allowPathOption, digitsOption, example, formatOption, fromOption, conventionOption, hardwareOption, modelOption, scenarioOption, setOption, withOptions } from "../options.js";
import { writeWhole } from "../write-whole.js";
import { progressBar } from "../progress.js";

export function sweepCommand(ctx: Context): Command {
  const command = new Command("sweep")
    .description("targets over ranges of inputs (or the vocabulary names they are bound to): rows stream as they are computed, in floats through compiled closures, or exactly with --exact")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("<targets...>", "formulas, or the vocabulary quantities they bind");
  withOptions(
    command,
    allowPathOption(),
    varyOption(),
    scenarioOption(),
    setOption(),
    modelOption(),
    hardwareOption(),
    fromOption(), conventionOption(),
    new Option("--exact", "derive every point exactly (slow; the floats agree to about 1e-15)"),
    digitsOption(),
    formatOption<SweepFormat>(["table", "csv", "json"]),
    // Not toLocaleString here: it loads ICU's data, 10 ms of every command's start-up.
    new Option("--plot <file.svg>", `also draw the sweep as an SVG line chart (at most ${formatNumber(Rational.of(MAX_PLOT_POINTS))} points)`),
  );
  example(
    command,
    "flopsheet sweep decoder training_flops_per_token --model llama-3-8b --vary seq_len=1024..131072:×2",
    "flopsheet sweep chinchilla-2022 training_flops --model chinchilla-70b --vary d_model=2048..16384:×2 --vary num_layers=40,80 --format csv",
  );
  return command.action(async (sheetArg: string, targets: string[], o: ExploreFlags & { vary: string[]; exact?: boolean; digits: number; format: SweepFormat; plot?: string }) => {
    const vary = o.vary.map((v) => parseVary(v, "--vary"));
    if (vary.length === 0) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: "sweep needs at least one --vary NAME=FROM..TO (e.g. --vary seq_len=1024..8192:×2)" });
    const points = pointCount(vary);
    if (points > MAX_POINTS) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `${points.toLocaleString("en-US")} points; a sweep takes at most ${MAX_POINTS.toLocaleString("en-US")}` });
    if (o.plot && points > MAX_PLOT_POINTS) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `--plot: ${points.toLocaleString("en-US")} points; a plot takes at most ${MAX_PLOT_POINTS.toLocaleString("en-US")} (sweep fewer, or write --format csv and plot it yourself)` });
    if (o.plot && !o.plot.endsWith(".svg")) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `--plot writes SVG: name a file ending in .svg, not ‘${o.plot}’` });
    const opened = openExplore(sheetArg, o, ctx.io.cwd);
    const { sheet, options } = opened;
    const sweep = planSweep(sheet, targets, { ...options, vary, exact: o.exact });
    // Planned and checked: from here on rows stream, and a failing point is a row with its reason.
    const r = sweepRenderer(sweep, o.format, { digits: o.digits, style: ctx.style });
    for (const w of sweep.warnings) if (o.format !== "table") ctx.io.err(`warning: ${w}\n`);
    // Whether the sheet describes the model, judged at the first point, on stderr: rows are data.
    const fit = warningsFor(opened, sweep.targets.map((t) => t.formula), sweep.base);
    if (fit.length > 0) ctx.io.err(fitText(fit));
    ctx.io.err(unreadText(notReadFor(opened, [{ sheet, inputs: sweep.base, scenario: sheet.scenarios.find((x) => x.name === options.scenario) }]), sweep.targets.map((t) => t.formula)));
    ctx.stream(r.header);
    const kept: SweepRow[] = [];
    const bar = progressBar(ctx.io, points);
    let k = 0;
    let chunk = "";
    for (const row of sweep.rows()) {
      chunk += r.row(row);
      if (o.plot) kept.push(row);
      // Written in pieces, not a line at a time: a million writes would cost more than the sweep.
      if (chunk.length > 1 << 16) {
        ctx.stream(chunk);
        chunk = "";
        // A reader slower than the sweep (a pipe, | head) holds it back, rather than a queue of every row.
        await ctx.io.drained?.();
      }
      if (bar && ++k % 1000 === 0) bar.update(k);
    }
    ctx.stream(chunk + r.footer);
    bar?.stop();
    if (o.plot) writeWhole(o.plot, await sweepSvg(sweep, kept));
  });
}
