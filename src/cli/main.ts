#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadBundle } from "./bundle-loader.js";

type App = typeof import("./app.js");

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const { version } = JSON.parse(readFileSync(here("../../package.json"), "utf8")) as { version: string };
// The bundle starts fastest; the modules themselves serve where no bundle was built.
const bundled = loadBundle(here("./flopsheet.cjs"), here("./flopsheet.cache"));
const app = (bundled?.exports as App | undefined) ?? (await import("./app.js"));

app.exitWhenWritten(await app.run(process.argv.slice(2), app.processIo(version, here("../web"))));
