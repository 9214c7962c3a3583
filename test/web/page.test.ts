/// <reference lib="dom" />
/**
 * The built web page (dist/web), opened from disk in Debian's Chromium and used as a person would:
 * paste a config, edit a formula, make a mistake, share the link, download the report. Timings
 * are measured and printed for the closing note, never asserted.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadShipped, shippedSheetIds, shippedSheetText } from "../../src/index.js";
import { decodeState, encodeState } from "../../web/src/state.js";
import { cli } from "../helpers/cli.js";
import { toolOrSkip } from "../helpers/tools.js";
import { timeKeys } from "../../scripts/key-timing.mjs";

const CHROMIUM = toolOrSkip("chromium", "FLOPSHEET_CHROMIUM", "apt-get install --no-install-recommends chromium, as .ci/run does");
const PDFLATEX = toolOrSkip("pdflatex", "FLOPSHEET_PDFLATEX", "apt-get install --no-install-recommends texlive-latex-base texlive-latex-recommended, as .ci/run does");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const PAGE = `file://${resolve("dist/web/index.html")}`;
const config = readFileSync("test/fixtures/configs/llama-3-8b.json", "utf8");
const decoder = shippedSheetText("decoder")!.text;
const FINAL_NORM = "  P_final_norm: {expr: d × (n_w + b_n),";
// Llama-3-8B's 8,030,261,248 weights, and with its final norm counted twice one more d = 4,096.
const PARAMS = "params = 8,030,261,248 ≈ 8.03 × 10⁹ parameters";
const EDITED = `params = ${(8_030_261_248 + 4_096).toLocaleString("en-US")} ≈ 8.03 × 10⁹ parameters`;
const finalNormLine = decoder.split("\n").findIndex((l) => l.startsWith(FINAL_NORM)) + 1;

/** Everything a page did that it must not: console errors, uncaught exceptions, requests off the disk. */
interface Watch {
  readonly errors: string[];
  readonly requests: string[];
}

