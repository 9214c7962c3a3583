import { build } from "esbuild";
await build({ entryPoints: ["dist/cli/app.js"], bundle: true, platform: "node", format: "cjs", target: "node20", minify: false, external: ["vega", "vega-lite"], supported: { "dynamic-import": false }, outfile: `/tmp/profb/flopsheet.cjs`, logLevel: "error" });
const { writeFileSync } = await import("node:fs");
writeFileSync(`/tmp/profb/run.mjs`, `import { loadBundle } from "/work/main/dist/cli/bundle-loader.js";
const b = loadBundle("/tmp/profb/flopsheet.cjs");
process.exitCode = await b.exports.run(process.argv.slice(2), { out: () => {}, err: (s) => process.stderr.write(s), isTTY: false, env: process.env, cwd: process.cwd(), version: "0" });
`);
