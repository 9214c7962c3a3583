import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { expect, test } from "vitest";
import { renderReport } from "../../src/index.js";
import { shipped } from "../helpers/sheets.js";
import { toolOrSkip } from "../helpers/tools.js";

const CHROMIUM = toolOrSkip("chromium", "FLOPSHEET_CHROMIUM", "apt-get install --no-install-recommends chromium, as .ci/run does");
// Flags of a sandboxed, offline machine: no network calls at start-up (see the env notes).
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

test.skipIf(CHROMIUM === undefined)("the HTML report renders offline in Chromium: no KaTeX error, the total visible", async () => {
  const dir = mkdtempSync(join(tmpdir(), "flopsheet-html-"));
  const file = join(dir, "report.html");
  writeFileSync(file, renderReport(shipped("basu-2024"), "html", { scenario: "section-4.2" }));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const requests: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    expect(await page.locator(".katex-error").count()).toBe(0);
    const result = page.locator(".result");
    expect(await result.isVisible()).toBe(true);
    const text = (await result.innerText()).replace(/\s+/g, "");
    expect(text).toContain("TotalFLOPs=135291469824000000000000≈1.35×1023");
    expect(await page.locator("math").count()).toBeGreaterThan(30);
    expect(requests).toEqual([]); // self-contained: nothing fetched
    // Into the test's own folder: a test run never rewrites what is committed.
    const shot = join(dir, "report.png");
    await page.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
  } finally {
    await browser.close();
  }
});

test.skipIf(CHROMIUM === undefined)("the example plots open in Chromium without errors, drawn to their labelled axes", async () => {
  const { PLOTS } = await import("../../scripts/examples-list.mjs");
  const dir = mkdtempSync(join(tmpdir(), "flopsheet-plots-"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    for (const { output } of PLOTS) {
      const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`file://${join(process.cwd(), output)}`);
      const text = await page.locator("svg").innerHTML();
      expect(text).toContain("training_flops_per_token");
      const shot = join(dir, output.replace(/.*\//, "").replace(/\.svg$/, ".png"));
      await page.screenshot({ path: shot });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
      expect(errors).toEqual([]);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
