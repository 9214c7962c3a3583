// Build step, after tsc: the CLI as one CommonJS file (dist/cli/flopsheet.cjs) and V8's code
// cache for it (dist/cli/flopsheet.cache), made after running the commands people start with, so
// that their functions are in the cache too. dist/cli/main.js loads both (see bundle-loader.ts).
import { buildSync } from "esbuild";
import { chmodSync, writeFileSync } from "node:fs";

const here = (p) => new URL(p, import.meta.url).pathname;
const bundle = here("../dist/cli/flopsheet.cjs");
const cache = here("../dist/cli/flopsheet.cache");
buildSync({ entryPoints: [here("../dist/cli/app.js")], bundle: true, platform: "node", format: "cjs", target: "node20", minify: true, external: ["vega", "vega-lite"], supported: { "dynamic-import": false }, outfile: bundle, logLevel: "error" });

const { loadBundle } = await import("../dist/cli/bundle-loader.js");
const { exports, script } = loadBundle(bundle);
const quiet = { out: () => {}, err: () => {}, isTTY: false, env: {}, cwd: here(".."), version: "0.0.0" };
for (const argv of [["check"], ["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2"], ["derive", "megatron-2021", "time_days", "--scenario", "gpt3-175b"]]) {
  await exports.run(argv, quiet);
}
writeFileSync(cache, script.createCachedData());
// tsc writes the bin without its execute bit: a rebuilt checkout run as ./dist/cli/main.js, or
// linked with npm link, must still start.
chmodSync(here("../dist/cli/main.js"), 0o755);
