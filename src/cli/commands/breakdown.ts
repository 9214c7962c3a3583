import { Command, Option } from "commander";
import { inputNamed, breakdown, breakdownJson, breakdownText, crossing, fitJson, fitText, FlopsheetError, parseVary, unreadJson, unreadText, valuesOf, type Crossing, type Setting } from "../../index.js";
import { breakdownSvg, sharesSvg } from "../../plot.js";
import type { Context } from "../context.js";
import { notReadFor, openExplore, warningsFor, varyOption, type ExploreFlags } from "../explore-options.js";
import { allowPathOption, digitsOption, example, formatOption, fromOption, conventionOption, hardwareOption, modelOption, scenarioOption, setOption, withOptions } from "../options.js";
import { writeWhole } from "../write-whole.js";

export function breakdownCommand(ctx: Context): Command {
  const command = new Command("breakdown")
    .description("a target's additive parts, by formula and by canonical monomial, with values and shares; with --vary, where two parts cross")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("<target>", "the formula (or the vocabulary quantity it binds)");
  withOptions(
    command,
    allowPathOption(),
    scenarioOption(),
    setOption(),
    modelOption(),
    hardwareOption(),
    fromOption(), conventionOption(),
    varyOption(),
    digitsOption(),
    formatOption(["text", "json"]),
    new Option("--plot <file.svg>", "also draw the parts as an SVG bar chart (with --vary: their shares along the range)"),
  );
  example(
    command,
    "flopsheet breakdown decoder training_flops_per_token --model llama-3-8b --set seq_len=8192",
    "flopsheet breakdown decoder forward_flops --model llama-3-8b --vary seq_len=1024..1048576:×2",
  );
  return command.action(async (sheetArg: string, target: string, o: ExploreFlags & { vary: string[]; digits: number; format: string; plot?: string }) => {
    if (o.vary.length > 1) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: "breakdown takes one --vary: the input along which parts may cross" });
    if (o.plot && !o.plot.endsWith(".svg")) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `--plot writes SVG: name a file ending in .svg, not ‘${o.plot}’` });
    const vary = o.vary.map((v) => parseVary(v, "--vary"))[0];
    if (vary && o.set.some((x) => x.name === vary.name)) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `${vary.name} is both --set and --vary; keep one` });
    const opened = openExplore(sheetArg, o, ctx.io.cwd);
    const { sheet, options } = opened;
    const at = (text?: string): Setting[] => [...(options.set ?? []), ...(vary && text !== undefined ? [{ name: vary.name, text }] : [])];
    const b = breakdown(sheet, target, { ...options, set: at(vary?.at(0).q.toString()) });
    const crossings: (Crossing | string)[] = [];
    let series: { part: string; points: [number, number][] }[] = [];
    if (vary) {
      // The parts at every point of the range; any two whose order changes between its ends cross.
      const along = valuesOf(vary).map((v) => ({ x: v.number, b: breakdown(sheet, target, { ...options, set: at(v.q.toString()) }) }));
      const labels = b.byFormula.map((p) => p.label);
      series = labels.map((label) => ({ part: label, points: along.map(({ x, b: bx }) => [x, bx.byFormula.find((p) => p.label === label)?.share.toNumber() ?? 0] as [number, number]) }));
      const first = along[0]!.b, last = along[along.length - 1]!.b;
      const valueIn = (bx: typeof b, label: string) => bx.byFormula.find((p) => p.label === label)!.value;
      const lo = vary.at(0).number, hi = vary.at(vary.count - 1).number;
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++) {
          const [a, c] = [labels[i]!, labels[j]!];
          if (valueIn(first, a).cmp(valueIn(first, c)) * valueIn(last, a).cmp(valueIn(last, c)) < 0) {
            const x = crossing(first, a, c, vary.name, lo, hi);
            if (x) crossings.push(x);
          }
        }
      if (crossings.length === 0) crossings.push(`no two parts change order between ${vary.name} = ${lo} and ${hi}`);
    }
    const warnings = warningsFor(opened, [b.target], b.derivation.inputs);
    const unread = notReadFor(opened, [b.derivation]);
    ctx.emit(o.format === "json" ? JSON.stringify({ ...breakdownJson(b, crossings), warnings: fitJson(warnings), not_read: unreadJson(unread) }, null, 2) + "\n" : breakdownText(b, { digits: o.digits, style: ctx.style, ...(vary ? { crossings } : {}) }) + fitText(warnings) + unreadText(unread, [b.target]));
    if (o.plot) {
      const unit = sheet.formulas.find((f) => f.name === b.target)?.unit;
      writeWhole(o.plot, vary ? await sharesSvg(`${sheet.id}: the parts of ${b.target} along ${vary.name}`, vary.name, inputNamed(sheet, vary.name)?.unit, series.filter((x) => x.points.some(([, y]) => y > 0))) : await breakdownSvg(b, unit));
    }
  });
}
