/**
 * A report laid out once for all formats: every piece of mathematics as LaTeX (aligned rows,
 * broken to fit a page), every piece of text as it came from the sheet (escaped by each format).
 */
import type { CheckResult } from "../evaluate/checks.js";
import type { Figure, Report } from "../evaluate/report.js";
import { canonicalLatexPieces } from "./canonical-latex.js";
import { breakLines, LATEX_SCIENTIFIC, latexWidth, treeLatexPieces } from "./latex-math.js";
import type { Expr } from "../syntax/tree.js";
import { formatRounded, percent } from "./numbers.js";
import { latexSymbol } from "./latex-symbols.js";
import { originText } from "./origin.js";
import { latexQuantity } from "./quantity.js";
import { onForget } from "../core/memo.js";
import type { Value } from "../evaluate/value.js";

export type StepsMode = "full" | "short" | "results";

export interface LayoutOptions {
  /** Significant digits of rounded values (default 3). */
  readonly digits?: number;
  /** Every line of the trail, formula and result, or a results table (default full). */
  readonly steps?: StepsMode;
  /** Widest line of mathematics, in characters of ordinary text (default 44: it fits article's 345 pt text width with an equation number). */
  readonly width?: number;
}

export interface StepLayout {
  readonly number: number;
  readonly name: string;
  readonly description?: string;
  readonly source?: string;
  /** Rows of an aligned display: the first `symbol &= …`, the rest `&= …` or `&\quad …`. */
  readonly rows: readonly string[];
}

export interface CheckLayout {
  readonly name: string;
  readonly passed: boolean;
  /** "holds", "fails, as recorded", "fails, but declared to hold", "holds, but declared to fail". */
  readonly verdict: string;
  readonly source?: string;
  readonly note?: string;
  /** The identity, or the figure compared: aligned rows. */
  readonly rows: readonly string[];
  /** For a failed identity: lhs − rhs, aligned rows. */
  readonly difference?: readonly string[];
  /** Values an identity was checked at, as inline math (`\alpha = 4`). */
  readonly given?: string;
  /** For a figure: the comparison in words (tolerance, relative difference). */
  readonly comparison?: string;
}

export interface ReportLayout {
  readonly title: string;
  /** The models and hardware the report is for (preset titles), shown under the title. */
  readonly presets: readonly string[];
  /** Why the sheet may not describe the model: a "Does not fit" section when not empty. */
  readonly warnings: readonly string[];
  /** The defaults the results rest on: an "Assumes" section when not empty. */
  readonly assumptions: readonly string[];
  /** Settings no result rests on. */
  readonly notRead: readonly string[];
  /** How each result is counted (`training_flops: attention full, logits included`), where a convention holds for it. */
  readonly conventions: readonly string[];
  /** Charts, embedded by the Markdown and HTML reports (pdflatex in texlive-latex-recommended cannot include SVG). */
  readonly figures: readonly Figure[];
  readonly source?: string;
  readonly sheetId: string;
  readonly scenario?: { readonly name: string; readonly description?: string; readonly source?: string };
  readonly inputs: readonly { name: string; symbol: string; description?: string; value: string; unit?: string; source?: string }[];
  readonly symbolic: readonly { name: string; rows: readonly string[] }[];
  readonly steps: readonly StepLayout[];
  readonly stepsMode: StepsMode;
  readonly results: readonly { name: string; symbol: string; value: string; unit?: string; source?: string }[];
  readonly checks: readonly CheckLayout[];
  readonly sources: readonly string[];
  /** One LaTeX command per result (`\TotalFLOPs`), with its rounded value. */
  readonly macros: readonly { command: string; value: string }[];
}

/** Rows for `lead &= pieces…`, broken to `width`; continuation rows are indented. */
function alignRows(lead: string, pieces: readonly string[], width: number, relation = "&="): string[] {
  const lines = breakLines(pieces, Math.max(20, width - latexWidth(lead)));
  return lines.map((l, i) => (i === 0 ? `${lead} ${relation} ${l}` : `&\\quad ${l}`));
}

/**
 * A result row, split before `\approx` when it does not fit; an exact value longer than a line
 * continues on the next rows at its digit groups (it is never cut short).
 */
