import katex from "katex";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildReport, escapeHtml, layoutReport, loadSheet, mathFragments, renderReport, reportHtml, reportLatex, reportMarkdown } from "../../src/index.js";
import { cli } from "../helpers/cli.js";
import { FORTY_STEPS, layouts, shippedReports } from "../helpers/reports.js";
import { shipped } from "../helpers/sheets.js";
import { AUDIT_TABLE, EXAMPLES, FIT_TABLE, PLOTS, auditTable, fitTable } from "../../scripts/examples-list.mjs";
import { KATEX_OPTIONS } from "../../src/render/report-html.js";

describe("every math fragment of every report parses with KaTeX", () => {
  test.each(shippedReports())("$label", ({ sheet, scenario }) => {
    let count = 0;
    for (const [, layout] of layouts(sheet, scenario)) {
      for (const fragment of mathFragments(layout)) {
        expect(() => katex.renderToString(fragment, { ...KATEX_OPTIONS, displayMode: true }), fragment).not.toThrow();
        count++;
      }
    }
    expect(count).toBeGreaterThan(20);
  });

  test("the forty-step sheet", () => {
    const sheet = loadSheet(FORTY_STEPS, { path: "forty.yaml" });
    const fragments = mathFragments(layoutReport(buildReport(sheet, { targets: ["huge"] })));
    for (const f of fragments) katex.renderToString(f, { ...KATEX_OPTIONS, displayMode: true });
    expect(fragments.length).toBeGreaterThan(41);
  });
});

describe("what reports say", () => {
  const basu = shipped("basu-2024");
  const latex = renderReport(basu, "latex", { scenario: "section-4.2", macros: true });

  test("the LaTeX trail is aligned equations with the exact total and its rounded form", () => {
    expect(latex).toContain("\\mathrm{FLOPs}_{\\text{forward}} &= k \\times d_{\\text{model}}^{2} \\nonumber \\\\\n  &= 7 \\times 8\\,192^{2} \\nonumber \\\\\n  &= 469\\,762\\,048 \\approx 4.70 \\times 10^{8} \\label{flopsheet:basu-2024:FLOPs.forward}");
    // The total in full, then rounded with its unit on a row of its own (the two do not fit one).
    expect(latex).toContain("&= 135\\,291\\,469\\,824\\,000\\,000\\,000\\,000 \\nonumber \\\\\n  &\\approx 1.35 \\times 10^{23}\\,\\mathrm{FLOPs} \\label");
    expect(latex).toContain("\\mathrm{Total}_{\\mathrm{FLOPs}} &= 3\\,L\\,T\\,k\\,d_{\\text{model}}^{2}");
  });

  test("--macros defines a command per result", () => {
    expect(latex).toContain("\\newcommand{\\TotalFLOPs}{\\ensuremath{1.35 \\times 10^{23}}}");
    expect(latex).toContain("\\newcommand{\\Pertokenperlayer}{\\ensuremath{1.41 \\times 10^{9}}}");
  });

  test("--fragment has no preamble", () => {
    const fragment = renderReport(basu, "latex", { scenario: "section-4.2", fragment: true });
    expect(fragment).not.toContain("\\documentclass");
    expect(fragment).not.toContain("\\begin{document}");
    expect(fragment).toContain("\\subsection*{Derivation}");
  });

  test("--steps short drops the substituted lines; results is a table", () => {
    const short = renderReport(basu, "latex", { scenario: "section-4.2", steps: "short" });
    expect(short).not.toContain("7 \\times 8\\,192^{2}");
    expect(short).toContain("&= 469\\,762\\,048 \\approx 4.70 \\times 10^{8}");
    const results = renderReport(basu, "markdown", { scenario: "section-4.2", steps: "results" });
    // The unit column, and the unit typeset upright after the rounded value.
    expect(results).toContain("| $\\mathrm{Total}_{\\mathrm{FLOPs}}$ | $135\\,291\\,469\\,824\\,000\\,000\\,000\\,000 \\approx 1.35 \\times 10^{23}\\,\\mathrm{FLOPs}$ | FLOPs | §4.1 |");
  });

  test("Markdown: inputs and checks as tables, display math GitHub renders", () => {
    const md = renderReport(basu, "markdown", { scenario: "section-4.2" });
    expect(md).toContain("| $d_{\\text{model}}$ | hidden size | $8\\,192$ |  | §1.1 |");
    expect(md).toContain("| $T$ | training tokens | $10^{12}$ | tokens | §4.1 |");
    expect(md).toContain("| ✓ | the attention total is the sum of its three parts | fails, as recorded | §2.1 |");
    expect(md).toContain("$$\n\\begin{aligned}");
  });

  test("a canonical form of hundreds of terms shows twelve and counts the rest", () => {
    const sheet = loadSheet(FORTY_STEPS, { path: "forty.yaml" });
    const rows = layoutReport(buildReport(sheet, { targets: ["huge"] })).symbolic[0]!.rows.join(" ");
    expect(rows).toMatch(/\\cdots \\text\{ \(\d+ more terms\)\}$/);
  });

  test("a result too long for a line continues at its digit groups", () => {
    const sheet = loadSheet(FORTY_STEPS, { path: "forty.yaml" });
    const layout = layoutReport(buildReport(sheet, { targets: ["huge"] }));
    const last = layout.steps[layout.steps.length - 1]!.rows;
    expect(last.some((r) => r.startsWith("&\\phantom{=}\\; "))).toBe(true);
  });
});

