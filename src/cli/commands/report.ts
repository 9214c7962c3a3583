import { basename, dirname, resolve } from "node:path";
import { Command, Option } from "commander";
import { breakdown, chainFrom, FlopsheetError, parseVary, planSweep, renderBuiltReport, reportForModel, type ReportFormat, type Setting, type StepsMode } from "../../index.js";
import { EXIT, type Context } from "../context.js";
import { openSheet } from "../files.js";
import { accessOf, allowPathOption, digitsOption, example, formatOption, fromMap, fromOption, conventionOption, conventionMap, hardwareOption, modelOption, presetsOf, scenarioOption, setOption, strictOption, withOptions } from "../options.js";
import { writeWhole } from "../write-whole.js";
import { breakdownSvg, sweepSvg } from "../../plot.js";

export function reportCommand(ctx: Context): Command {
  const command = new Command("report")
    .description("a report to publish: LaTeX, Markdown or self-contained HTML")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("[targets...]", "formulas to derive (default: those the scenario publishes, else all that can be)");
  withOptions(
    command,
    allowPathOption(),
    scenarioOption(),
    setOption(),
    modelOption(),
    hardwareOption(),
    formatOption(["latex", "markdown", "html"] as const, "latex", "report format"),
    new Option("--steps <steps>", "every line of the trail, formula and result, or a results table").choices(["full", "short", "results"]).default("full"),
    digitsOption(),
    new Option("--fragment", "LaTeX without preamble, for \\input into a paper"),
    new Option("--macros", "LaTeX: a \\newcommand per result, e.g. \\TotalFLOPs"),
    new Option("-o, --output <file>", "write to a file (whole or not at all) instead of standard output"),
    fromOption(), conventionOption(),
    strictOption(),
    new Option("--plot-breakdown", "Markdown and HTML: a bar chart of each target's parts (as breakdown --plot draws it)"),
    new Option("--plot-vary <name=from..to[:step]>", "Markdown and HTML: a chart of the targets along a range of one input (as sweep --plot draws it)"),
  );
  example(
    command,
    "flopsheet report basu-2024 --scenario section-4.2 --format html -o report.html",
    "flopsheet report decoder training_flops_per_token --model llama-3-8b --set seq_len=8192 --format html --plot-breakdown --plot-vary seq_len=1024..131072:×2 -o llama.html",
  );
  type Options = { allowPath: string[]; scenario?: string; set: Setting[]; model?: string; hardware?: string; format: ReportFormat; steps: StepsMode; digits: number; fragment?: boolean; macros?: boolean; output?: string; from: Setting[]; strict?: boolean; plotBreakdown?: boolean; plotVary?: string; convention: Setting[] };
  return command.action(async (sheetArg: string, targets: string[], o: Options) => {
    if ((o.plotBreakdown || o.plotVary) && o.format === "latex") {
      throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: "--plot-breakdown and --plot-vary embed SVG charts in Markdown and HTML reports; pdflatex cannot include SVG without packages texlive-latex-recommended lacks (draw them with breakdown --plot or sweep --plot)" });
    }
    const vary = o.plotVary ? parseVary(o.plotVary, "--plot-vary") : undefined;
    if (vary && o.set.some((x) => x.name === vary.name)) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `${vary.name} is both --set and --plot-vary; keep one` });
    const access = accessOf(o, ctx.io.cwd);
    const sheet = openSheet(sheetArg, access);
    const presets = presetsOf(o, access);
    const from = fromMap(o.from);
    const conventions = conventionMap(o.convention);
    const report = reportForModel(sheet, { targets, scenario: o.scenario, set: o.set, presets, from, conventions });
    // Charts from the same derivations: breakdowns of each target, and the targets along a range.
    const chain = presets.length > 0 ? chainFrom(presets, { set: o.set, from, conventions }) : undefined;
    const options = { scenario: o.scenario, set: o.set, presets, chain, conventions };
    const drawn: { title: string; svg: string }[] = [];
    if (o.plotBreakdown) {
      for (const t of report.targets) drawn.push({ title: `The parts of ${t}`, svg: await breakdownSvg(breakdown(sheet, t, options), sheet.formulas.find((f) => f.name === t)?.unit) });
    }
    if (vary) {
      const sweep = planSweep(sheet, report.targets, { ...options, vary: [vary] });
      drawn.push({ title: `${report.targets.join(", ")} along ${vary.name}`, svg: await sweepSvg(sweep, [...sweep.rows()]) });
    }
    // Markdown links each chart from a file beside the report; HTML carries them inside.
    const output = o.output === undefined ? undefined : resolve(ctx.io.cwd, o.output);
    const figures = drawn.map((f, i) => (output && o.format === "markdown" ? { ...f, file: `${basename(output).replace(/\.[^.]*$/, "")}.figure-${i + 1}.svg` } : f));
    const text = renderBuiltReport({ ...report, figures }, o.format, { steps: o.steps, digits: o.digits, fragment: o.fragment, macros: o.macros });
    if (output === undefined) ctx.emit(text);
    else {
      for (const f of figures) if ("file" in f && f.file) writeWhole(resolve(dirname(output), f.file), f.svg, { named: "by-flopsheet" });
      writeWhole(output, text);
    }
    if (o.strict && (report.warnings.length > 0 || report.notRead.length > 0)) ctx.exitWith(EXIT.checkFailed);
  });
}