function resultRows(result: string, width: number): string[] {
  // An approximation only: `≈`, not `= ≈`.
  if (result.startsWith("\\approx ")) {
    const parts = result.slice("\\approx ".length).split(" \\approx ");
    return latexWidth(result) <= width ? [`&${result}`] : parts.map((a) => `&\\approx ${a}`);
  }
  const at = result.indexOf(" \\approx ");
  if (latexWidth(result) <= width) return [`&= ${result}`];
  const exact = at > 0 ? result.slice(0, at) : result;
  // A fraction breaks as numerator / denominator: a row may not end inside \frac's braces.
  const fraction = /^(-?)\\frac\{([^{}]*)\}\{([^{}]*)\}$/.exec(exact);
  const flat = fraction ? `${fraction[1]}${fraction[2]} / ${fraction[3]}` : exact;
  // Each approximation on its own row (16.1 GB, then 15.0 GiB), where the whole does not fit.
  const approximations = at > 0 ? result.slice(at + " \\approx ".length).split(" \\approx ").map((a) => `&\\approx ${a}`) : [];
  if (!/^[-\d\\,. /]+$/.test(flat)) return [`&= ${exact}`, ...approximations];
  const groups = flat.split("\\,");
  const rows: string[] = [];
  let row = "";
  for (const g of groups) {
    if (row !== "" && latexWidth(`${row}\\,${g}`) > width) {
      rows.push(row + "\\,");
      row = g;
    } else row = row === "" ? g : `${row}\\,${g}`;
  }
  rows.push(row);
  const out = rows.map((r, i) => (i === 0 ? `&= ${r}` : `&\\phantom{=}\\; ${r}`));
  return [...out, ...approximations];
}

/** Canonical forms longer than this show their first terms and how many more there are. */
export const MAX_SHOWN_TERMS = 12;

/** The terms of a form as LaTeX pieces, cut to MAX_SHOWN_TERMS terms with an honest count of the rest. */
function shownTerms(terms: readonly (readonly string[])[]): string[] {
  if (terms.length <= MAX_SHOWN_TERMS) return terms.flat();
  const rest = terms.length - (MAX_SHOWN_TERMS - 1);
  return [...terms.slice(0, MAX_SHOWN_TERMS - 1).flat(), ` + \\cdots \\text{ (${rest} more terms)}`];
}

const DIGIT_WORDS = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"];

// Commands of LaTeX and amsmath a result's name could spell; `\newcommand` would refuse them.
const LATEX_COMMANDS = new Set(
  ("tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge today TeX LaTeX LaTeXe item label ref cite " +
    "section chapter part paragraph caption title author date thanks and par line linebreak newline newpage clearpage " +
    "hline vline space quad qquad hfill vfill dag ddag copyright pounds dots ldots cdots vdots ddots max min log ln exp " +
    "sin cos tan lim sup inf det dim ker deg arg gcd Pr hom bar vec hat dot tilde check breve acute grave frac sqrt sum " +
    "prod int oint text mathrm mathbf mathit emph textbf textit underline overline left right big Big bigg Bigg not neq " +
    "in ni to gets mapsto top bot perp mid parallel wedge vee cap cup setminus times div pm mp ast star circ bullet cdot " +
    "ell wp Re Im aleph hbar imath jmath partial infty nabla forall exists neg flat natural sharp angle surd lq rq AA aa " +
    "AE ae OE oe ss SS i j l L o O S P H b c d k r t u v " +
    // TeX primitives and LaTeX's kernel, which \newcommand refuses or a document needs untouched.
    "input relax document begin include includeonly usepackage documentclass newcommand renewcommand providecommand " +
    "def edef gdef xdef let futurelet expandafter noexpand csname string catcode uccode lccode sfcode mathcode delcode " +
    "count dimen skip toks box wd ht dp vbox hbox vtop vcenter halign valign noalign omit span cr crcr hskip vskip kern " +
    "penalty mark insert vadjust special write immediate openout closeout openin closein read jobname message errmessage " +
    "show showbox showthe the number romannumeral uppercase lowercase meaning fontname char chardef mathchardef countdef " +
    "dimendef skipdef toksdef global long outer protected advance multiply divide ignorespaces afterassignment aftergroup " +
    "bgroup egroup begingroup endgroup everypar everymath output shipout deadcycles dump patterns hyphenation " +
    "makeatletter makeatother protect label pageref caption footnote marginpar index glossary cite nocite bibliography " +
    "bibliographystyle maketitle tableofcontents appendix include line item stop end year month day time fam " +
    "displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits over atop above choose brace brack " +
    "vrule hrule leaders cleaders xleaders unskip unkern unpenalty lastskip lastkern lastpenalty lastbox " +
    "parindent parskip baselineskip lineskip hsize vsize textwidth textheight linewidth columnwidth paperwidth paperheight").split(" "),
);
/** Command names \newcommand reserves (\end…) or TeX reads as conditionals (\if…). */
const RESERVED_PREFIX = /^(end|if)/;