describe("escaping: text from a sheet is inert in every format", () => {
  const hostile = loadSheet(
    [
      'title: "<script>alert(1)</script> \\\\input{/etc/passwd} \\\\write18{rm -rf /}"',
      'source: "[click](javascript:alert(1)) \\\\catcode`\\\\^=7 JaVaScRiPt:x"',
      "inputs:",
      '  x: {description: "<img src=x onerror=alert(1)> \\\\immediate\\\\write18{id} % $ & # _ ^ ~ { }", source: "<script>"}',
      "formulas:",
      '  f: {expr: 2x, description: "</code><script>evil()</script>", source: "javascript:alert(2)"}',
      "checks:",
      '  - {name: "\\\\input{x} <script>", identity: f == 2x, source: "\\\\csname write18\\\\endcsname"}',
      "scenarios:",
      '  s: {description: "javascript:alert(3) \\\\def\\\\x{y}", set: {x: 3}}',
    ].join("\n") + "\n",
    { path: "hostile.yaml" },
  );
  const reports = {
    latex: renderReport(hostile, "latex", { scenario: "s", macros: true }),
    markdown: renderReport(hostile, "markdown", { scenario: "s" }),
    html: renderReport(hostile, "html", { scenario: "s" }),
  };

  test.each(Object.entries(reports))("%s", (_, text) => {
    for (const bad of ["\\input", "\\write18", "\\catcode", "\\immediate", "\\csname", "\\def\\", "<script", "<img", "javascript:"]) {
      expect(text.toLowerCase()).not.toContain(bad.toLowerCase());
    }
  });

  test("the text still reads the same", () => {
    expect(reports.latex).toContain("\\textbackslash\\allowbreak{}input\\{/\\allowbreak{}etc/\\allowbreak{}passwd\\}");
    expect(reports.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(reports.markdown).toContain("&lt;img src=x onerror=alert(1)&gt; &#92;immediate&#92;write18\\{id\\}");
  });
});

describe("examples/ holds up-to-date reports of the founding document's section 4.2", () => {
  test.each(EXAMPLES)("$output", ({ sheet, format, options, output }) => {
    expect(readFileSync(output, "utf8"), "run npm run examples").toBe(renderReport(shipped(sheet), format, options));
  });

  test.each(PLOTS)("$output, as $command draws it", async ({ output, make }) => {
    const svg = await make(await import("../../src/index.js"), await import("../../src/plot.js"));
    expect(readFileSync(output, "utf8"), "run npm run examples").toBe(svg);
    expect(svg).toMatch(/^<svg /);
  });

  test(`${FIT_TABLE}: every warning of every shipped sheet for every shipped model`, async () => {
    const table = readFileSync(FIT_TABLE, "utf8");
    expect(table, "run npm run examples").toBe(fitTable(await import("../../src/index.js")));
    // Mixtral through a dense sheet: one feed-forward block where it has eight experts, two of them per token.
    expect(table).toContain("| mixtral-8x7b | llama-2023 | llama-2023 assumes n\\_experts = 1, but mixtral-8x7b has 8; mixtral-8x7b gives top\\_k = 2, which llama-2023 does not read |");
    // GPT-3's presets carry Table 2.1's shapes as Table D.1 resolves them (13B's d_model 5120, XL's heads × d_head = d_model),
    // so no sheet that counts from d_model finds a head width that contradicts them.
    expect(table).not.toMatch(/\| gpt3-(13b|xl) \|.*d\\_head/);
    expect(table).not.toMatch(/\| decoder \|/);
  });
});

describe(`${AUDIT_TABLE}: the audit table users read`, () => {
  test("every published figure of every shipped sheet, as its check comes out", async () => {
    const table = readFileSync(AUDIT_TABLE, "utf8");
    expect(table, "run npm run examples").toBe(auditTable(await import("../../src/index.js")));
    // Chinchilla's own 6.3 × 10^23 (Appendix F): Appendix F's list as written disagrees; with the relative positions it agrees.
    expect(table).toMatch(/\| chinchilla-2022 · chinchilla-70b \| training\\_flops \| 5\.683 × 10\^23 \| 6\.300 × 10\^23 \|.*\| disagrees, as recorded: Appendix F's list as written gives 5\.68 × 10\^23/);
    expect(table).toMatch(/\| chinchilla-2022 · chinchilla-70b \| training\\_flops\\_with\\_relative \| 6\.246 × 10\^23 \| 6\.300 × 10\^23 \|.*\| agrees/);
    expect(table).not.toContain("does not come out as declared");
  });
});

describe("report files are written whole or not at all", () => {
  test("-o writes the report: the same text as standard output gets, and nothing on standard output", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flopsheet-out-"));
    const file = join(dir, "out.html");
    const args = ["report", "basu-2024", "--scenario", "section-4.2", "--format", "html"];
    const r = await cli([...args, "-o", file]);
    expect(r).toMatchObject({ code: 0, stdout: "" });
    expect(readFileSync(file, "utf8")).toBe((await cli(args)).stdout);
    expect(readdirSync(dir)).toEqual(["out.html"]); // no temporary file left beside it
  });

  test("a missing folder or a file where a folder should be: exit 2, and no file, partial or temporary", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flopsheet-write-"));
    writeFileSync(join(dir, "plain"), "a file, not a folder");
    for (const target of [join(dir, "missing", "r.tex"), join(dir, "plain", "r.tex")]) {
      const r = await cli(["report", "basu-2024", "--scenario", "section-4.2", "-o", target]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^error: cannot write .*r\.tex: /);
      expect(existsSync(target)).toBe(false);
    }
    expect(readdirSync(dir)).toEqual(["plain"]);
  });
});

