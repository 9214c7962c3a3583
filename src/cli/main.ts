#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadBundle } from "./bundle-loader.js";
import type { Io } from "./context.js";

type Run = (argv: readonly string[], io: Io) => Promise<number>;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const { version } = JSON.parse(readFileSync(here("../../package.json"), "utf8")) as { version: string };
// The bundle starts fastest; the modules themselves serve where no bundle was built.
const bundled = loadBundle(here("./flopsheet.cjs"), here("./flopsheet.cache"));
const run = (bundled?.exports.run as Run | undefined) ?? (await import("./app.js")).run;

// A reader that stops early (`flopsheet sweep … | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(0);
});

process.exitCode = await run(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
  version,
  pageDir: here("../web"),
  ...(process.stderr.isTTY ? { errStream: process.stderr } : {}),
  drained: () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once("drain", () => resolve())) : Promise.resolve()),
});
