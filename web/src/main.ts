/**
 * The page: one state (state.ts), kept in the URL fragment; every change (a key in the editor, a
 * pasted config, a chosen sheet, an input set) makes a new state, computes its view
 * (compute.ts) and draws it (view.ts) in the same frame. The inputs' fields are updated in place,
 * never rebuilt while one has the focus, so typing into one is not interrupted.
 */
import { escapeHtml, latexSymbol, loadShipped, loadShippedPreset, originText, shippedPresetIds, shippedSheetText, shippedVocabulary, type InputValue, type PresetKind, type Sheet } from "../../src/index.js";
import { completeViewInSteps, computeView, exportName, exportText, sheetIds, type PageView } from "./compute.js";
import { createEditor } from "./editor.js";
import { decodeState, encodeState, ESTIMATE, INITIAL, type BaseText, type PageState } from "./state.js";
import { byId, drawIssues, drawResults, layoutMarkup, math } from "./view.js";

const CONFIG = "config.json";

let state: PageState = INITIAL;
let view: PageView;

/** The state a link names, or INITIAL with the reason the link could not be read. */
function fromLocation(): PageState {
  const problem = byId("link-problem");
  problem.hidden = true;
  if (location.hash === "" || location.hash === "#") return INITIAL;
  try {
    const s = decodeState(location.hash, baseText);
    // A link may name a sheet this version does not ship: say so rather than show another.
    if (shippedSheetText(s.sheet) === undefined) throw new Error(`it names a sheet this page does not have (‘${s.sheet}’)`);
    return s;
  } catch (e) {
    problem.textContent = `This link could not be opened: ${(e as Error).message}. Showing the first example instead.`;
    problem.hidden = false;
    return INITIAL;
  }
}

const shippedText = (id: string): string => shippedSheetText(id)?.text ?? "";
const baseText: BaseText = (id) => shippedSheetText(id)?.text;

function options(select: HTMLSelectElement, items: readonly (readonly [string, string])[], value: string): void {
  const same = select.options.length === items.length && items.every(([v, label], i) => select.options[i]!.value === v && select.options[i]!.text === label);
  if (!same) {
    select.replaceChildren(
      ...items.map(([v, label]) => {
        const o = document.createElement("option");
        o.value = v;
        o.text = label;
        return o;
      }),
    );
  }
  select.value = value;
}

/** The target a sheet opens at: the one asked if it has it, else every formula the report derives by default. */
function targetFor(sheet: Sheet | undefined, wanted: string | undefined): string | undefined {
  if (wanted === ESTIMATE || (sheet && wanted && sheet.formulas.some((f) => f.name === wanted))) return wanted;
  return undefined;
}

/**
 * The scenario to keep when a model is chosen: none if the scenario names a model of its own (a
 * chosen model wins over it, and keeping both would read as a mix of two models).
 */
function scenarioBesideModel(): string | undefined {
  const scenario = view.sheet?.scenarios.find((s) => s.name === state.scenario);
  return scenario && scenario.presets.length === 0 ? scenario.name : undefined;
}

const choices = new Map<PresetKind, [string, string][]>();

/** The shipped presets of a kind as choices, each with its title: `a100 — NVIDIA A100 SXM4 80GB`. */
function presetChoices(kind: PresetKind): [string, string][] {
  let list = choices.get(kind);
  if (!list) {
    list = shippedPresetIds(kind).map((id): [string, string] => {
      const title = loadShippedPreset(id, kind).title;
      return [id, title ? `${id} — ${title}` : id];
    });
    choices.set(kind, list);
  }
  return list;
}

