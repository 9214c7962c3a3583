/**
 * From a page state to what the page shows, through the public API only (as the CLI does): the
 * sheet as loaded (or the located issues of its text), the report of the target for the model,
 * or the whole estimate. The exports render the very report shown, with the CLI's renderer and
 * options, so a download is byte for byte what `flopsheet report` writes. No DOM here.
 */
import {
  checkSteps,
  configPreset,
  estimate,
  estimateMarkdown,
  FlopsheetError,
  formatIssue,
  layoutReport,
  loadSheet,
  loadShipped,
  loadShippedPreset,
  quantityText,
  renderBuiltReport,
  reportForModel,
  reportWithChecks,
  shippedResolver,
  shippedSheetIds,
  shippedVocabulary,
  type EstimateEntry,
  type Issue,
  type Preset,
  type Report,
  type ReportFormat,
  type ReportLayout,
  type Sheet,
  withChecks,
} from "../../src/index.js";
import { ESTIMATE, type PageState } from "./state.js";

/** How messages and the CLI command name a pasted config (the CLI reads it from that file). */
export const CONFIG_FILE = "config.json";

export interface PageView {
  /** The sheet as loaded; undefined when its text has errors (sheetIssues). */
  readonly sheet?: Sheet;
  /** The file name messages give the sheet's text: `formulas/decoder.yaml`, or `decoder.yaml` once edited. */
  readonly sheetPath: string;
  /** What is wrong with the sheet's text, each located where it can be. */
  readonly sheetIssues: readonly Issue[];
  /** Why nothing could be derived (a missing input, a bad value, a config's mistake), formatted as the CLI prints it. */
  readonly problems: readonly string[];
  /** Issues of the pasted config.json, located in its text. */
  readonly configIssues: readonly Issue[];
  readonly report?: Report;
  readonly layout?: ReportLayout;
  /** Each target's value as the trail's last line gives it (`params = 8,030,261,248 ≈ 8.03 × 10⁹ parameters`), a line each. */
  readonly headline?: string;
  readonly estimate?: { readonly model: string; readonly entries: readonly EstimateEntry[] };
  /** The model's preset id, when there is a model. */
  readonly model?: string;
  /** The same output from the CLI (`flopsheet report decoder params --model config.json --format latex`), for a format. */
  readonly command: (format: ReportFormat) => string;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

const issuesOf = (e: unknown): Issue[] => {
  if (e instanceof FlopsheetError) return [...e.issues];
  throw e;
};

/** The sheet a state shows: the shipped one, or its edited text loaded as the CLI loads a file. */
function sheetOf(s: PageState): { sheet?: Sheet; path: string; issues: Issue[] } {
  if (s.text === undefined) {
    try {
      return { sheet: loadShipped(s.sheet), path: `formulas/${s.sheet}.yaml`, issues: [] };
    } catch (e) {
      return { path: `formulas/${s.sheet}.yaml`, issues: issuesOf(e) };
    }
  }
  const path = `${s.sheet}.yaml`;
  try {
    return { sheet: loadSheet(s.text, { path, ...shippedResolver, vocabulary: shippedVocabulary() }), path, issues: [] };
  } catch (e) {
    return { path, issues: issuesOf(e) };
  }
}

/** The model then hardware presets; a pasted config wins over a chosen model. */
function presetsOf(s: PageState): { presets: Preset[]; model?: Preset; issues: Issue[]; problems: string[] } {
  const presets: Preset[] = [];
  const issues: Issue[] = [];
  const problems: string[] = [];
  if (s.config !== undefined && s.config.trim() !== "") {
    try {
      presets.push(configPreset(s.config, CONFIG_FILE));
    } catch (e) {
      issues.push(...issuesOf(e));
    }
  } else if (s.model !== undefined) {
    try {
      presets.push(loadShippedPreset(s.model, "models"));
    } catch (e) {
      problems.push(...issuesOf(e).map((i) => formatIssue(i)));
    }
  }
  const model = presets[0];
  if (s.hardware !== undefined) {
    try {
      presets.push(loadShippedPreset(s.hardware, "hardware"));
    } catch (e) {
      problems.push(...issuesOf(e).map((i) => formatIssue(i)));
    }
  }
  return { presets, model, issues, problems };
}

const shellWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

function commandOf(s: PageState, sheetPath: string) {
  return (format: ReportFormat): string => {
    const model = s.config !== undefined && s.config.trim() !== "" ? [`--model`, CONFIG_FILE] : s.model ? ["--model", s.model] : [];
    const hardware = s.hardware ? ["--hardware", s.hardware] : [];
    const set = s.set.flatMap(([n, v]) => ["--set", `${n}=${v}`]);
    const words =
      s.target === ESTIMATE
        ? ["flopsheet", "estimate", ...model, ...hardware, ...set, "--format", "markdown"]
        : [
            "flopsheet",
            "report",
            s.text === undefined ? s.sheet : sheetPath,
            ...(s.target ? [s.target] : []),
            ...(s.scenario ? ["--scenario", s.scenario] : []),
            ...model,
            ...hardware,
            ...set,
            "--format",
            format,
          ];
    return words.map(shellWord).join(" ");
  };
}

let lastEstimate: { readonly key: string; readonly entries: readonly EstimateEntry[] } | undefined;

/**
 * What the page shows for a state. Never throws for a user's mistake: each becomes an issue or a
 * problem. With `checks: false` the sheet's checks are left for completeView, so a keystroke's
 * trail is drawn first.
 */
export function computeView(s: PageState, options: { readonly checks?: boolean } = {}): PageView {
  const { sheet, path, issues: sheetIssues } = sheetOf(s);
  const { presets, model, issues: configIssues, problems } = presetsOf(s);
  const base = { sheet, sheetPath: path, sheetIssues, configIssues, command: commandOf(s, path), model: model?.id };
  // Each list of issues stands by its text, and the results column, which stays in view, shows them too.
  if (configIssues.length > 0) problems.push(`The pasted ${CONFIG_FILE} has ${count(configIssues.length, "error")}:`, ...configIssues.map((i) => formatIssue(i)));
  if (configIssues.length > 0 || problems.length > 0) return { ...base, problems };
  const set = s.set.map(([name, text]) => ({ name, text }));
  if (s.target === ESTIMATE) {
    if (!model) return { ...base, problems: ["The whole estimate is for a model: choose one, or paste its config.json."] };
    try {
      // The estimate reads the shipped sheets only: an edit to the sheet shown does not change it.
      // Keyed by the model used: a blank config is no model, so the chosen preset's name counts.
      const key = JSON.stringify([s.config?.trim() ? s.config : null, model.id, s.hardware, s.set]);
      if (lastEstimate?.key !== key) lastEstimate = { key, entries: estimate({ presets, set }) };
      return { ...base, problems: [], estimate: { model: model.id, entries: lastEstimate.entries } };
    } catch (e) {
      return { ...base, problems: issuesOf(e).map((i) => formatIssue(i)) };
    }
  }
  if (!sheet) return { ...base, problems: [`The sheet has ${count(sheetIssues.length, "error")}, underlined in the editor:`, ...sheetIssues.map((i) => formatIssue(i))] };
  try {
    const report = reportForModel(sheet, { targets: s.target ? [s.target] : [], scenario: s.scenario, set, presets, checks: options.checks });
    const layout = pageLayout(report);
    // Each target's value as the trail's last line gives it, one per line.
    const headline = report.targets
      .map((t) => report.steps.find((x) => x.name === t)!)
      .map((step) => {
        const value = quantityText(step.value, step.formula.unit, 3);
        return `${step.name}${value.startsWith("≈") ? " " : " = "}${value}`;
      })
      .join("\n");
    return { ...base, problems: [], report, layout, headline };
  } catch (e) {
    return { ...base, problems: issuesOf(e).map((i) => formatIssue(i)) };
  }
}

// Wider lines than a printed page's: the page's column holds about 64 characters of mathematics.
const pageLayout = (report: Report) => layoutReport(report, { width: 64 });

/** A view computed with `checks: false`, with its checks run: the same view computeView makes. */
export function completeView(view: PageView): PageView {
  const steps = completeViewInSteps(view);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** completeView a check at a time (see checkSteps): the page runs a few between frames and drops the rest at the next key. */
export function* completeViewInSteps(view: PageView): Generator<void, PageView> {
  if (!view.report?.unchecked) return view;
  const report = reportWithChecks(view.report, yield* checkSteps(view.report.sheet));
  return { ...view, report, layout: pageLayout(report) };
}

/** A download's text: the report shown, in a format, exactly as `flopsheet report … --format` writes it. */
export function exportText(view: PageView, format: ReportFormat | "markdown"): string | undefined {
  if (view.estimate) return format === "markdown" ? estimateMarkdown(view.estimate.model, view.estimate.entries) : undefined;
  return view.report && renderBuiltReport(withChecks(view.report), format);
}

/** The file a download is saved as: `decoder-params.tex`. */
export function exportName(view: PageView, format: ReportFormat): string {
  const ext = { latex: "tex", markdown: "md", html: "html" }[format];
  if (view.estimate) return `estimate-${view.estimate.model}.${ext}`;
  const stem = [view.sheet?.id ?? "sheet", ...(view.report?.targets.length === 1 ? [view.report.targets[0]!] : [])].join("-");
  return `${stem.replace(/[^\w.-]+/g, "_")}.${ext}`;
}

/** The shipped sheets, for the sheet chooser. */
export const sheetIds = (): string[] => shippedSheetIds();
