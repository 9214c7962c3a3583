// The architecture as a test: data flows one way, so no module of src imports one of a higher
// layer, and no two modules import each other, directly or round a circle.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const FILES = sourceFiles("src");
/** Each file's relative imports (type-only ones too: a cycle of types is still a knot to untie). */
const IMPORTS = new Map(
  FILES.map((f) => [
    f,
    [...readFileSync(f, "utf8").matchAll(/^(?:import|export)[^;]*?from "(\.[^"]+)"/gms)].map((m) => relative(".", resolve(dirname(f), m[1]!.replace(/\.js$/, ".ts")))),
  ]),
);

// Lowest first; a folder may import its own and any lower one.
const LAYERS = ["core", "syntax", "sheet", "algebra", "evaluate", "explore", "model", "render", "cli"];
const layer = (f: string) => LAYERS.indexOf(f.split("/")[1]!);

describe("the import graph of src", () => {
  it("has no cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, "open");
      stack.push(f);
      for (const d of IMPORTS.get(f) ?? []) {
        if (state.get(d) === "open") cycles.push([...stack.slice(stack.indexOf(d)), d].join(" → "));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, "done");
    };
    for (const f of FILES) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it("never reaches up a layer", () => {
    // Above every layer: the API (src/index.ts), which only the CLI's shell may import.
    const allowed = (f: string, d: string) => (layer(d) < 0 ? layer(f) === LAYERS.indexOf("cli") || !d.endsWith("index.ts") : layer(d) <= layer(f));
    const upward = FILES.flatMap((f) => (layer(f) < 0 ? [] : (IMPORTS.get(f) ?? []).filter((d) => !allowed(f, d)).map((d) => `${f} → ${d}`)));
    expect(upward).toEqual([]);
  });
});