function drawControls(): void {
  const sheet = view.sheet;
  options(byId("sheet"), sheetIds().map((id) => [id, id]), state.sheet);
  const formulas = sheet?.formulas.map((f): [string, string] => [f.name, f.description ? `${f.name} — ${f.description}` : f.name]) ?? (state.target && state.target !== ESTIMATE ? [[state.target, state.target] as [string, string]] : []);
  options(byId("target"), [["", "all it can derive (or the scenario's figures)"], ...formulas, [ESTIMATE, "every quantity for the model (estimate)"]], state.target ?? "");
  const scenarios = sheet?.scenarios.map((s): [string, string] => [s.name, s.description ? `${s.name} — ${s.description}` : s.name]) ?? [];
  options(byId("scenario"), [["", "none"], ...scenarios], state.scenario ?? "");
  byId<HTMLSelectElement>("scenario").disabled = state.target === ESTIMATE;
  const pasted = state.config !== undefined;
  options(byId("model"), [["", "none"], ...presetChoices("models"), ["config", `pasted ${CONFIG}`]], pasted ? "config" : state.model ?? "");
  options(byId("hardware"), [["", "none"], ...presetChoices("hardware")], state.hardware ?? "");
  const edited = state.text !== undefined;
  byId("sheet-state").textContent = edited ? `(edited; messages name it ${view.sheetPath})` : `(${view.sheetPath}, as shipped)`;
  byId<HTMLButtonElement>("revert").disabled = !edited;
  // What a setting may name: the sheet's inputs, then the vocabulary's quantities.
  const names = [...new Set([...(sheet?.inputs.map((i) => i.name) ?? []), ...shippedVocabulary().terms.keys()])];
  const datalist = byId("set-names");
  if (datalist.dataset.names !== names.join(" ")) {
    datalist.dataset.names = names.join(" ");
    datalist.replaceChildren(
      ...names.map((n) => {
        const o = document.createElement("option");
        o.value = n;
        const about = sheet?.inputs.find((i) => i.name === n)?.description ?? shippedVocabulary().terms.get(n)?.description;
        if (about) o.label = about;
        return o;
      }),
    );
  }
  const list = byId("set-list");
  list.replaceChildren(
    ...state.set.map(([name, text]) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = "remove";
      b.setAttribute("aria-label", `remove ${name} = ${text}`);
      b.addEventListener("click", () => update({ ...state, set: state.set.filter(([n]) => n !== name) }));
      li.append(`${name} = ${text} `, b);
      return li;
    }),
  );
}

let rowKeys: string[] = [];
const inputRows = new Map<string, { row: HTMLTableRowElement; value: HTMLTableCellElement; from: HTMLTableCellElement; field: HTMLInputElement; shown: string }>();

/** The inputs of the target, with where each value came from and a field to set it. */
function drawInputs(): void {
  // While the sheet's text has errors, its inputs stay as they were: typing is not interrupted.
  if (!view.sheet) return;
  const tbody = byId("inputs").querySelector("tbody")!;
  const setOf = new Map(state.set);
  const rows =
    view.layout?.inputs.map((i, n) => ({ name: i.name, symbol: i.symbol, description: i.description, value: math(i.value), from: fromText(view.report!.inputs[n]!), unit: i.unit })) ??
    view.sheet?.inputs.map((i) => ({ name: i.name, symbol: latexSymbol(i.name, i.latex ? new Map([[i.name, i.latex]]) : undefined), description: i.description, value: "", from: setOf.has(i.name) ? "set on this page" : "", unit: i.unit })) ??
    [];
  // Rows are rebuilt when the inputs differ (another sheet may use the same names for other things).
  const keys = rows.map((r) => [r.name, r.symbol, r.description ?? "", r.unit ?? ""].join("\u0000"));
  const keep = rowKeys.join("\n") === keys.join("\n");
  rowKeys = keys;
  if (!keep) {
    inputRows.clear();
    tbody.replaceChildren(
      ...rows.map((r) => {
        const row = document.createElement("tr");
        const symbol = document.createElement("th");
        symbol.scope = "row";
        symbol.innerHTML = math(r.symbol);
        if (r.description) {
          const about = document.createElement("div");
          about.className = "muted small";
          about.textContent = r.description;
          symbol.append(about);
        }
        const value = document.createElement("td");
        value.className = "num";
        const from = document.createElement("td");
        from.className = "small";
        const cell = document.createElement("td");
        const field = document.createElement("input");
        field.spellcheck = false;
        field.autocomplete = "off";
        field.size = 10;
        field.setAttribute("aria-label", `set ${r.name}${r.unit ? ` (${r.unit})` : ""}`);
        field.dataset.name = r.name;
        field.addEventListener("input", () => setInput(r.name, field.value));
        cell.append(field);
        row.append(symbol, value, from, cell);
        inputRows.set(r.name, { row, value, from, field, shown: "" });
        return row;
      }),
    );
  }
  for (const r of rows) {
    const cells = inputRows.get(r.name)!;
    const shown = r.value + (r.unit ? ` <span class="muted small">${escapeHtml(r.unit)}</span>` : "");
    if (cells.shown !== shown) {
      cells.value.innerHTML = shown;
      cells.shown = shown;
    }
    cells.from.textContent = r.from;
    const set = setOf.get(r.name) ?? "";
    if (document.activeElement !== cells.field && cells.field.value !== set) cells.field.value = set;
  }
}

