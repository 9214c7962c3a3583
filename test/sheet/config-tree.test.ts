/**
 * importConfig writes a preset's YAML and its tree together (src/sheet/preset-text.ts), and the
 * tree is read instead of the text: it must be what parsing the text gives, offsets and all, or a
 * message about a config's value would point at the wrong place.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importConfig } from "../../src/sheet/hf-config.js";
import { parseTree } from "../../src/sheet/yaml-tree.js";
import { configPreset } from "../../src/index.js";
import { assertRuns, runs, TIMEOUT } from "../robustness/fuzz-config.js";

const dir = join(import.meta.dirname, "../fixtures/configs");

describe("a config's preset tree is the tree of its text", () => {
  test.each(readdirSync(dir).filter((f) => f.endsWith(".json")))("%s", (f) => {
    const { yaml, tree } = importConfig(readFileSync(join(dir, f), "utf8"), f);
    expect(tree).toEqual(parseTree(yaml, f));
  });

  test("whatever the model's name, path and keys", async () => {
    const base = JSON.parse(readFileSync(join(dir, "llama-3-8b.json"), "utf8")) as Record<string, unknown>;
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('"', "\\", "\n", "\t", "\u0000", "\u2028", "#", ": ", "{", "}", ",", "é", "×", "\ud800"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })), maxLength: 30 });
    await assertRuns(
      fc.property(text, text, fc.boolean(), fc.string({ maxLength: 12 }), (name, path, tied, key) => {
        const config = { ...base, _name_or_path: name, tie_word_embeddings: tied, [`x_${key}`]: 1 };
        const { yaml, tree } = importConfig(JSON.stringify(config), `${path}.json`);
        expect(tree).toEqual(parseTree(yaml, "config"));
      }),
      runs(300),
    );
  }, TIMEOUT);

  test("its values are the config's, digit for digit", () => {
    // Llama 3 8B's config.json: hidden_size 4096, 32 layers, 8 key-value heads, rope_theta unread.
    const p = configPreset(readFileSync(join(dir, "llama-3-8b.json"), "utf8"), "llama-3-8b.json");
    expect(p.values.get("d_model")?.written.text).toBe("4096");
    expect(p.values.get("n_layers")?.written.text).toBe("32");
    expect(p.values.get("n_kv_heads")?.written.text).toBe("8");
    expect(p.values.get("d_model")?.source).toBe("config.json: hidden_size");
    // The config names no model (_name_or_path): the file and its model_type do.
    expect(p.title).toBe("llama-3-8b (model_type llama)");
  });
});
