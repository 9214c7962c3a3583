/**
 * What sweep, solve, breakdown and sensitivity share: a sheet, a model (with the chaining derive
 * does for a quantity nothing gives), and the settings, resolved the same way in all four.
 */
import { Option } from "commander";
import { chainedWarnings, chainFrom, fitWarnings, FlopsheetError, settingsNotRead, splitSettings, type DeriveOptions, type FitWarning, type InputValue, type Preset, type ReadBy, type Setting, type Sheet } from "../index.js";
import { openSheet } from "./files.js";
import { accessOf, conventionMap, fromMap, presetsOf } from "./options.js";

export interface ExploreFlags {
  readonly allowPath: string[];
  readonly scenario?: string;
  readonly set: Setting[];
  readonly model?: string;
  readonly hardware?: string;
  readonly from: Setting[];
  readonly convention?: Setting[];
}

export interface Opened {
  readonly sheet: Sheet;
  readonly presets: readonly Preset[];
  readonly options: DeriveOptions;
}

/** The sheet, presets and derive options a command's flags name; extra names count as read (--vary, --for). */
export function openExplore(sheetArg: string, o: ExploreFlags, cwd: string): Opened {
  const access = accessOf(o, cwd);
  const sheet = openSheet(sheetArg, access);
  const presets = presetsOf(o, access);
  const conventions = conventionMap(o.convention ?? []);
  const chain = presets.length > 0 ? chainFrom(presets, { set: o.set, from: fromMap(o.from), conventions }) : undefined;
  const { own } = chain ? splitSettings(sheet, o.set) : { own: o.set };
  return { sheet, presets, options: { scenario: o.scenario, set: own, presets, chain, ...(conventions.size > 0 ? { conventions } : {}) } };
}

export const varyOption = () =>
  new Option("--vary <name=from..to[:step]>", "a range: FROM..TO:×2 (times 2), :+K (plus K), :N (N points, log-spaced across decades), or a,b,c (repeatable: their product)")
    .argParser((arg: string, previous: string[]) => [...previous, arg])
    .default([]);

/** A `NAME=VALUE` goal: `training_flops=1e24`. */
export function splitGoal(text: string): { target: string; value: string } {
  const at = text.indexOf("=");
  if (at <= 0) throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `expected TARGET=VALUE (training_flops=1e24), got ‘${text}’` });
  return { target: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

/** The settings none of a command's derivations read, as derive says them ("Not read"). */
export function notReadFor(opened: Opened, derived: readonly ReadBy[]): Setting[] {
  return settingsNotRead(derived, opened.options.set ?? [], opened.presets);
}

/** The "does not fit" warnings for the formulas a command computed, as derive prints them. */
export function warningsFor(opened: Opened, targets: readonly string[], inputs: readonly InputValue[]): FitWarning[] {
  return [...fitWarnings(opened.sheet, opened.presets, { targets }), ...chainedWarnings(inputs, opened.presets)];
}
