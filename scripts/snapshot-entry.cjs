// The start-up snapshot's entry, run by `node --build-snapshot` (scripts/snapshot-cli.mjs): it
// loads the CLI bundle, runs the commands people start with so that the shipped sheets, the
// vocabulary and their parses are in the heap, and names the function the snapshot starts in.
// bin/flopsheet starts it as `node --snapshot-blob flopsheet.blob CLI_DIR ARGS…`.
//
// A snapshot's script may require only Node's own modules, so the bundle's `require` goes through
// `requireNow`: Node's own at build time, the real one (for KaTeX and vega, from the folder the
// CLI runs in) once started.
"use strict";
const v8 = require("node:v8");
const vm = require("node:vm");
const { readFileSync } = require("node:fs");
const path = require("node:path");

const bundlePath = process.env.FLOPSHEET_BUNDLE;
const version = process.env.FLOPSHEET_VERSION;
const root = process.env.FLOPSHEET_ROOT;
let requireNow = require;
const source = readFileSync(bundlePath, "utf8");
const cli = { exports: {} };
vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundlePath })(
  cli.exports,
  (id) => requireNow(id),
  cli,
  bundlePath,
  path.dirname(bundlePath),
);

const quiet = { out: () => {}, err: () => {}, isTTY: false, env: {}, cwd: root, version };
(async () => {
  for (const argv of [["check"], ["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2"], ["estimate", "--model", "llama-3-8b"]]) {
    const code = await cli.exports.run(argv, quiet);
    if (code !== 0) throw new Error(`the snapshot's warm-up run of flopsheet ${argv.join(" ")} exited with ${code}`);
  }
  // The JSON the sheets were read from (see bundle-cli.mjs): read again from disk if ever asked for.
  for (const forget of globalThis[Symbol.for("flopsheet.forgetJson")] ?? []) forget();
})();

v8.startupSnapshot.setDeserializeMainFunction(async () => {
  const cliDir = path.resolve(process.argv[1]);
  requireNow = require("node:module").createRequire(path.join(cliDir, "flopsheet.cjs"));
  globalThis[Symbol.for("flopsheet.cliDir")] = cliDir;
  process.exitCode = await cli.exports.run(process.argv.slice(2), cli.exports.processIo(version, path.join(cliDir, "../web")));
});
