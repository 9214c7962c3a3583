// npm run examples: regenerates the reports in examples/ (a test checks they are up to date).
import { readFileSync, writeFileSync } from "node:fs";
import { EXAMPLES } from "./examples-list.mjs";

const { loadSheet, renderReport } = await import("../dist/index.js");
for (const e of EXAMPLES) {
  const sheet = loadSheet(readFileSync(e.sheetPath, "utf8"), e.sheetPath);
  writeFileSync(e.output, renderReport(sheet, e.format, e.options));
  console.log(`wrote ${e.output}`);
}