/** Where an input's value came from, as `flopsheet derive` says it; a --set is one made on this page. */
function fromText(i: InputValue): string {
  return i.origin === "set" ? "set on this page" : originText(i, view.report?.scenario?.name);
}

const origins = () => view.report?.inputs.map(fromText) ?? [];

function setInput(name: string, text: string): void {
  const rest = state.set.filter(([n]) => n !== name);
  update({ ...state, set: text.trim() === "" ? rest : [...rest, [name, text]] });
}

let editor: ReturnType<typeof createEditor>;

/** A new state: computed, drawn and put in the link, all before the next frame is painted. */
function update(next: PageState, options: { fromEditor?: boolean } = {}): void {
  const t0 = performance.now();
  state = next;
  // The trail first; the checks, which can take as long again, in the next task (completeChecks).
  view = computeView(state, { checks: false });
  const t1 = performance.now();
  if (!options.fromEditor) editor.setText(state.text ?? shippedText(state.sheet));
  editor.showIssues(view.sheetIssues, view.sheetPath);
  drawIssues(byId("sheet-issues"), view.sheetIssues);
  drawIssues(byId("config-issues"), view.configIssues);
  drawControls();
  drawInputs();
  drawResults(view, origins());
  // The tab and a bookmark say what the view derives.
  document.title = `${[state.sheet, state.target === ESTIMATE ? `estimate for ${view.model ?? "a model"}` : state.target, view.model && state.target !== ESTIMATE ? view.model : undefined].filter(Boolean).join(" · ")} — flopsheet`;
  scheduleLink();
  if (!options.fromEditor) warmUp();
  const t2 = performance.now();
  byId("timing").textContent = `Derived in ${(t1 - t0).toFixed(1)} ms, drawn in ${(t2 - t1).toFixed(1)} ms.`;
  clearTimeout(checksTimer);
  // After the frame that shows the trail is painted: a timeout set in requestAnimationFrame runs
  // after it. While someone types, once they pause: a check run between two keys is thrown away
  // at the second, and a key that comes during one waits for it.
  const after = options.fromEditor ? CHECKS_AFTER_TYPING_MS : 0;
  if (view.report?.unchecked) requestAnimationFrame(() => (checksTimer = setTimeout(() => completeChecks(), after)));
}

let checksTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The checks of the view drawn, run once the trail is on screen, a few milliseconds at a time: a
 * key pressed meanwhile is taken at once, and the rest are dropped. Checks begun for a view that
 * has since been replaced stop there: a timer cleared too late must not draw an older view.
 */
function completeChecks(from = view, steps = completeViewInSteps(from), spent = 0): void {
  const t0 = performance.now();
  for (;;) {
    if (view !== from) return;
    const step = steps.next();
    if (step.done) {
      view = step.value;
      drawResults(view, origins());
      byId("timing").textContent += ` Checks in ${(spent + performance.now() - t0).toFixed(1)} ms.`;
      return;
    }
    if (performance.now() - t0 > CHECKS_SLICE_MS) {
      checksTimer = setTimeout(() => completeChecks(from, steps, spent + performance.now() - t0), 0);
      return;
    }
  }
}

/** Checks run at most this long before the page takes input again. */
const CHECKS_SLICE_MS = 4;

/** How long typing pauses before the checks run. */
const CHECKS_AFTER_TYPING_MS = 150;

let linkTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The link follows the state a moment after the last change: Chromium refuses (with a console
 * warning) more than a few hundred history updates in ten seconds, which fast typing would reach.
 */
function scheduleLink(): void {
  clearTimeout(linkTimer);
  linkTimer = setTimeout(writeLink, 150);
}

function writeLink(): void {
  clearTimeout(linkTimer);
  const fragment = `#${encodeState(state, baseText)}`;
  const share = byId<HTMLAnchorElement>("share");
  // Browsers cap a URL's length (Chromium at 2 MB): a state beyond it has no link, and says so.
  const fits = fragment.length < 1_500_000;
  if (fits && location.hash !== fragment) history.replaceState(null, "", fragment);
  share.href = fits ? fragment : "#";
  share.textContent = fits ? "Link to this view" : "No link: this view (its sheet or config) is too large for a URL";
}

