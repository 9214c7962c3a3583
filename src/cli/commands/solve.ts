import { Command, Option } from "commander";
import { fitJson, fitText, parseConstant, solutionJson, solutionText, solve, unreadJson, unreadText } from "../../index.js";
import type { Context } from "../context.js";
import { notReadFor, openExplore, warningsFor, splitGoal, type ExploreFlags } from "../explore-options.js";
import { allowPathOption, digitsOption, example, formatOption, fromOption, conventionOption, hardwareOption, modelOption, scenarioOption, setOption, withOptions } from "../options.js";

export function solveCommand(ctx: Context): Command {
  const command = new Command("solve")
    .description("the input value that makes a target equal a value: in closed form where the target is linear in it or a single power of it, else by bisection; with the target's trail at that value")
    .argument("<sheet>", "a shipped sheet id or a path to a YAML sheet")
    .argument("<goal>", "TARGET=VALUE, e.g. training_flops=1e24");
  withOptions(command, allowPathOption(), new Option("--for <name>", "the input to solve for (its symbol or the vocabulary name it is bound to)").makeOptionMandatory(), scenarioOption(), setOption(), modelOption(), hardwareOption(), fromOption(), conventionOption(), digitsOption(), formatOption(["text", "json"]));
  example(
    command,
    "flopsheet solve gpt3-2020 training_flops=1e24 --for tokens --model gpt3-175b",
    "flopsheet solve chinchilla-2022 optimal_flops=1e24 --for N",
    "flopsheet solve training-budget training_days=30 --for n_devices --model llama-3-8b --hardware h100-sxm --set seq_len=8192 --set tokens=15e12 --set mfu=0.4",
  );
  return command.action((sheetArg: string, goalText: string, o: ExploreFlags & { for: string; digits: number; format: string }) => {
    const opened = openExplore(sheetArg, o, ctx.io.cwd);
    const { sheet, options } = opened;
    const goal = splitGoal(goalText);
    const s = solve(sheet, goal.target, parseConstant(goal.value, goal.target), o.for, options);
    const warnings = warningsFor(opened, [s.target], s.derivation.inputs);
    const unread = notReadFor(opened, [s.derivation]);
    ctx.emit(o.format === "json" ? JSON.stringify({ ...solutionJson(s), warnings: fitJson(warnings), not_read: unreadJson(unread) }, null, 2) + "\n" : solutionText(s, { digits: o.digits, style: ctx.style }) + fitText(warnings) + unreadText(unread, [s.target]));
  });
}