/**
 * `Total_FLOPs` → `TotalFLOPs`, `FLOPs_FF1` → `FLOPsFFOne`: LaTeX command names are letters only.
 * Names that are LaTeX's own commands (`\huge`, `\L`, `\input`, `\relax`), begin like its reserved
 * ones (`\end…`, `\if…`), or have one or two letters get the prefix `FS`.
 */
export function macroName(name: string): string {
  const letters = name.replace(/\d/g, (d) => DIGIT_WORDS[Number(d)]!).replace(/[^A-Za-z]/g, "");
  if (letters === "") return "FSResult";
  return LATEX_COMMANDS.has(letters) || RESERVED_PREFIX.test(letters) || letters.length <= 2 ? `FS${letters}` : letters;
}

function verdict(r: CheckResult): string {
  const declared = r.kind === "identity" ? r.check.expected : r.expectation.expected;
  if (r.outcome === declared) return r.outcome === "holds" ? "holds" : "fails, as recorded";
  return r.outcome === "holds" ? "holds, but declared to fail" : "fails, but declared to hold";
}

// The page lays a report out again at every key, and a key changes a formula or a value at most:
// a step's rows, and a form's, are kept by what they are made of (the last few hundred).
const KEPT_ROWS = 512;
const keptRows = new Map<string, readonly string[]>();
onForget(() => keptRows.clear());

function rowsOf(key: string, make: () => readonly string[]): readonly string[] {
  let rows = keptRows.get(key);
  if (rows === undefined) {
    rows = make();
    if (keptRows.size >= KEPT_ROWS) keptRows.delete(keptRows.keys().next().value!);
    keptRows.set(key, rows);
  }
  return rows;
}

const valueKey = (v: Value) => `${v.exact ? "=" : "≈"}${v.q.toString()}`;

