// Build step, after bundle-cli.mjs: the CLI's start-up snapshot (dist/cli/flopsheet.blob), a V8
// heap with the bundle loaded and the shipped sheets read, which bin/flopsheet starts from instead
// of loading and reading them again. A snapshot serves only the node binary that made it, so the
// path of that binary is written beside it (flopsheet.blob.node); bin/flopsheet starts from the
// modules when another node would run, and when node refuses the snapshot anyway (exit code 14).
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";

const here = (p) => new URL(p, import.meta.url).pathname;
const blob = here("../dist/cli/flopsheet.blob");
const stamp = `${blob}.node`;
rmSync(stamp, { force: true });
const { version } = JSON.parse(readFileSync(here("../package.json"), "utf8"));
const r = spawnSync(process.execPath, ["--no-warnings", "--snapshot-blob", blob, "--build-snapshot", here("./snapshot-entry.cjs")], {
  env: { ...process.env, FLOPSHEET_BUNDLE: here("../dist/cli/flopsheet.cjs"), FLOPSHEET_VERSION: version, FLOPSHEET_ROOT: here("..") },
  encoding: "utf8",
});
if (r.status !== 0) {
  // Not fatal: the CLI starts from its bundle, only slower.
  rmSync(blob, { force: true });
  console.error(`no start-up snapshot (node ${process.version} could not make one): ${(r.stderr || r.error?.message || "").trim().split("\n")[0]}`);
} else {
  // Written last: bin/flopsheet takes the snapshot only when this names the node it finds.
  writeFileSync(stamp, `${process.execPath}\n`);
}
