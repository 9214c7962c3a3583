/**
 * bin/flopsheet, the command npm links: it starts from the start-up snapshot when the node on PATH
 * made it, and from dist/cli/main.js otherwise. Either way a command prints the same and exits
 * with the same code.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, test } from "vitest";

const bin = resolve("bin/flopsheet");
const main = resolve("dist/cli/main.js");
const cliDir = resolve("dist/cli");
// This node first on PATH, so that bin/flopsheet finds the node the build ran with.
const env = { ...process.env, NO_COLOR: "1", NODE_OPTIONS: "", PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
const run = (cmd: string, args: readonly string[], extra: Record<string, string> = {}) => {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...env, ...extra } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const DERIVE = ["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2"];
// Basu et al. §4.2's 1.35 × 10²³, exactly.
const BASU = "Total_FLOPs = 135,291,469,824,000,000,000,000";

describe("bin/flopsheet", () => {
  test("the build made a snapshot for the node that ran it", () => {
    expect(readFileSync(join(cliDir, "flopsheet.blob.node"), "utf8")).toBe(`${process.execPath}\n`);
  });

  test.each([
    [DERIVE, 0],
    [["derive", "basu-2024", "Nope"], 2],
    [["symbolic", "basu-2024", "d_head"], 0],
    [["estimate", "--model", "test/fixtures/configs/llama-3-8b.json"], 0],
  ])("from the snapshot, flopsheet %j prints what the modules print", (args, code) => {
    const snapshot = run(bin, args);
    expect(snapshot.status).toBe(code);
    expect(snapshot).toEqual(run(process.execPath, [main, ...args]));
  });

  test("the answer itself, from the snapshot and without it", () => {
    expect(run(bin, DERIVE).stdout).toContain(BASU);
    expect(run(bin, DERIVE, { FLOPSHEET_SNAPSHOT: "0" }).stdout).toContain(BASU);
    expect(run(bin, ["symbolic", "basu-2024", "d_head"], { NODE_OPTIONS: "--stack-trace-limit=20" }).stdout).toBe("d_head = d_model/H\n");
  });

  test("another node on PATH starts from the modules", () => {
    const dir = mkdtempSync(join(tmpdir(), "flopsheet-node-"));
    symlinkSync(process.execPath, join(dir, "node"));
    const r = run(bin, DERIVE, { PATH: `${dir}:${process.env.PATH}` });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(BASU);
  });

  test("a snapshot node refuses (another V8 than the stamp says): the modules answer, and say why", () => {
    // A copy of the package's layout whose blob node refuses: it was made with another V8 flag.
    const root = mkdtempSync(join(tmpdir(), "flopsheet-stale-"));
    mkdirSync(join(root, "bin"));
    mkdirSync(join(root, "dist", "cli"), { recursive: true });
    copyFileSync(bin, join(root, "bin", "flopsheet"));
    for (const f of readdirSync(cliDir)) if (!f.startsWith("flopsheet.blob")) symlinkSync(join(cliDir, f), join(root, "dist", "cli", f));
    const entry = join(root, "empty.cjs");
    writeFileSync(entry, "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {});\n");
    const blob = join(root, "dist", "cli", "flopsheet.blob");
    const made = spawnSync(process.execPath, ["--stack-trace-limit=20", "--snapshot-blob", blob, "--build-snapshot", entry], { encoding: "utf8" });
    expect(made.status, made.stderr).toBe(0);
    writeFileSync(`${blob}.node`, `${process.execPath}\n`);
    // Newer than the node binary, as a fresh build's would be.
    utimesSync(blob, new Date(), new Date());
    const r = run("sh", [join(root, "bin", "flopsheet"), ...DERIVE]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(BASU);
    expect(r.stderr).toContain("flopsheet: starting without the snapshot; npm run build makes one for this node");
  });
});
