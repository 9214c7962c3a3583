import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { expect, test } from "vitest";

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });

test("no file outside src/cli imports a Node built-in, nor does the web page", () => {
  const offenders = [...files("src"), ...files("web/src")]
    .filter((f) => !f.startsWith(join("src", "cli")))
    .filter((f) => /from\s+["'](node:|fs["']|path["']|module["']|url["']|os["']|child_process["'])/.test(readFileSync(f, "utf8")));
  expect(offenders).toEqual([]);
});

test("the web page, like the CLI, uses the engine only through its public API", () => {
  const inside = files("web/src").flatMap((f) => [...readFileSync(f, "utf8").matchAll(/from\s+["'](\.\.\/\.\.\/src\/[^"']+)["']/g)].map((m) => `${f}: ${m[1]}`));
  expect(inside.filter((i) => !i.endsWith(": ../../src/index.js"))).toEqual([]);
  expect(inside.length).toBeGreaterThan(0);
});

test("the core (src/ minus src/cli) bundles for a browser with esbuild, with no Node built-in", async () => {
  const result = await build({
    entryPoints: ["src/index.ts"],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  expect(result.errors).toEqual([]);
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.filter((i) => i.startsWith("src/cli/"))).toEqual([]);
  expect(inputs.filter((i) => /^node:|^(fs|path|module|url|os)$/.test(i))).toEqual([]);
  // It really is the engine: the founding document's total from the bundle alone.
  const code = result.outputFiles[0]!.text;
  const api = (await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`)) as typeof import("../../src/index.js");
  const d = api.derive(api.loadShipped("basu-2024"), "Total_FLOPs", { scenario: "section-4.2" });
  expect(d.value.q.toString()).toBe("135291469824000000000000");
}, 60_000);
