import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { expect, test } from "vitest";
import { renderReport } from "../../src/index.js";
import { shipped } from "../helpers/sheets.js";

const CHROMIUM = "/usr/bin/chromium";
// Flags of a sandboxed, offline machine: no network calls at start-up (see the env notes).
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

test("the HTML report renders offline in Chromium: no KaTeX error, the total visible", async () => {
  if (!existsSync(CHROMIUM)) throw new Error("Chromium is needed: apt-get install --no-install-recommends chromium (.ci/run does)");
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
    await page.screenshot({ path: "examples/basu-2024-section-4.2.png" });
  } finally {
    await browser.close();
  }
});
