/**
 * The `flopsheet` command: a thin shell over the API. It parses arguments, calls the API, writes
 * the result, and maps errors to exit codes: 0 fine, 1 a check did not come out as declared,
 * 2 bad usage or input (a message on stderr, nothing on stdout), 3 an internal error.
 */
import { Chalk } from "chalk";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import {
  canonicalForms,
  canonicalLatex,
  canonicalText,
  checksJson,
  checksText,
  derivationJson,
  derivationText,
  derive,
  FlopsheetError,
  formatError,
  PLAIN,
  auditSheet,
  formatNumber,
  formatPercent,
  resultText,
  type AuditEntry,
  presetYamlFromConfig,
  loadPreset,
  bindsName,
  compareJson,
  compareMarkdown,
  compareSheets,
  compareText,
  renderReport,
  type Preset,
  runChecks,
  type ReportFormat,
  type StepsMode,
  type Setting,
  type Style,
} from "../index.js";
import { openPreset, openSheet, presetIds, shippedIds, shippedVocabulary } from "./sheets.js";
import { writeWhole } from "./write-whole.js";
import { resolve } from "node:path";
import { readFileSync } from "node:fs";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly version: string;
}

export const EXIT = { ok: 0, checkFailed: 1, usage: 2, internal: 3 } as const;

function styleFor(io: Io): Style {
  const wanted = io.env.FORCE_COLOR !== undefined ? io.env.FORCE_COLOR !== "0" : io.isTTY && !io.env.NO_COLOR;
  if (!wanted) return PLAIN;
  const c = new Chalk({ level: 1 });
  return { heading: c.bold, name: c.cyan, value: c.yellow, dim: c.dim, ok: c.green, bad: c.red.bold };
}

