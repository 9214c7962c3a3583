/**
 * Options that several commands share, each declared once: the same flag means the same thing,
 * with the same help text and checks, in every command that takes it.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { boundName, didYouMean, FlopsheetError, loadShipped, shippedVocabulary, type Preset, type Setting } from "../index.js";
import { openPreset, type Access } from "./files.js";

export const collectSetting = (arg: string, previous: Setting[]): Setting[] => {
  const at = arg.indexOf("=");
  if (at <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got ‘${arg}’`);
  return [...previous, { name: arg.slice(0, at).trim(), text: arg.slice(at + 1) }];
};

/** A NAME=VALUE option that the core quotes as the flag it was given with (`--set n=8`). */
const collectFlagged =
  (flag: string) =>
  (arg: string, previous: Setting[]): Setting[] => {
    const [last] = collectSetting(arg, []);
    return [...previous, { ...last!, flag }];
  };

const parseDigits = (arg: string): number => {
  const n = Number(arg);
  if (!/^\d+$/.test(arg) || n < 1 || n > 30) throw new InvalidArgumentError("expected a whole number from 1 to 30");
  return n;
};

export const formatOption = <F extends string>(choices: readonly F[], fallback: F = choices[0]!, what = "output format") =>
  new Option("--format <format>", what).choices(choices).default(fallback);

export const scenarioOption = () => new Option("--scenario <name>", "take input values from a scenario of the sheet");

export const setOption = () =>
  new Option("--set <name=value>", "set an input, by the sheet's symbol or a vocabulary name (repeatable); wins over scenario, preset and default")
    .argParser(collectFlagged("--set"))
    .default([]);

export const modelOption = (what = "a model preset (id, YAML path or Hugging Face config.json): its values reach the inputs through the sheet's bindings") =>
  new Option("--model <model>", what);

export const hardwareOption = () => new Option("--hardware <hardware>", "a hardware preset (id or path)");

export const digitsOption = () => new Option("--digits <n>", "significant digits of rounded values").argParser(parseDigits).default(3);

/** Adds the options to a command, in order. */
export function withOptions(command: Command, ...options: Option[]): Command {
  for (const o of options) command.addOption(o);
  return command;
}

export const fromOption = () =>
  new Option("--from <quantity=sheet>", "where a quantity nothing gives is taken from (default: decoder), e.g. params=megatron-2021 (repeatable)")
    .argParser(collectSetting)
    .default([]);

export const conventionOption = () =>
  new Option("--convention <axis=value>", "count in a convention, e.g. attention=causal or logits=excluded (repeatable); only a formula counted so answers (flopsheet vocabulary lists them)")
    .argParser(collectSetting)
    .default([]);

/** The conventions asked for, each checked against the vocabulary's axes and values. */
export function conventionMap(asked: readonly Setting[]): Map<string, string> {
  const axes = shippedVocabulary().conventions;
  const out = new Map<string, string>();
  for (const a of asked) {
    const axis = axes.get(a.name);
    const value = a.text.trim();
    if (!axis) {
      const guess = didYouMean(a.name, axes.keys());
      throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `--convention ${a.name}=${value}: no convention ‘${a.name}’${guess ? `; did you mean ‘${guess}’?` : ` (there are ${[...axes.keys()].join(", ")})`}` });
    }
    if (!axis.values.has(value)) {
      const guess = didYouMean(value, axis.values.keys());
      throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `--convention ${a.name}=${value}: ${a.name} is counted ${[...axis.values.keys()].join(", ")}${guess ? `; did you mean ‘${guess}’?` : ""}` });
    }
    out.set(a.name, value);
  }
  return out;
}

export const unitOption = () =>
  new Option("--unit <quantity=unit>", "show a result in another unit of its dimension, by formula or quantity name, e.g. training_days=hours (repeatable)")
    .argParser(collectFlagged("--unit"))
    .default([]);

export const strictOption = () => new Option("--strict", "exit 1 when the sheet does not fit the model (see \"Does not fit\") or a setting is not read (\"Not read\")");

export const allowPathOption = () =>
  new Option("--allow-path <dir>", "a folder that paths named inside sheets (extends:, model:) may also reach (repeatable)")
    .argParser((dir: string, previous: string[]) => [...previous, dir])
    .default([]);

/** What a command may read: the working directory and the folders --allow-path adds. */
export function accessOf(o: { allowPath?: string[] }, cwd: string): Access {
  return { cwd, allowed: o.allowPath ?? [] };
}

/** The presets named by --model and --hardware, in that order. */
export function presetsOf(o: { model?: string; hardware?: string }, access: Access): Preset[] {
  return [[o.model, "models"] as const, [o.hardware, "hardware"] as const].flatMap(([x, kind]) => (x === undefined ? [] : [openPreset(x, access, undefined, kind)]));
}

/** A one-line example under a command's help. */
export function example(command: Command, ...lines: string[]): Command {
  return command.addHelpText("after", `\nExample${lines.length > 1 ? "s" : ""}:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`);
}

/**
 * --from as a map of quantity → sheet, each checked: a shipped sheet that derives the quantity.
 * A --from that could never be used would otherwise be ignored without a word.
 */
export function fromMap(from: readonly Setting[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of from) {
    const id = f.text.trim();
    const sheet = loadShipped(id);
    if (!sheet.formulas.some((x) => boundName(x) === f.name)) {
      throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `--from ${f.name}=${id}: sheet ${id} has no formula bound to ‘${f.name}’, so it cannot give it` });
    }
    out.set(f.name, id);
  }
  return out;
}
