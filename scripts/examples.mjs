// npm run examples: regenerates the reports in examples/ (a test checks they are up to date) and,
// where Chromium is installed, the screenshots of the HTML report and of the web page.
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { AUDIT_TABLE, EXAMPLES, FIT_TABLE, PAGE_SHOT, PLOTS, auditTable, fitTable } from "./examples-list.mjs";

const api = await import("../dist/index.js");
for (const e of EXAMPLES) {
  writeFileSync(e.output, api.renderReport(api.loadShipped(e.sheet), e.format, e.options));
  console.log(`wrote ${e.output}`);
}
writeFileSync(FIT_TABLE, fitTable(api));
console.log(`wrote ${FIT_TABLE}`);
writeFileSync(AUDIT_TABLE, auditTable(api));
console.log(`wrote ${AUDIT_TABLE}`);
const plot = await import("../dist/plot.js");
for (const p of PLOTS) {
  writeFileSync(p.output, await p.make(api, plot));
  console.log(`wrote ${p.output}`);
}

const chromium = process.env.FLOPSHEET_CHROMIUM ?? "/usr/bin/chromium";
const html = EXAMPLES.find((e) => e.format === "html").output;
if (existsSync(chromium)) {
  const { chromium: browserType } = await import("playwright-core");
  const browser = await browserType.launch({ executablePath: chromium, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  await page.goto(`file://${resolve(html)}`);
  const shot = html.replace(/\.html$/, ".png");
  await page.screenshot({ path: shot });
  console.log(`wrote ${shot}`);
  const web = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await web.goto(`file://${resolve("dist/web/index.html")}`);
  for (const [select, value] of PAGE_SHOT.steps) await web.selectOption(select, value);
  await web.screenshot({ path: PAGE_SHOT.output });
  console.log(`wrote ${PAGE_SHOT.output}`);
  await browser.close();
} else {
  console.log(`no Chromium at ${chromium} (set FLOPSHEET_CHROMIUM): the screenshot is left as it is`);
}
