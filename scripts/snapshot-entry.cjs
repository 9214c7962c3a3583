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

// A model read from a config.json, as people bring one: the import and the YAML it becomes are
// then compiled too. Another model than the bench's (Llama 3 8B), so that nothing of its own is kept.
const WARM_CONFIG = {
  architectures: ["Qwen2ForCausalLM"],
  hidden_act: "silu",
  hidden_size: 3584,
  intermediate_size: 18944,
  max_position_embeddings: 131072,
  model_type: "qwen2",
  num_attention_heads: 28,
  num_hidden_layers: 28,
  num_key_value_heads: 4,
  rms_norm_eps: 1e-6,
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
  vocab_size: 152064,
};
const { mkdtempSync, writeFileSync, rmSync } = require("node:fs");
const warmDir = mkdtempSync(path.join(require("node:os").tmpdir(), "flopsheet-snapshot-"));
const warmConfig = path.join(warmDir, "qwen2-7b.json");
writeFileSync(warmConfig, JSON.stringify(WARM_CONFIG));

const quiet = { out: () => {}, err: () => {}, isTTY: false, env: {}, cwd: root, version };
(async () => {
  const runs = [["check"], ["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2"], ["estimate", "--model", "llama-3-8b"], ["estimate", "--model", warmConfig]];
  for (const argv of runs) {
    const code = await cli.exports.run(argv, quiet);
    if (code !== 0) throw new Error(`the snapshot's warm-up run of flopsheet ${argv.join(" ")} exited with ${code}`);
  }
  rmSync(warmDir, { recursive: true, force: true });
  // What the warm-up runs worked out for themselves (src/core/memo.ts), and the JSON the sheets
  // were read from (see bundle-cli.mjs), read again from disk if ever asked for.
  cli.exports.forgetMemos();
})();

v8.startupSnapshot.setDeserializeMainFunction(async () => {
  const cliDir = path.resolve(process.argv[1]);
  requireNow = require("node:module").createRequire(path.join(cliDir, "flopsheet.cjs"));
  globalThis[Symbol.for("flopsheet.cliDir")] = cliDir;
  cli.exports.exitWhenWritten(await cli.exports.run(process.argv.slice(2), cli.exports.processIo(version, path.join(cliDir, "../web"))));
});
