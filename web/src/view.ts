/**
 * Draws a PageView into the page. It only reads the view; the mathematics is the report's own
 * LaTeX (layoutReport), typeset by KaTeX as MathML: real text that the browser draws with its own
 * fonts, so the page loads no font, reads aloud and prints. Every text from a sheet, a config or
 * a link goes in through textContent or escapeHtml, never as markup.
 */
import katex from "katex";
import { assumptionLine, escapeHtml, estimateProvenance, fitMessage, formatIssue, PLAIN_WORDING, quantityText, type EstimateEntry, type Issue, type ReportLayout } from "../../src/index.js";
import type { PageView } from "./compute.js";

// As the HTML report typesets (report-html.ts): MathML, with room for long grouped numbers.
const KATEX = { output: "mathml", throwOnError: false, maxExpand: 100_000, strict: "ignore" } as const;

// Typing changes one formula at a time: every other fragment is typeset once and reused.
const typeset = new Map<string, string>();

export function math(latex: string, displayMode = false): string {
  const key = `${displayMode ? "D" : "I"}${latex}`;
  let html = typeset.get(key);
  if (html === undefined) {
    if (typeset.size > 20_000) typeset.clear();
    html = katex.renderToString(latex, { ...KATEX, displayMode });
    typeset.set(key, html);
  }
  return html;
}

const drawn = new WeakMap<Element, string>();

/** Sets an element's markup only when it changed, so the browser re-lays out only what did. */
function setHtml(e: Element, html: string): void {
  if (drawn.get(e) === html) return;
  e.innerHTML = html;
  drawn.set(e, html);
}
const aligned = (rows: readonly string[], tag?: number) => math(`\\begin{aligned}${rows.join(" \\\\ ")}\\end{aligned}${tag !== undefined ? ` \\tag{${tag}}` : ""}`, true);

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
};

const element = (tag: string, className?: string, text?: string): HTMLElement => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** Issues as list items: `file:line:column: message [CODE]` with the caret excerpt, as the CLI prints them. */
export function drawIssues(list: HTMLElement, issues: readonly Issue[] | readonly string[]): void {
  list.replaceChildren(
    ...issues.map((i) => {
      const li = element("li");
      li.append(element("pre", undefined, typeof i === "string" ? i : formatIssue(i)));
      return li;
    }),
  );
}

/**
 * A list whose items are markup: only the items whose markup changed are replaced, so an edit to
 * one formula re-parses one step, not the whole trail.
 */
function setItems(list: Element, tag: string, className: string, items: readonly string[]): void {
  while (list.children.length > items.length) list.lastElementChild!.remove();
  while (list.children.length < items.length) {
    const e = document.createElement(tag);
    e.className = className;
    list.append(e);
  }
  items.forEach((html, i) => setHtml(list.children[i]!, html));
}

function section(id: string, shown: boolean): void {
  byId(id).hidden = !shown;
}

/** The markup of a layout's steps, symbolic totals and checks: what the results column draws. */
export function layoutMarkup(l: ReportLayout): { steps: string[]; symbolic: string; checks: string[] } {
  const steps = l.steps.map((s) => {
    const about = [s.description && escapeHtml(s.description), s.source && escapeHtml(s.source)].filter(Boolean).join("; ");
    return `<p><strong>${escapeHtml(s.name)}</strong>${about ? ` <span class="muted">— ${about}</span>` : ""}</p><div class="display">${aligned(s.rows, s.number)}</div>`;
  });
  const symbolic = l.symbolic.map((s) => `<div class="display">${aligned(s.rows)}</div>`).join("");
  const checks = l.checks.map((c) => {
    const head = `<p><span class="${c.passed ? "ok" : "bad"}">${c.passed ? "✓" : "✗"}</span> <strong>${escapeHtml(c.name)}</strong> — <em>${escapeHtml(c.verdict)}</em>${c.source ? ` <span class="muted">(${escapeHtml(c.source)})</span>` : ""}${c.given ? `, given ${math(c.given)}` : ""}</p>`;
    const rest = [`<div class="display">${aligned(c.rows)}</div>`, c.difference ? `<div class="display">${aligned(c.difference)}</div>` : "", c.comparison ? `<p class="muted">${escapeHtml(c.comparison)}.</p>` : "", c.note ? `<p class="muted">${escapeHtml(c.note)}</p>` : ""];
    return `${head}${rest.join("")}`;
  });
  return { steps, symbolic, checks };
}

/** The trail and totals; the checks and sources too unless they are still to run (`unchecked`), when the last ones stay, marked as updating. */
function drawTrail(l: ReportLayout, unchecked: boolean): void {
  const m = layoutMarkup(l);
  setItems(byId("trail"), "li", "step", m.steps);
  setHtml(byId("symbolic"), m.symbolic);
  byId("checks-section").classList.toggle("pending", unchecked);
  if (unchecked) return;
  setItems(byId("checks"), "section", "check", m.checks);
  setHtml(byId("sources"), l.sources.map((s) => `<li>${escapeHtml(s)}</li>`).join(""));
  section("checks-section", l.checks.length > 0);
  section("sources-section", l.sources.length > 0);
}

