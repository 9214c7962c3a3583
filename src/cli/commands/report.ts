import { resolve } from "node:path";
import { Command, Option } from "commander";
import { buildReport, chainedWarnings, chainFrom, fitLine, fitWarnings, renderBuiltReport, type ReportFormat, type Setting, type StepsMode } from "../../index.js";
import { EXIT, type Context } from "../context.js";
import { openSheet } from "../files.js";
import { accessOf, allowPathOption, digitsOption, example, formatOption, fromMap, fromOption, hardwareOption, modelOption, presetsOf, scenarioOption, setOption, strictOption, withOptions } from "../options.js";
import { writeWhole } from "../write-whole.js";

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
    fromOption(),
    strictOption(),
  );
  example(command, "flopsheet report basu-2024 --scenario section-4.2 --format html -o report.html");
  type Options = { allowPath: string[]; scenario?: string; set: Setting[]; model?: string; hardware?: string; format: ReportFormat; steps: StepsMode; digits: number; fragment?: boolean; macros?: boolean; output?: string; from: Setting[]; strict?: boolean };
  return command.action((sheetArg: string, targets: string[], o: Options) => {
    const access = accessOf(o, ctx.io.cwd);
    const sheet = openSheet(sheetArg, access);
    const presets = presetsOf(o, access);
    // With a model, a quantity nothing gives is derived by the sheet that describes it (decoder), as in derive.
    const chain = presets.length > 0 ? chainFrom(presets, o.set, fromMap(o.from)) : undefined;
    const report = buildReport(sheet, { targets, scenario: o.scenario, set: o.set, presets, chain });
    // Judged on what the report derives, and on the sheets it took chained values from.
    const warnings = [...fitWarnings(sheet, presets, { targets: report.targets }), ...chainedWarnings(report.inputs, presets)].map(fitLine);
    const text = renderBuiltReport({ ...report, warnings }, o.format, { steps: o.steps, digits: o.digits, fragment: o.fragment, macros: o.macros });
    if (o.output === undefined) ctx.emit(text);
    else writeWhole(resolve(ctx.io.cwd, o.output), text);
    if (o.strict && warnings.length > 0) ctx.exitWith(EXIT.checkFailed);
  });
}
