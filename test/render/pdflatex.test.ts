import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadSheet, renderReport, type Sheet } from "../../src/index.js";
import { FORTY_STEPS, shippedReports } from "../helpers/reports.js";
import { cli } from "../helpers/cli.js";
import { toolOrSkip } from "../helpers/tools.js";

const PDFLATEX = toolOrSkip("pdflatex", "FLOPSHEET_PDFLATEX", "apt-get install --no-install-recommends texlive-latex-base texlive-latex-recommended, as .ci/run does");

/** Compiles LaTeX files with pdflatex as a user would (no shell escape); returns the log. */
function compile(files: Record<string, string>, main: string): string {
  const dir = mkdtempSync(join(tmpdir(), "flopsheet-tex-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const r = spawnSync(PDFLATEX!, ["-halt-on-error", "-no-shell-escape", "-interaction=nonstopmode", main], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  const log = readFileSync(join(dir, main.replace(/\.tex$/, ".log")), "latin1");
  if (r.status !== 0) throw new Error(`pdflatex failed:\n${log.split("\n").filter((l) => l.startsWith("!") || l.startsWith("l.")).join("\n")}`);
  expect(existsSync(join(dir, main.replace(/\.tex$/, ".pdf")))).toBe(true);
  return log;
}

/** Every overfull box, by how far it runs past the text width. */
function overfull(log: string): string[] {
  return [...log.matchAll(/Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\)[^\n]*/g)].map((m) => m[0]);
}

const WRAPPER = "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{array}\n\\usepackage{booktabs}\n\\usepackage{longtable}\n\\begin{document}\n\\input{report}\n\\end{document}\n";

function compileBoth(sheet: Sheet, options: Parameters<typeof renderReport>[2]): string[] {
  const document = compile({ "report.tex": renderReport(sheet, "latex", { ...options, macros: true }) }, "report.tex");
  const fragment = compile({ "report.tex": renderReport(sheet, "latex", { ...options, fragment: true }), "paper.tex": WRAPPER }, "paper.tex");
  return [...overfull(document), ...overfull(fragment)];
}

describe.skipIf(PDFLATEX === undefined)("LaTeX reports compile with pdflatex, with no line off the page", () => {
  test.each(shippedReports())("$label: the document", ({ sheet, scenario }) => {
    expect(overfull(compile({ "report.tex": renderReport(sheet, "latex", { scenario, macros: true }) }, "report.tex"))).toEqual([]);
  });

  // One paper that \inputs every fragment, as an author's would: a run of pdflatex for all of
  // them, each overfull box named by the fragment it is in (the log opens each file it reads).
  test("every shipped report's fragment, in one paper at the article class's own width", () => {
    const reports = shippedReports();
    const files: Record<string, string> = {};
    reports.forEach(({ sheet, scenario }, i) => (files[`r${i}.tex`] = renderReport(sheet, "latex", { scenario, fragment: true })));
    files["paper.tex"] = WRAPPER.replace("\\input{report}", reports.map((_, i) => `\\input{r${i}}\\clearpage`).join("\n"));
    const log = compile(files, "paper.tex");
    const where = (at: number) => {
      const opened = [...log.slice(0, at).matchAll(/\(\.\/r(\d+)\.tex/g)].at(-1);
      return opened ? reports[Number(opened[1])]!.label : "paper";
    };
    const boxes = [...log.matchAll(/Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\)[^\n]*/g)].map((m) => `${where(m.index)}: ${m[0]}`);
    expect(boxes).toEqual([]);
    expect([...log.matchAll(/\(\.\/r\d+\.tex/g)]).toHaveLength(reports.length);
  });

  test("a 40-step trail with long formulas and a 104-digit result", () => {
    const sheet = loadSheet(FORTY_STEPS, { path: "forty.yaml" });
    expect(compileBoth(sheet, { targets: ["huge"] })).toEqual([]);
  });

  test("a sheet full of LaTeX and HTML injection attempts compiles as plain text", () => {
    const hostile = loadSheet(
      [
        'title: "\\\\input{/etc/passwd} \\\\write18{touch pwned} \\\\catcode`\\\\@=11 # $ % & ~ ^ _ { } < > | \\""',
        "inputs:",
        '  x: {description: "\\\\immediate\\\\write18{id} \\\\def\\\\a{b} \\\\end{document}", source: "<script>alert(1)</script>"}',
        "formulas:",
        '  f: {expr: 2x, source: "javascript:alert(1)"}',
      ].join("\n") + "\n",
      { path: "hostile.yaml" },
    );
    expect(compileBoth(hostile, { set: [{ name: "x", text: "3" }] })).toEqual([]);
  });

  test("Latin-1 letters OT1 lacks (Þ ð Ð þ) in a title do not stop pdflatex (they did); the others stay as written", () => {
    const sheet = loadSheet(['title: "Þór, Ðan, ðæ and þé: Æsir, Øre, straße"', "inputs:", "  x: {description: x}", "formulas:", "  f: {expr: 2x, source: a test}"].join("\n") + "\n", { path: "latin.yaml" });
    expect(compileBoth(sheet, { set: [{ name: "x", text: "3" }] })).toEqual([]);
    const tex = renderReport(sheet, "latex", { set: [{ name: "x", text: "3" }] });
    for (const kept of ["?ór", "?an", "?æ and ?é", "Æsir", "Øre", "straße"]) expect(tex).toContain(kept);
  });

  test("every name the lexer accepts typesets: ϑ, ϕ, ϵ, ς, ο and the capitals that look Latin, through the CLI", async () => {
    const names = ["ϑ", "ϕ", "ϵ", "ς", "ο", "Α", "Ο", "Ω", "α_x"];
    const sheet = `inputs:\n${names.map((n) => `  ${n}: a value`).join("\n")}\nformulas:\n  f: ${names.join(" + ")}\n`;
    const r = await cli(["report", "greek.yaml", ...names.flatMap((n, i) => ["--set", `${n}=${i + 1}`])], { "greek.yaml": sheet });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("\\vartheta");
    expect(r.stdout).toContain("\\varphi");
    expect(r.stdout).toContain("\\varepsilon");
    expect(overfull(compile({ "report.tex": r.stdout }, "report.tex"))).toEqual([]);
  });
});