function drawEstimate(v: NonNullable<PageView["estimate"]>): void {
  const tbody = byId("estimate").querySelector("tbody")!;
  // Drawn afresh when the estimate changes; the rows a reader opened stay open.
  if (drawnEstimate === v.entries) return;
  drawnEstimate = v.entries;
  const open = new Set([...tbody.querySelectorAll("details[open]")].map((d) => d.closest("tr")?.dataset.quantity));
  const rows = v.entries.map((e) => {
    const tr = element("tr");
    const name = element("td");
    name.append(element("code", undefined, e.quantity), element("div", "muted small", e.description));
    const value = element("td", "num", e.value ? quantityText(e.value, e.unit, 3) : "—");
    // Which sheet and convention made it, what it assumes; for an empty row, what to set.
    const sheet = element("td", undefined, estimateProvenance(e, PLAIN_WORDING));
    if (e.assumptions.length > 0) {
      const list = element("ul", "small");
      list.append(...e.assumptions.map((a) => element("li", undefined, `assumes: ${assumptionLine(a)}`)));
      sheet.append(list);
    }
    const others = element("td", "small");
    const rest = e.sheets.filter((r) => r.sheet !== e.sheet);
    const misfits = rest.filter((r) => r.warnings.length > 0).length;
    const details = document.createElement("details");
    details.open = open.has(e.quantity);
    details.append(element("summary", undefined, `${rest.length} other${misfits > 0 ? `, ${misfits} not fitting` : ""}`));
    if (rest.length > 0) others.append(details);
    for (const r of rest) {
      const line = element("div", r.warnings.length > 0 ? "misfit" : undefined);
      line.textContent = `${r.sheet}: ${r.value ? quantityText(r.value, e.unit, 3) : r.failure ?? ""}${r.warnings.length > 0 ? " ✗ does not fit:" : ""}`;
      // Said in the text, not in a tooltip: a keyboard or a screen reader reaches it too.
      if (r.warnings.length > 0) {
        const list = element("ul", "small");
        list.append(...r.warnings.map((w) => element("li", undefined, fitMessage(w))));
        line.append(list);
      }
      details.append(line);
    }
    tr.dataset.quantity = e.quantity;
    tr.append(name, value, sheet, others);
    return tr;
  });
  tbody.replaceChildren(...rows);
}

let drawnEstimate: readonly EstimateEntry[] | undefined;

/** The inputs as the printed page lists them, with where each value came from (the screen's table has fields instead). */
function drawPrintInputs(l: ReportLayout, origins: readonly string[]): void {
  setHtml(
    byId("print-inputs").querySelector("tbody")!,
    l.inputs.map((i, n) => `<tr><td>${math(i.symbol)}</td><td>${escapeHtml(i.description ?? "")}</td><td class="num">${math(i.value)}${i.unit ? ` ${escapeHtml(i.unit)}` : ""}</td><td>${escapeHtml(origins[n] ?? "")}</td></tr>`).join(""),
  );
}

/** Everything the results column shows; `origins` says where each of the layout's inputs came from. */
export function drawResults(v: PageView, origins: readonly string[] = []): void {
  const layout = v.layout;
  const headline = byId("headline");
  headline.textContent = v.headline ?? (v.estimate ? `Every quantity the vocabulary knows, for ${v.estimate.model}` : "");
  headline.classList.toggle("many", (v.headline ?? "").includes("\n"));
  // The inputs table is the sheet's; the estimate reads every sheet, set by name below it.
  byId("inputs").hidden = v.estimate !== undefined;
  byId("report-title").textContent = layout ? [layout.title, ...layout.presets].join(" · ") : "";
  drawIssues(byId("problems"), v.problems);
  for (const [id, lines] of [["conventions", layout?.conventions ?? []], ["assumptions", layout?.assumptions ?? []], ["not-read", layout?.notRead ?? []]] as const) {
    byId(id).querySelector("ul")!.replaceChildren(...lines.map((line) => element("li", undefined, line)));
    section(id, lines.length > 0);
  }
  const warnings = layout?.warnings ?? [];
  byId("warnings").querySelector("ul")!.replaceChildren(...warnings.map((w) => element("li", undefined, w)));
  section("warnings", warnings.length > 0);
  section("estimate", v.estimate !== undefined);
  if (v.estimate) drawEstimate(v.estimate);
  section("trail-section", layout !== undefined);
  section("symbolic-section", layout !== undefined && layout.symbolic.length > 0);
  section("print-inputs", layout !== undefined && layout.inputs.length > 0);
  if (layout) {
    drawTrail(layout, v.report?.unchecked === true);
    drawPrintInputs(layout, origins);
  }
  else {
    section("checks-section", false);
    section("sources-section", false);
  }
  const exportable = v.report !== undefined || v.estimate !== undefined;
  for (const b of byId("exports").querySelectorAll<HTMLButtonElement>("button[data-format]")) {
    b.disabled = !exportable || (v.estimate !== undefined && b.dataset.format !== "markdown");
  }
  byId("command").textContent = exportable ? v.command(v.estimate ? "markdown" : "latex") : "";
  byId("command-line").hidden = !exportable;
}
