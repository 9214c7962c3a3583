// Build step, after tsc: the CLI as one CommonJS file (dist/cli/flopsheet.cjs) and V8's code
// cache for it (dist/cli/flopsheet.cache), made after running the commands people start with, so
// that their functions are in the cache too. dist/cli/main.js loads both (see bundle-loader.ts).
//
// Start-up grows with the bundle: reading it and its cache and deserialising the cache were most
// of a cold start, and two thirds of the bundle was data and a renderer most commands never use.
// So the CLI's bundle leaves out (the library and the page keep them inline):
//   - the shipped files and the shipped formulas' parses, written beside it as JSON
//     (dist/cli/shipped/) and read when a command first asks for one;
//   - KaTeX, required from node_modules when an HTML report is first rendered.
import { build } from "esbuild";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const here = (p) => new URL(p, import.meta.url).pathname;
const bundle = here("../dist/cli/flopsheet.cjs");
const cache = here("../dist/cli/flopsheet.cache");
const data = here("../dist/cli/shipped/");

const { SHIPPED_FILES } = await import("../dist/shipped.generated.js");
const { parsedTable } = await import("../dist/syntax/parsed.generated.js");
rmSync(data, { recursive: true, force: true });
mkdirSync(data, { recursive: true });
const keys = Object.keys(SHIPPED_FILES);
keys.forEach((key, i) => writeFileSync(`${data}${i}.json`, JSON.stringify({ text: SHIPPED_FILES[key].text, tree: SHIPPED_FILES[key].tree })));
// The parses in buckets by a hash of their text: a command reads the few its formulas fall in,
// not all 265 kB of them (parsing those was 8 ms of the main job's start).
const BUCKETS = 64;
const bucketOf = (text) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h % BUCKETS;
};
const buckets = Array.from({ length: BUCKETS }, () => ({}));
for (const [text, tree] of Object.entries(parsedTable())) buckets[bucketOf(text)][text] = tree;
buckets.forEach((b, i) => writeFileSync(`${data}parsed-${i}.json`, JSON.stringify(b)));

// The same exports as the generated modules, read from disk on first use. `__dirname` is the
// bundle's folder: bundle-loader.ts runs it in the CommonJS wrapper. A start-up snapshot was made
// in the folder the build ran in and may run from another: it names its folder in the global
// symbol flopsheet.cliDir. The snapshot also lets go of the JSON read (the sheets made from it
// are kept) with the memo tables (src/core/memo.ts): 1.2 MB less to deserialise at every start.
const cliDirOf = `globalThis[Symbol.for("flopsheet.cliDir")] ?? __dirname`;
const shippedFromDisk = `
import { readFileSync } from "node:fs";
import { onForget } from "./core/memo.js";
const cliDir = () => ${cliDirOf};
const KEYS = ${JSON.stringify(keys)};
const read = (name) => JSON.parse(readFileSync(cliDir() + "/shipped/" + name + ".json", "utf8"));
export const SHIPPED_FILES = {};
const files = [];
KEYS.forEach((key, i) => {
  Object.defineProperty(SHIPPED_FILES, key, {
    enumerable: true,
    get: () => (files[i] ??= read(String(i))),
  });
});
onForget(() => files.fill(undefined));
`;
const parsedFromDisk = `
import { readFileSync } from "node:fs";
import { onForget } from "./core/memo.js";
const cliDir = () => ${cliDirOf};
const BUCKETS = ${BUCKETS};
const bucketOf = ${bucketOf.toString()};
const read = (i) => JSON.parse(readFileSync(cliDir() + "/shipped/parsed-" + i + ".json", "utf8"));
const loaded = new Map();
export function parsedMemo(text) {
  const k = bucketOf(text);
  let bucket = loaded.get(k);
  if (!bucket) loaded.set(k, (bucket = read(k)));
  return Object.hasOwn(bucket, text) ? bucket[text] : undefined;
}
export function parsedTable() {
  const all = {};
  for (let i = 0; i < BUCKETS; i++) Object.assign(all, read(i));
  return all;
}
onForget(() => loaded.clear());
`;
// A specifier in a variable, so that esbuild leaves the require to Node (the wrapper's require,
// from the bundle's folder) rather than resolving it to this very module.
const katexWhenAsked = `
const KATEX = "katex";
let katex;
export default { renderToString: (...args) => (katex ??= require(KATEX)).renderToString(...args) };
`;
const lean = {
  name: "lean-cli",
  setup(b) {
    const swap = { "shipped.generated.js": shippedFromDisk, "parsed.generated.js": parsedFromDisk, katex: katexWhenAsked };
    b.onResolve({ filter: /(^katex$|[/\\]shipped\.generated\.js$|[/\\]parsed\.generated\.js$)/ }, (a) => ({ path: a.path.replace(/^.*[/\\]/, ""), namespace: "lean" }));
    b.onLoad({ filter: /.*/, namespace: "lean" }, (a) => ({ contents: swap[a.path], loader: "js", resolveDir: here("../dist") }));
  },
};
await build({ entryPoints: [here("../dist/cli/app.js")], bundle: true, platform: "node", format: "cjs", target: "node20", minify: true, external: ["vega", "vega-lite"], supported: { "dynamic-import": false }, outfile: bundle, logLevel: "error", plugins: [lean] });
// esbuild escapes what is not ASCII in strings but leaves it in regular expressions (/[−+]/).
// One such character makes V8 keep the whole source, which it holds for lazy compilation, at two
// bytes a character: 968 kB instead of 484 kB in every process and in the start-up snapshot.
// Inside a string, a template or a regular expression, \uXXXX means the same character.
const ascii = readFileSync(bundle, "utf8").replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
writeFileSync(bundle, ascii);

const { loadBundle } = await import("../dist/cli/bundle-loader.js");
const { exports, script } = loadBundle(bundle);
const quiet = { out: () => {}, err: () => {}, isTTY: false, env: {}, cwd: here(".."), version: "0.0.0" };
for (const argv of [["check"], ["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2"], ["derive", "megatron-2021", "time_days", "--scenario", "gpt3-175b"], ["estimate", "--model", "llama-3-8b"]]) {
  await exports.run(argv, quiet);
}
writeFileSync(cache, script.createCachedData());
// tsc writes the bin without its execute bit: a rebuilt checkout run as ./dist/cli/main.js, or
// linked with npm link, must still start.
chmodSync(here("../dist/cli/main.js"), 0o755);