test("the three renderers share one layout: each prints every input, step and result of it", () => {
  const layout = layoutReport(buildReport(shipped("basu-2024"), { scenario: "section-4.2" }));
  // The founding document's §4.2 by hand: 7 × 8192² × 3 per token and layer, times 96 layers and 10¹² tokens.
  expect(layout.results.map((r) => r.value)).toContain("135\\,291\\,469\\,824\\,000\\,000\\,000\\,000 \\approx 1.35 \\times 10^{23}\\,\\mathrm{FLOPs}");
  expect((7n * 8192n ** 2n * 3n * 96n * 10n ** 12n).toString()).toBe("135291469824000000000000");
  // Results appear whole in the results table; in the trail they may break over rows.
  const fragments = [...layout.inputs.map((i) => i.value), ...layout.steps.flatMap((st) => st.rows)];
  const table = layoutReport(buildReport(shipped("basu-2024"), { scenario: "section-4.2" }), { steps: "results" });
  for (const r of table.results) for (const out of [reportLatex(table), reportMarkdown(table)]) expect(out).toContain(r.value);
  expect(fragments.length).toBeGreaterThan(10);
  const outputs = { latex: reportLatex(layout), markdown: reportMarkdown(layout), html: reportHtml(layout) };
  for (const fragment of fragments) {
    expect(outputs.latex, fragment).toContain(fragment);
    expect(outputs.markdown, fragment).toContain(fragment);
    // KaTeX keeps each formula's TeX in an annotation of its MathML.
    expect(outputs.html, fragment).toContain(escapeHtml(fragment).replace(/&#92;/g, "\\"));
  }
});

test("a long exact fraction breaks between digit groups, never inside \\frac (found by npm run fuzz, seed 670758231)", () => {
  const sheet = loadSheet("inputs:\n  c: x\nformulas:\n  f: 1e400 / c\n", { path: "long.yaml" });
  const options = { set: [{ name: "c", text: "3" }] };
  const rows = layoutReport(buildReport(sheet, options)).steps[0]!.rows;
  // 10^400 / 3 over several rows: the numerator's digit groups, then "/ 3", then the rounded value.
  expect(rows.some((r) => r.endsWith("000\\,000 / 3"))).toBe(true);
  expect(rows.at(-1)).toBe("&\\approx 3.33 \\times 10^{399}");
  expect(() => renderReport(sheet, "html", options)).not.toThrow();
  for (const fragment of mathFragments(layoutReport(buildReport(sheet, options)))) katex.renderToString(fragment, { ...KATEX_OPTIONS, throwOnError: true });
});

describe("a report of a model says where each value came from and whether the sheet fits", () => {
  const llama3 = { "llama-3-8b.json": readFileSync("test/fixtures/configs/llama-3-8b.json", "utf8") };

  test("the model in the title, config keys and --set as sources, units, inherited steps from their base, and a Does not fit section in every format", async () => {
    const args = ["report", "gqa-2023", "C_D", "--model", "llama-3-8b.json", "--set", "tokens=15e12"];
    const md = (await cli([...args, "--format", "markdown"], llama3)).stdout;
    expect(md).toContain("# Grouped-query and multi-query attention — llama-3-8b (model\\_type llama)\n");
    expect(md).toContain("| $n_{\\text{layer}}$ | number of layers | $32$ |  | llama-3-8b: n\\_layers (config.json: num\\_hidden\\_layers) |");
    expect(md).toContain("| $D$ | dataset size in tokens | $15 \\times 10^{12}$ | tokens | --set: tokens |");
    expect(md).toContain("**5. C\\_D** — from kaplan-2020, §2.1 (C ≈ 6NBS, with the dataset D = BS tokens)");
    expect(md).toContain("## Does not fit the model\n\n- gqa-2023 assumes ffn\\_matrices = 2, but llama-3-8b has 3; modelled by decoder, moe-2022\n");
    const html = (await cli([...args, "--format", "html"], llama3)).stdout;
    expect(html).toContain("<h2>Does not fit the model</h2>");
    expect(html).toContain("<li>gqa-2023 assumes ffn_matrices = 2, but llama-3-8b has 3; modelled by decoder, moe-2022</li>");
    const tex = (await cli([...args, "--format", "latex"], llama3)).stdout;
    expect(tex).toContain("\\subsection*{Does not fit the model}");
  });

  test("a quantity nothing gives is chained from decoder, as in derive", async () => {
    const r = await cli(["report", "zero-2020", "memory_baseline", "--model", "llama-3-8b.json", "--format", "markdown"], llama3);
    expect(r.code, r.stderr).toBe(0);
    // 16 bytes per parameter of Llama-3-8B's 8,030,261,248.
    expect(r.stdout).toContain("| $\\mathrm{params}$ | parameters | $8\\,030\\,261\\,248$ | parameters | decoder: params |");
    expect(r.stdout).toContain(`${(16n * 8030261248n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\\,")}`);
  });
});

describe("a layout kept from an earlier report", () => {
  test("is taken only where the step is the same: another value, unit or symbol lays it out again", () => {
    const basu = shipped("basu-2024");
    const rowsOf = (layout: ReturnType<typeof layoutReport>, name: string) => layout.steps.find((s) => s.name === name)!.rows.join(" ");
    const at = (T: string) => layoutReport(buildReport(basu, { scenario: "section-4.2", set: [{ name: "T", text: T }] }));
    const one = at("1e12");
    const two = at("2e12");
    // FLOPs_forward reads no T: the same rows; Total_FLOPs reads it: 1.35 × 10²³ becomes 2.71 × 10²³.
    expect(rowsOf(two, "FLOPs_forward")).toBe(rowsOf(one, "FLOPs_forward"));
    expect(rowsOf(one, "Total_FLOPs")).toContain("1.35");
    expect(rowsOf(two, "Total_FLOPs")).toContain("2.71");
    expect(rowsOf(at("1e12"), "Total_FLOPs")).toBe(rowsOf(one, "Total_FLOPs"));
    // A sheet that writes d_model as d: the same formula text, another symbol.
    const renamed = loadSheet(
      "inputs:\n  d_model: {description: width, latex: d}\n  k: {description: k}\nformulas:\n  FLOPs_forward: k × d_model^2\nscenarios:\n  s: {set: {d_model: 8192, k: 7}}\n",
      { path: "renamed.yaml" },
    );
    const plain = loadSheet("inputs:\n  d_model: {description: width}\n  k: {description: k}\nformulas:\n  FLOPs_forward: k × d_model^2\nscenarios:\n  s: {set: {d_model: 8192, k: 7}}\n", { path: "plain.yaml" });
    const a = rowsOf(layoutReport(buildReport(renamed, { scenario: "s" })), "FLOPs_forward");
    const b = rowsOf(layoutReport(buildReport(plain, { scenario: "s" })), "FLOPs_forward");
    expect(b).toContain("k \\times d_{\\text{model}}^{2}");
    expect(a).toContain("k \\times d^{2}");
  });
});