function watch(page: Page): Watch {
  const w: Watch = { errors: [], requests: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") w.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => w.errors.push(e.message));
  page.on("request", (r) => {
    if (!/^(file|blob|data):/.test(r.url())) w.requests.push(r.url());
  });
  return w;
}

/**
 * A new page at `url`, watched from the start; `close` checks that it logged no error and asked
 * the network for nothing (in any test, the page must work offline and quietly), then closes it.
 */
async function open(browser: Browser, url: string, context?: BrowserContext): Promise<{ page: Page; close: () => Promise<void> }> {
  const page = await (context ?? browser).newPage({ viewport: { width: 1400, height: 1000 } });
  const w = watch(page);
  await page.goto(url);
  return {
    page,
    close: async () => {
      expect(w.errors).toEqual([]);
      expect(w.requests).toEqual([]);
      await page.close();
    },
  };
}

const shippedSheetChecks = (id: string) => {
  const sheet = loadShipped(id);
  return sheet.checks.length + sheet.scenarios.reduce((n, s) => n + s.expect.length, 0);
};
const headline = (page: Page) => page.locator("#headline").innerText();
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

// dist/web is built by npm test's pretest (and by .ci/run): a page missing is a failure, not a skip.
describe.skipIf(CHROMIUM === undefined)("the web page, from disk in Chromium", { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("paste Llama-3-8B's config, edit a formula, make a mistake, share the link, download the LaTeX", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, close } = await open(browser, PAGE, context);
    expect(await headline(page)).toBe("Total_FLOPs = 135,291,469,824,000,000,000,000 ≈ 1.35 × 10²³ FLOPs");
    const load = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);

    // The decoder sheet with no model and no scenario: what it needs is said, not guessed.
    await page.selectOption("#sheet", "decoder");
    await page.selectOption("#scenario", "");
    expect(await page.locator("#problems").innerText()).toMatch(/MISSING_INPUT/);
    await page.locator("#config-panel summary").click();
    await page.locator("#config").fill(config);
    await page.selectOption("#target", "params");
    expect(await headline(page)).toBe(PARAMS);
    expect(await page.locator("#model").inputValue()).toBe("config");
    expect(await page.title()).toBe("decoder · params · config — flopsheet");
    const kvRow = page.locator("#inputs tbody tr", { hasText: "key and value heads" });
    expect(await kvRow.innerText()).toContain("config: n_kv_heads (config.json: num_key_value_heads)");
    expect(await page.locator("#trail math").count()).toBeGreaterThan(5);

    // An edit in the editor, by keyboard: found with the editor's search (Ctrl+F), then
    // `d × (1 + b)` becomes `2 × d × (1 + b)`.
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+f");
    await page.keyboard.type("P_final_norm: {expr:");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowRight"); // to the end of the match
    await page.keyboard.press("ArrowRight"); // past the space
    const phases: string[] = [];
    const editTimes = await timeKeys(page, async () => {
      for (const key of ["2", " ", "×", " "]) {
        await page.keyboard.type(key);
        phases.push(await page.locator("#timing").innerText());
      }
    });
    expect(await headline(page)).toBe(EDITED);
    expect(await page.locator("#sheet-state").innerText()).toContain("edited");
    // The checks follow the trail, once it is on screen.
    await page.locator("#checks-section:not(.pending)").waitFor();
    expect(await page.locator("#checks .check").count()).toBe(shippedSheetChecks("decoder"));

    // A syntax error: located at its line, in the list and inline in the editor.
    await page.keyboard.type("(");
    const issues = await page.locator("#sheet-issues").innerText();
    expect(issues).toMatch(new RegExp(`^decoder\\.yaml:${finalNormLine}:\\d+: .*\\[PARSE\\]`));
    expect(issues).not.toMatch(/UNKNOWN_IDENTIFIER/);
    expect(await page.locator(".cm-line", { hasText: "P_final_norm: {expr: 2 × (d" }).locator(".cm-lintRange-error").count()).toBe(1);
    expect(await headline(page)).toBe("");
    await page.keyboard.press("Backspace");
    expect(await page.locator("#sheet-issues").innerText()).toBe("");
    expect(await headline(page)).toBe(EDITED);

    // The link reproduces the state in a new page: the edit, the pasted config, the target.
    const share = page.locator("#share");
    await share.focus();
    const link = await share.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(link).toMatch(/#v1\.[\w-]+$/);
    const { page: second, close: closeSecond } = await open(browser, link, context);
    expect(await headline(second)).toBe(EDITED);
    expect(await second.locator("#sheet-state").innerText()).toBe("(edited; messages name it decoder.yaml)");
    expect(decodeState(new URL(link).hash, (id) => shippedSheetText(id)?.text).text).toContain("P_final_norm: {expr: 2 × d × (n_w + b_n),");
    // The edit travels as itself, not as the sheet's 10 kB of text; the pasted config is whole.
    expect(new URL(link).hash.length).toBeLessThan(config.length * 2);
    expect(await second.locator("#config").inputValue()).toBe(config);
    expect(await second.locator("#target").inputValue()).toBe("params");

    // The LaTeX download is what the CLI writes for the command the page shows, and compiles.
    expect(await page.locator("#command").innerText()).toBe("flopsheet report decoder.yaml params --model config.json --format latex");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('button[data-format="latex"]').click()]);
    expect(download.suggestedFilename()).toBe("decoder-params.tex");
    const tex = readFileSync((await download.path())!, "utf8");
    const edited = decoder.replace(FINAL_NORM, "  P_final_norm: {expr: 2 × d × (n_w + b_n),");
    const byCli = await cli(["report", "decoder.yaml", "params", "--model", "config.json", "--format", "latex"], { "decoder.yaml": edited, "config.json": config });
    expect(tex).toBe(byCli.stdout);
    expect(tex).toContain("8\\,030\\,265\\,344");
    if (PDFLATEX) {
      const dir = mkdtempSync(join(tmpdir(), "flopsheet-page-tex-"));
      writeFileSync(join(dir, "report.tex"), tex);
      const r = spawnSync(PDFLATEX, ["-halt-on-error", "-no-shell-escape", "-interaction=nonstopmode", "report.tex"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
      expect(r.status, r.stdout.split("\n").filter((l) => l.startsWith("!")).join("\n")).toBe(0);
      expect(existsSync(join(dir, "report.pdf"))).toBe(true);
    }
    for (const format of ["markdown", "html"] as const) {
      const [d] = await Promise.all([page.waitForEvent("download"), page.locator(`button[data-format="${format}"]`).click()]);
      const r = await cli(["report", "decoder.yaml", "params", "--model", "config.json", "--format", format], { "decoder.yaml": edited, "config.json": config });
      expect(readFileSync((await d.path())!, "utf8")).toBe(r.stdout);
    }

    console.log(`opened from disk and drawn in ${load.toFixed(0)} ms; keystroke → results redrawn, editing decoder with a pasted config (ms): ${editTimes.map((t) => t.toFixed(1)).join(", ")}; the page's own count: ${phases.join(" ")}`);
    // "×" is typed as text, with no key event of its own: three keys are timed.
    expect(editTimes.length).toBe(3);
    await closeSecond();
    await close();
    await context.close();
  });

  test("every shipped sheet redraws as its text is typed into; the time per key is measured", async () => {
    const { page, close } = await open(browser, PAGE);
    const rows: string[] = [];
    for (const id of shippedSheetIds()) {
      await page.selectOption("#model", "");
      await page.selectOption("#sheet", id);
      // A sheet with no scenario derives for a model.
      if ((await headline(page)) === "") {
        await page.selectOption("#model", "llama-3-8b");
        await page.selectOption("#hardware", "h100-sxm");
      }
      const before = await headline(page);
      await page.locator(".cm-content").click();
      await page.keyboard.press("Control+End");
      // Two keys a sheet: the redraw is what is tested; timing many keys is npm run bench's work.
      const times = await timeKeys(page, async () => {
        await page.keyboard.press("Enter");
        await page.keyboard.type("#");
      });
      expect(await page.locator("#sheet-state").innerText()).toContain("edited");
      // A comment changes nothing the sheet derives.
      expect(await headline(page), id).toBe(before);
      expect(await page.locator("#sheet-issues").innerText(), id).toBe("");
      rows.push(`${id.padEnd(18)} ${before === "" ? "(no value)" : ""} median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over ${times.length} keys`);
      await page.locator("#revert").click();
    }
    console.log(`keystroke → results redrawn, per shipped sheet:\n${rows.join("\n")}`);
    expect(rows.filter((r) => r.includes("(no value)"))).toEqual([]);
    await close();
  });

  test("keyboard only, light and dark, and printing gives the report", async () => {
    const { page, close } = await open(browser, PAGE);
    // Tab reaches the choices in order, and a sheet is chosen with the arrow keys.
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || "");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("skip");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("sheet");
    await page.keyboard.press("ArrowDown");
    expect(await page.locator("#sheet").inputValue()).toBe("causal-mask");
    expect(await page.locator("#sheet-state").innerText()).toBe("(formulas/causal-mask.yaml, as shipped)");
    // Tab leaves the editor: it never traps the focus.
    await page.locator(".cm-content").focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest(".cm-editor") === null)).toBe(true);

    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await background()).toBe("rgb(255, 255, 255)");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await background()).toBe("rgb(13, 17, 23)");

    await page.emulateMedia({ media: "print", colorScheme: "light" });
    expect(await page.locator(".controls").isVisible()).toBe(false);
    expect(await page.locator("#trail").isVisible()).toBe(true);
    expect(await page.locator("#report-title").isVisible()).toBe(true);
    // The printed report lists the inputs with their origins, without the fields to set them.
    expect(await page.locator("#inputs").isVisible()).toBe(false);
    expect(await page.locator("#print-inputs").isVisible()).toBe(true);
    expect(await page.locator("#print-inputs tbody tr").count()).toBeGreaterThan(0);
    await close();
  });

  test("a link from someone else cannot run script: its text is shown as text, and the LaTeX is sanitised", async () => {
    const { page, close } = await open(browser, "about:blank");
    const dialogs: string[] = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    const evil = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    const text = (latex: string) =>
      ["title: \"" + evil + "\"", "inputs:", `  N: {description: "${evil}", default: 2${latex}}`, "formulas:", `  C: {expr: 6 × N, description: "${evil}", source: "${evil}"}`, ""].join("\n");
    // LaTeX that could run script is refused where the sheet holds it.
    await page.goto(`${PAGE}#${encodeState({ sheet: "basu-2024", text: text(', latex: "\\\\href{javascript:alert(3)}{N}"'), target: "C", set: [] })}`);
    expect(await page.locator("#sheet-issues").innerText()).toMatch(/^basu-2024\.yaml:3:\d+: the latex of input ‘N’ may hold only math notation: \\href is not allowed \[INVALID_VALUE\]/);
    // Text is text, in the sheet and in a setting.
    await page.goto(`${PAGE}#${encodeState({ sheet: "basu-2024", text: text(""), target: "C", set: [["N", evil]] })}`);
    expect(await page.locator("#problems").innerText()).toMatch(/--set N=.*\[INVALID_VALUE\]|\[PARSE\]/s);
    await page.locator("#set-list button").click(); // remove the hostile setting
    expect(await headline(page)).toBe("C = 12");
    expect(await page.locator("#results img, #results script, #inputs img, #inputs a[href^='javascript']").count()).toBe(0);
    expect(await page.locator("#trail").innerText()).toContain("<img src=x onerror=alert(1)>");
    expect(dialogs).toEqual([]);
    await close();
  });

  test("the whole estimate for a pasted config: every quantity, and each sheet that does not fit says why", async () => {
    const { page, close } = await open(browser, PAGE);
    await page.locator("#config-panel summary").click();
    await page.locator("#config").fill(config);
    await page.selectOption("#target", "*estimate");
    const params = page.locator("#estimate tbody tr", { hasText: "params" }).first();
    expect(await params.locator("td.num").innerText()).toBe("8,030,261,248 ≈ 8.03 × 10⁹ parameters");
    await params.locator("summary").click();
    expect(await params.innerText()).toContain("kaplan-2020 assumes n_kv_heads = n_heads (32), but config has 8");
    expect(await page.locator("#command").innerText()).toBe("flopsheet estimate --model config.json --format markdown");
    expect(await page.locator('button[data-format="latex"]').isDisabled()).toBe(true);
    await close();
  });

  test("the estimate with a device: weights, cache, headroom and time per token for Llama-3-8B on an H100, and what a row still needs", async () => {
    const state = { sheet: "serving", model: "llama-3-8b", hardware: "h100-sxm", target: "*estimate", set: [["batch_size", "1"], ["context", "8192"]] as const };
    const { page, close } = await open(browser, `${PAGE}#${encodeState({ ...state, set: state.set.map(([k, v]) => [k, v] as const) })}`);
    const row = (name: string) => page.locator(`#estimate tbody tr[data-quantity="${name}"] td.num`);
    // As the CLI gives them (test/cli/serving.test.ts): 8,030,261,248 × 2 bytes; 2 × 32 × 8 × 128 × 2 × 8,192.
    expect(await row("weight_bytes").innerText()).toContain("16,060,522,496 bytes");
    expect(await row("kv_cache_bytes").innerText()).toContain("1,073,741,824 bytes");
    expect(await row("serving_headroom_bytes").innerText()).toContain("62,865,735,680 bytes");
    // 17,134,264,320 bytes at 3.35 TB/s: 5.11 ms.
    expect(await row("time_per_output_token").innerText()).toMatch(/5\.11 ms/);
    // Training memory needs what the page was not given, and says which.
    expect(await page.locator('#estimate tbody tr[data-quantity="training_headroom_bytes"]').innerText()).toContain("n_devices");
    expect(await page.locator("#command").innerText()).toBe("flopsheet estimate --model llama-3-8b --hardware h100-sxm --set batch_size=1 --set context=8192 --format markdown");
    await close();
  });

  test("a link cut short says so and opens the first example", async () => {
    const { page, close } = await open(browser, `${PAGE}#v1.eyJzaGVldCI6`);
    expect(await page.locator("#link-problem").innerText()).toBe("This link could not be opened: it is cut short or altered (its data does not decode). Showing the first example instead.");
    expect(await headline(page)).toMatch(/^Total_FLOPs = /);
    await close();
  });
});
