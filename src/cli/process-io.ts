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
