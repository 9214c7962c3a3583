/**
 * The Io of this very process: its streams, environment and folder. main.ts and the start-up
 * snapshot (scripts/snapshot-entry.cjs) both start the CLI with it, so both run it alike.
 */
import type { Io } from "./context.js";

/** @param pageDir the built web page's folder (dist/web), for `flopsheet page`. */
export function processIo(version: string, pageDir: string): Io {
  // A reader that stops early (`flopsheet sweep … | head`) closes the pipe: stop quietly, as Unix tools do.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(0);
  });
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    version,
    pageDir,
    ...(process.stderr.isTTY ? { errStream: process.stderr } : {}),
    drained: () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once("drain", () => resolve())) : Promise.resolve()),
  };
}

/**
 * Ends the process with `code` once run() has returned. Left to itself, Node waits for the tasks
 * V8 has scheduled (a scavenge, finishing a concurrent mark) before it exits: 5–20 ms after an
 * estimate's last line. Every command is done when run() returns, so exit at once, unless a
 * stream still holds output (a pipe on some systems writes asynchronously): then let it drain.
 */
export function exitWhenWritten(code: number): void {
  process.exitCode = code;
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
}