const collectSetting = (arg: string, previous: Setting[]): Setting[] => {
  const at = arg.indexOf("=");
  if (at <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got ‘${arg}’`);
  return [...previous, { name: arg.slice(0, at).trim(), text: arg.slice(at + 1) }];
};

const parseDigits = (arg: string): number => {
  const n = Number(arg);
  if (!/^\d+$/.test(arg) || n < 1 || n > 30) throw new InvalidArgumentError("expected a whole number from 1 to 30");
  return n;
};

/** Audit lines under a sheet's checks: derived against published. */
function auditText(audit: readonly AuditEntry[], style: Style): string {
  return audit
    .map((a) => `  ${style.dim("audit")}  ${style.name(a.formula)} (${a.quantity}) = ${resultText(a.derived, 3)}; ${a.preset} publishes ${formatNumber(a.published)}${a.relativeDifference ? `  (${formatPercent(a.relativeDifference)})` : ""}\n`)
    .join("");
}

/** The presets named by --model and --hardware, in that order. */
function presetsOf(o: { model?: string; hardware?: string }, cwd: string): Preset[] {
  return [o.model, o.hardware].filter((x): x is string => x !== undefined).map((x) => openPreset(x, cwd));
}

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  // Output is collected and written only when the command succeeds: an error leaves stdout empty.
  let output = "";
  const style = styleFor(io);
  const program = new Command()
    .name("flopsheet")
    .description("Shows how every number in LLM compute accounting was derived.")
    .version(io.version)
    .exitOverride()
    .showHelpAfterError("(flopsheet --help lists the commands)")
    .configureOutput({ writeOut: (s) => (output += s), writeErr: io.err });

  program
    .command("derive")
    .description("derive a formula's value, with the trail of every step")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("<target>", "the formula to derive")
    .option("--scenario <name>", "take input values from a scenario of the sheet")
    .option("--set <name=value>", "set an input (repeatable); wins over scenario and default", collectSetting, [])
    .option("--model <model>", "a model preset (id or path): its values reach the inputs through the sheet's bindings")
    .option("--hardware <hardware>", "a hardware preset (id or path)")
    .option("--digits <n>", "significant digits of rounded values", parseDigits, 3)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((sheetArg: string, target: string, o: { scenario?: string; set: Setting[]; model?: string; hardware?: string; digits: number; format: string }) => {
      const d = derive(openSheet(sheetArg, io.cwd), target, { scenario: o.scenario, set: o.set, presets: presetsOf(o, io.cwd) });
      output += o.format === "json" ? JSON.stringify(derivationJson(d), null, 2) + "\n" : derivationText(d, { digits: o.digits, style });
    });

  program
    .command("symbolic")
    .description("print formulas as exact expanded sums in terms of the sheet's inputs")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("[targets...]", "formulas to print (all when none is named)")
    .option("--model <model>", "a model preset: the inputs it gives become numbers")
    .option("--hardware <hardware>", "a hardware preset")
    .addOption(new Option("--format <format>", "output format").choices(["text", "latex", "json"]).default("text"))
    .action((sheetArg: string, targets: string[], o: { model?: string; hardware?: string; format: string }) => {
      const sheet = openSheet(sheetArg, io.cwd);
      const forms = canonicalForms(sheet, targets.length > 0 ? targets : undefined, presetsOf(o, io.cwd));
      const latexNames = new Map(sheet.inputs.filter((i) => i.latex).map((i) => [i.name, i.latex!]));
      if (o.format === "json") {
        output += JSON.stringify(Object.fromEntries([...forms].map(([n, c]) => [n, { text: canonicalText(c), latex: canonicalLatex(c, latexNames) }])), null, 2) + "\n";
        return;
      }
      for (const [name, form] of forms) {
        output += o.format === "latex" ? `${name} = ${canonicalLatex(form, latexNames)}\n` : `${style.name(name)} = ${canonicalText(form)}\n`;
      }
    });

  program
    .command("check")
    .description("run sheets' checks: identities and published figures (every shipped sheet when none is named)")
    .argument("[sheets...]", "shipped sheet ids or paths")
    .option("--model <model>", "also audit each quantity this model preset publishes and the sheet derives")
    .option("--hardware <hardware>", "a hardware preset, for the audit")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((sheetArgs: string[], o: { model?: string; hardware?: string; format: string }) => {
      const sheets = (sheetArgs.length > 0 ? sheetArgs : shippedIds()).map((a) => openSheet(a, io.cwd));
      const presets = presetsOf(o, io.cwd);
      const reports = sheets.map(runChecks);
      const audits = sheets.map((s) => (presets.length > 0 ? auditSheet(s, presets) : []));
      output +=
        o.format === "json"
          ? JSON.stringify(reports.map((r, i) => ({ ...checksJson(r), ...(presets.length > 0 ? { audit: audits[i]!.map((a) => ({ formula: a.formula, quantity: a.quantity, derived: a.derived.q.toNumber(), published: a.published.toNumber(), preset: a.preset })) } : {}) })), null, 2) + "\n"
          : reports.map((r, i) => checksText(r, { style }) + auditText(audits[i]!, style)).join("\n");
      if (!reports.every((r) => r.passed)) code = EXIT.checkFailed;
    });

  program
    .command("report")
    .description("a report to publish: LaTeX, Markdown or self-contained HTML")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("[targets...]", "formulas to derive (default: those the scenario publishes, else all that can be)")
    .option("--scenario <name>", "take input values from a scenario of the sheet")
    .option("--set <name=value>", "set an input (repeatable)", collectSetting, [])
    .option("--model <model>", "a model preset (id or path)")
    .option("--hardware <hardware>", "a hardware preset (id or path)")
    .addOption(new Option("--format <format>", "report format").choices(["latex", "markdown", "html"]).default("latex"))
    .addOption(new Option("--steps <steps>", "every line of the trail, formula and result, or a results table").choices(["full", "short", "results"]).default("full"))
    .option("--digits <n>", "significant digits of rounded values", parseDigits, 3)
    .option("--fragment", "LaTeX without preamble, for \\input into a paper")
    .option("--macros", "LaTeX: a \\newcommand per result, e.g. \\TotalFLOPs")
    .option("-o, --output <file>", "write to a file (whole or not at all) instead of standard output")
    .action((sheetArg: string, targets: string[], o: { scenario?: string; set: Setting[]; model?: string; hardware?: string; format: ReportFormat; steps: StepsMode; digits: number; fragment?: boolean; macros?: boolean; output?: string }) => {
      const text = renderReport(openSheet(sheetArg, io.cwd), o.format, {
        targets,
        scenario: o.scenario,
        set: o.set,
        presets: presetsOf(o, io.cwd),
        steps: o.steps,
        digits: o.digits,
        fragment: o.fragment,
        macros: o.macros,
      });
      if (o.output === undefined) output += text;
      else writeWhole(resolve(io.cwd, o.output), text);
    });

  program
    .command("compare")
    .description("one model through several sheets: each sheet's value of a quantity and its ratio to the first")
    .argument("<sheets...>", "shipped sheet ids or paths")
    .requiredOption("--model <model>", "a model preset (id or path)")
    .option("--hardware <hardware>", "a hardware preset (id or path)")
    .option("--target <quantity>", "the vocabulary quantity to compare", "training_flops")
    .option("--set <name=value>", "set an input or a vocabulary quantity (repeatable)", collectSetting, [])
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .action((sheetArgs: string[], o: { model: string; hardware?: string; target: string; set: Setting[]; format: string }) => {
      const rows = compareSheets(sheetArgs.map((a) => openSheet(a, io.cwd)), o.target, presetsOf(o, io.cwd), o.set);
      output += o.format === "json" ? JSON.stringify(compareJson(rows, o.target), null, 2) + "\n" : o.format === "markdown" ? compareMarkdown(rows, o.target) : compareText(rows, o.target);
    });

  program
    .command("import-config")
    .description("turn a Hugging Face config.json into a model preset (YAML); --model also takes such a file directly")
    .argument("<config>", "a local config.json")
    .option("-o, --output <file>", "write the preset to a file (whole or not at all)")
    .action((configPath: string, o: { output?: string }) => {
      let text: string;
      try {
        text = readFileSync(resolve(io.cwd, configPath), "utf8");
      } catch {
        throw new FlopsheetError({ code: "NOT_FOUND", message: `cannot read ${configPath}` });
      }
      const yaml = presetYamlFromConfig(text, configPath);
      loadPreset(yaml, configPath, shippedVocabulary()); // the result must load as a preset
      if (o.output === undefined) output += yaml;
      else writeWhole(resolve(io.cwd, o.output), yaml);
    });

  program
    .command("models")
    .description("list the model and hardware presets")
    .action(() => {
      for (const folder of ["models", "hardware"] as const) {
        const presets = presetIds(folder).map((id) => openPreset(id, io.cwd));
        output += `${style.heading(folder === "models" ? "Models" : "Hardware")}\n`;
        const width = Math.max(0, ...presets.map((p) => p.id.length));
        for (const p of presets) output += `  ${style.name(p.id.padEnd(width))}  ${p.title ?? ""}\n`;
      }
    });

  program
    .command("vocabulary")
    .description("list the vocabulary, with the sheets that bind each name")
    .action(() => {
      const sheets = shippedIds().map((id) => openSheet(id, io.cwd));
      const vocabulary = shippedVocabulary();
      const width = Math.max(...[...vocabulary.terms.keys()].map((k) => k.length));
      for (const term of vocabulary.terms.values()) {
        const binders = sheets.filter((s) => bindsName(s, term.name)).map((s) => s.id);
        output += `${style.name(term.name.padEnd(width))}  ${term.description}${term.unit ? ` [${term.unit}]` : ""}${style.dim(binders.length > 0 ? `  (${binders.join(", ")})` : "")}\n`;
      }
    });

  program
    .command("sheets")
    .description("list the shipped sheets")
    .action(() => {
      const sheets = shippedIds().map((id) => openSheet(id, io.cwd));
      const width = Math.max(...sheets.map((s) => s.id.length));
      for (const s of sheets) output += `${style.name(s.id.padEnd(width))}  ${s.title ?? ""}\n`;
    });

  try {
    await program.parseAsync(argv as string[], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0 and their text in `output`.
      if (e.exitCode === 0) {
        io.out(output);
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (e instanceof FlopsheetError) {
      io.err(`${style.bad("error")}: ${formatError(e)}\n`);
      return EXIT.usage;
    }
    io.err(`internal error (please report it): ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.internal;
  }
  io.out(output);
  return code;
}
