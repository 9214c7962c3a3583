// npm run build:web: the web page (web/) as three static files in dist/web — index.html, page.js
// (the engine, KaTeX and CodeMirror in one script, minified), page.css — that work from file://
// and from any static host. A classic deferred script, not a module: Chromium refuses module
// scripts from file:// (their origin is opaque), and the page must open from disk.
import { buildSync } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const here = (p) => new URL(p, import.meta.url).pathname;
const out = here("../dist/web/");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const version = JSON.parse(readFileSync(here("../package.json"), "utf8")).version;
buildSync({
  entryPoints: [here("../web/src/main.ts")],
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "chrome109",
  minify: true,
  legalComments: "none",
  outfile: `${out}page.js`,
  logLevel: "error",
});
copyFileSync(here("../web/page.css"), `${out}page.css`);
writeFileSync(`${out}index.html`, readFileSync(here("../web/index.html"), "utf8").replace('<span id="version"></span>', `<span id="version">flopsheet ${version}.</span>`));

// The budget: everything a visitor loads, as stored on disk (file:// serves it uncompressed).
const BUDGET = 2 * 1024 * 1024;
const files = ["index.html", "page.js", "page.css"];
const total = files.reduce((n, f) => n + statSync(`${out}${f}`).size, 0);
const gzipped = files.reduce((n, f) => n + gzipSync(readFileSync(`${out}${f}`), { level: 9 }).length, 0);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`dist/web: ${kib(total)} (${kib(gzipped)} gzipped), budget ${kib(BUDGET)}`);
if (total > BUDGET) {
  console.error(`dist/web is ${kib(total)}, over its budget of ${kib(BUDGET)}: see what grew with esbuild's metafile`);
  process.exit(1);
}