/** @example layoutReport(buildReport(sheet, { scenario: "section-4.2" })).steps[0].rows */
export function layoutReport(report: Report, options: LayoutOptions = {}): ReportLayout {
  const digits = options.digits ?? 3;
  const width = options.width ?? 44;
  const mode = options.steps ?? "full";
  const sheet = report.sheet;
  const symbols = new Map<string, string>();
  for (const i of sheet.inputs) if (i.latex) symbols.set(i.name, i.latex);
  for (const f of sheet.formulas) if (f.latex) symbols.set(f.name, f.latex);
  const sym = (name: string) => latexSymbol(name, symbols);
  const symbolsKey = JSON.stringify([...symbols]);
  // A published figure of a formula is shown in its unit.
  const unitOf = (e: Expr) => (e.kind === "symbol" ? sheet.formulas.find((f) => f.name === e.name)?.unit : undefined);

  const steps: StepLayout[] =
    mode === "results"
      ? []
      : report.steps.map((step, n) => {
          const expr = step.formula.definition.expr;
          // The rows are made of the formula's text, the symbols' LaTeX and the values, all in the key.
          const key = JSON.stringify(["step", symbolsKey, width, mode, digits, step.name, step.formula.definition.text, step.formula.unit ?? null, [...step.bindings].map(([name, v]) => [name, valueKey(v)]), valueKey(step.value)]);
          const rows = rowsOf(key, () => {
            const written = alignRows(sym(step.name), treeLatexPieces(expr, { symbols }), width);
            const substituted = breakLines(treeLatexPieces(expr, { symbols, values: step.bindings }), width - 3).map((l, i) => (i === 0 ? `&= ${l}` : `&\\quad ${l}`));
            const result = resultRows(latexQuantity(step.value, step.formula.unit, digits), width);
            const middle = mode === "full" ? substituted : [];
            // A formula that is a single name or number adds nothing when substituted or evaluated.
            return [...written, ...middle, ...result].filter((row, i, all) => i === 0 || row.replace(/^.*&= /, "") !== all[i - 1]!.replace(/^.*&= /, ""));
          });
          // An inherited formula says which sheet it came from, as the terminal trail does.
          const source = [step.sheet !== sheet.id ? `from ${step.sheet}` : undefined, step.formula.source].filter(Boolean).join(", ") || undefined;
          return { number: n + 1, name: step.name, description: step.formula.description, source, rows };
        });

  const results = report.steps
    .filter((s) => report.targets.includes(s.name))
    .map((s) => ({ name: s.name, symbol: sym(s.name), value: latexQuantity(s.value, s.formula.unit, digits), ...(s.formula.unit ? { unit: s.formula.unit } : {}), source: s.formula.source }));

  const taken = new Set<string>();
  const macros = results.map((r) => {
    let command = macroName(r.name);
    while (taken.has(command)) command += "X";
    taken.add(command);
    const step = report.steps.find((s) => s.name === r.name)!;
    return { command, value: formatRounded(step.value.q, digits, LATEX_SCIENTIFIC) };
  });

  const checks: CheckLayout[] = report.checks.results.map((r) => {
    if (r.kind === "identity") {
      const lhs = treeLatexPieces(r.check.lhs.expr, { symbols }).join("");
      const rows = alignRows(lhs, treeLatexPieces(r.check.rhs.expr, { symbols }), width);
      const given = r.check.given.size > 0 ? [...r.check.given].map(([n, w]) => `${sym(n)} = ${treeLatexPieces(w.expr, { symbols }).join("")}`).join(",\\ ") : undefined;
      return {
        name: r.check.name,
        passed: r.passed,
        verdict: verdict(r),
        source: r.check.source,
        note: r.check.note,
        rows,
        difference: r.outcome === "fails" ? alignRows("\\text{lhs} - \\text{rhs}", shownTerms(canonicalLatexPieces(r.difference, symbols)), width) : undefined,
        given,
      };
    }
    const e = r.expectation;
    const target = treeLatexPieces(e.target.expr, { symbols }).join("");
    const published = treeLatexPieces(e.value.expr).join("");
    return {
      name: `${r.scenario.name}: ${e.target.text.trim()}`,
      passed: r.passed,
      verdict: verdict(r),
      source: e.source,
      note: e.note,
      rows: [...resultRows(latexQuantity(r.computed, unitOf(e.target.expr), digits), width - latexWidth(target)).map((row, i) => (i === 0 ? `${target} ${row}` : row)), `&\\text{published } ${published}`],
      comparison: `compared to ${r.tolerance}${r.relativeDifference ? `; the computed value differs by ${percent(r.relativeDifference)}` : ""}`,
    };
  });

  return {
    title: (sheet.title ?? sheet.id) + (report.presets.length > 0 ? ` — ${report.presets.join(", ")}` : ""),
    presets: report.presets,
    warnings: report.warnings,
    assumptions: report.assumptions,
    notRead: report.notRead,
    conventions: report.conventions.filter((c) => c.conventions.size > 0).map((c) => `${c.target}: ${[...c.conventions].map(([axis, value]) => `${axis} ${value}`).join(", ")}`),
    figures: report.figures ?? [],
    source: sheet.source,
    sheetId: sheet.id,
    scenario: report.scenario ? { name: report.scenario.name, description: report.scenario.description, source: report.scenario.source } : undefined,
    inputs: report.inputs.map((i) => ({
      name: i.input.name,
      symbol: sym(i.input.name),
      description: i.input.description,
      value: treeLatexPieces(i.written.expr).join(""),
      unit: i.input.unit,
      // Where the value came from: the sheet's citation for its own values, else the preset, --set or sheet.
      source: i.origin === "default" || i.origin === "scenario" ? i.input.source : originText(i),
    })).concat(
      // No value, and none needed: every term it is in vanishes at the values above.
      report.unneeded.map((i) => ({ name: i.name, symbol: sym(i.name), description: i.description, value: "\\text{---}", unit: i.unit, source: "not needed: the results do not depend on it at these values" })),
    ),
    symbolic: report.symbolic.map((s) => ({
      name: s.name,
      // A canonical form's key names it: equal keys, equal forms.
      rows: rowsOf(JSON.stringify(["form", symbolsKey, width, s.name, "form" in s.symbolic ? s.symbolic.form.key : s.symbolic.omitted]), () =>
        alignRows(sym(s.name), "form" in s.symbolic ? shownTerms(canonicalLatexPieces(s.symbolic.form, symbols)) : [`\\text{(${s.symbolic.omitted})}`], width),
      ),
    })),
    steps,
    stepsMode: mode,
    results,
    checks,
    sources: report.sources,
    macros,
  };
}

/** Every mathematics fragment of a layout, as each renderer sets it (for checking them all). */
export function mathFragments(l: ReportLayout): string[] {
  const aligned = (rows: readonly string[]) => `\\begin{aligned}${rows.join(" \\\\ ")}\\end{aligned}`;
  return [
    ...l.inputs.flatMap((i) => [i.symbol, i.value]),
    ...l.symbolic.map((s) => aligned(s.rows)),
    ...l.steps.map((s) => aligned(s.rows)),
    ...l.results.flatMap((r) => [r.symbol, r.value]),
    ...l.checks.flatMap((c) => [aligned(c.rows), ...(c.difference ? [aligned(c.difference)] : []), ...(c.given ? [c.given] : [])]),
    ...l.macros.map((m) => m.value),
  ];
}
