import { resolve } from "node:path";
import { Command, Option } from "commander";
import { importConfig, loadPreset, shippedVocabulary } from "../../index.js";
import type { Context } from "../context.js";
import { readUserFile } from "../files.js";
import { example, withOptions } from "../options.js";
import { writeWhole } from "../write-whole.js";

export function importConfigCommand(ctx: Context): Command {
  const command = new Command("import-config")
    .description("turn a Hugging Face config.json into a model preset (YAML); --model also takes such a file directly")
    .argument("<config>", "a local config.json");
  withOptions(command, new Option("-o, --output <file>", "write the preset to a file (whole or not at all)"));
  example(command, "flopsheet import-config config.json -o formulas/models/my-model.yaml");
  return command.action((configPath: string, o: { output?: string }) => {
    const text = readUserFile(configPath, ctx.io.cwd, "config");
    const { yaml, unread } = importConfig(text, configPath);
    loadPreset(yaml, { path: configPath, vocabulary: shippedVocabulary() }); // the result must load as a preset
    // Said on stderr too, so that a preset written with -o does not drop them unsaid.
    if (unread.length > 0) ctx.io.err(`note: keys of ${configPath} that flopsheet does not read: ${unread.map((u) => u.key).join(", ")}\n`);
    if (o.output === undefined) ctx.emit(yaml);
    else writeWhole(resolve(ctx.io.cwd, o.output), yaml);
  });
}