function download(format: "latex" | "markdown" | "html"): void {
  const text = exportText(view, format);
  if (text === undefined) return;
  const url = URL.createObjectURL(new Blob([text], { type: format === "html" ? "text/html" : "text/plain" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = exportName(view, format);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function start(): void {
  state = fromLocation();
  editor = createEditor(byId("editor"), state.text ?? shippedText(state.sheet), (text) => {
    update({ ...state, text: text === shippedText(state.sheet) ? undefined : text }, { fromEditor: true });
  });
  const config = byId<HTMLTextAreaElement>("config");
  config.value = state.config ?? "";
  if (state.config !== undefined) byId<HTMLDetailsElement>("config-panel").open = true;

  byId<HTMLSelectElement>("sheet").addEventListener("change", (e) => {
    const id = (e.target as HTMLSelectElement).value;
    const next = loadShipped(id);
    // Without a model, a sheet's first scenario gives its inputs, so a value shows at once.
    const scenario = state.model === undefined && state.config === undefined ? next?.scenarios[0]?.name : undefined;
    update({ ...state, sheet: id, text: undefined, scenario, target: targetFor(next, state.target) });
  });
  byId<HTMLSelectElement>("target").addEventListener("change", (e) => update({ ...state, target: (e.target as HTMLSelectElement).value || undefined }));
  byId<HTMLSelectElement>("scenario").addEventListener("change", (e) => {
    const scenario = (e.target as HTMLSelectElement).value || undefined;
    update({ ...state, scenario });
  });
  byId<HTMLSelectElement>("model").addEventListener("change", (e) => {
    const v = (e.target as HTMLSelectElement).value;
    if (v === "config") {
      byId<HTMLDetailsElement>("config-panel").open = true;
      config.focus();
      update({ ...state, model: undefined, config: config.value });
    } else {
      config.value = "";
      update({ ...state, model: v || undefined, config: undefined, scenario: v ? scenarioBesideModel() : state.scenario });
    }
  });
  byId<HTMLSelectElement>("hardware").addEventListener("change", (e) => update({ ...state, hardware: (e.target as HTMLSelectElement).value || undefined }));
  config.addEventListener("input", () => update({ ...state, model: undefined, config: config.value.trim() === "" ? undefined : config.value, scenario: scenarioBesideModel() }));
  byId("set-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const name = byId<HTMLInputElement>("set-name");
    const value = byId<HTMLInputElement>("set-value");
    if (name.value.trim() === "") return name.focus();
    setInput(name.value.trim(), value.value);
    name.value = "";
    value.value = "";
    name.focus();
  });
  byId("revert").addEventListener("click", () => update({ ...state, text: undefined }));
  for (const b of byId("exports").querySelectorAll<HTMLButtonElement>("button[data-format]")) {
    b.addEventListener("click", () => download(b.dataset.format as "latex" | "markdown" | "html"));
  }
  // Leaving or copying the link right after a keystroke still takes the latest state.
  window.addEventListener("pagehide", writeLink);
  byId("share").addEventListener("focus", writeLink);
  byId("share").addEventListener("pointerdown", writeLink);
  // A link pasted into this tab's address bar.
  window.addEventListener("hashchange", () => {
    if (location.hash === `#${encodeState(state, baseText)}`) return;
    const next = fromLocation();
    config.value = next.config ?? "";
    update(next);
  });
  update(state);
  writeLink();
}

let warmed = "";

/**
 * Prepares for the first keystroke in idle time: the shipped sheets load from trees parsed at
 * build time, but an edited text goes through the YAML and formula parsers, which a first key
 * would find cold; and the sheet's edited view is drawn once, off screen, so that its
 * mathematics is typeset already. Without it the first key took about twice as long.
 */
function warmUp(): void {
  const key = encodeState({ ...state, text: undefined });
  if (warmed === key) return;
  warmed = key;
  const run = () => {
    const v = computeView({ ...state, text: `${state.text ?? shippedText(state.sheet)}\n` });
    if (v.layout) {
      layoutMarkup(v.layout);
      v.layout.inputs.forEach((i) => math(i.value));
    }
  };
  if ("requestIdleCallback" in window) requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 100);
}

start();
