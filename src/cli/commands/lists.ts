/** The listing commands: sheets, models (and hardware), vocabulary. */
import { Command } from "commander";
import {
  bindsName,
  loadShipped,
  loadShippedPreset,
  presetsJson,
  presetsText,
  sheetsJson,
  sheetsText,
  shippedPresetIds,
  shippedSheetIds,
  shippedVocabulary,
  vocabularyJson,
  vocabularyText,
  type VocabularyTerm as Term,
} from "../../index.js";
import type { Context } from "../context.js";
import { example, formatOption, withOptions } from "../options.js";

const json = (x: object) => JSON.stringify(x, null, 2) + "\n";

export function sheetsCommand(ctx: Context): Command {
  const command = withOptions(new Command("sheets").description("list the shipped sheets"), formatOption(["text", "json"]));
  example(command, "flopsheet sheets --format json");
  return command.action((o: { format: string }) => {
    const sheets = shippedSheetIds().map((id) => loadShipped(id));
    ctx.emit(o.format === "json" ? json(sheetsJson(sheets)) : sheetsText(sheets, ctx.style));
  });
}

export function modelsCommand(ctx: Context): Command {
  const command = withOptions(new Command("models").description("list the model and hardware presets"), formatOption(["text", "json"]));
  example(command, "flopsheet models");
  return command.action((o: { format: string }) => {
    const groups = (["models", "hardware"] as const).map((kind) => ({ kind, heading: kind === "models" ? "Models" : "Hardware", presets: shippedPresetIds(kind).map((id) => loadShippedPreset(id)) }));
    ctx.emit(o.format === "json" ? json(presetsJson(groups)) : presetsText(groups, ctx.style));
  });
}

export function vocabularyCommand(ctx: Context): Command {
  const command = withOptions(new Command("vocabulary").description("list the vocabulary, with the sheets that bind each name"), formatOption(["text", "json"]));
  example(command, "flopsheet vocabulary");
  return command.action((o: { format: string }) => {
    const sheets = shippedSheetIds().map((id) => loadShipped(id));
    const binders = (term: Term) => sheets.filter((s) => bindsName(s, term.name)).map((s) => s.id);
    ctx.emit(o.format === "json" ? json(vocabularyJson(shippedVocabulary(), binders)) : vocabularyText(shippedVocabulary(), binders, ctx.style));
  });
}
