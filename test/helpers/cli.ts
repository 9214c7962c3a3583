import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { run } from "../../src/cli/app.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The folder it ran in, where files it wrote are. */
  cwd: string;
}

/** Runs the CLI in-process with files written to a fresh folder, which is its working directory. */
export async function cli(args: string[], files: Record<string, string> = {}): Promise<CliResult> {
  const cwd = mkdtempSync(join(tmpdir(), "flopsheet-test-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    out: (s) => (stdout += s),
    err: (s) => (stderr += s),
    isTTY: false,
    env: {},
    cwd,
    version: "0.0.0-test",
    pageDir: resolve("dist/web"),
  });
  // Exit 3 is a bug in flopsheet whatever the input: any test that reaches it fails.
  if (code === 3) throw new Error(`internal error (exit 3) for flopsheet ${args.join(" ")}:\n${stderr}`);
  // Not enumerable: tests compare results whole, and where it ran is not part of what it printed.
  return Object.defineProperty({ code, stdout, stderr }, "cwd", { value: cwd, enumerable: false }) as CliResult;
}

/** A user mistake: exit code 2, nothing on stdout, and the message lines without the caret excerpts. */
export async function mistake(args: string[], files: Record<string, string> = {}): Promise<string[]> {
  const r = await cli(args, files);
  expect(r.stdout, "a mistake writes nothing to stdout").toBe("");
  expect(r.code, r.stderr).toBe(2);
  return r.stderr
    .split("\n")
    .filter((l) => l !== "" && !/^\s*\d* \|/.exec(l))
    .map((l) => l.replace(/^error: /, ""));
}
