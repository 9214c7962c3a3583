// npm run examples: regenerates the reports in examples/ (a test checks they are up to date).
import { writeFileSync } from "node:fs";
import { EXAMPLES } from "./examples-list.mjs";

const { loadShipped, renderReport } = await import("../dist/index.js");
for (const e of EXAMPLES) {
  writeFileSync(e.output, renderReport(loadShipped(e.sheet), e.format, e.options));
  console.log(`wrote ${e.output}`);
}
