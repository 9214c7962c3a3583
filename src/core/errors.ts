/**
 * The one error type every user mistake becomes. An error carries a list of issues, so that
 * validation can report every problem at once; each issue knows where it happened.
 */
import { LineCounter } from "yaml";

/** Stable codes, for tests and for tools that read `--format json` errors. */
export type ErrorCode =
  | "PARSE"
  | "TOO_DEEP"
  | "ARITY"
  | "YAML"
  | "DUPLICATE_KEY"
  | "ALIAS"
  | "SHAPE"
  | "UNKNOWN_FIELD"
  | "MISSING_FIELD"
  | "INVALID_NAME"
  | "UNKNOWN_IDENTIFIER"
  | "DUPLICATE_NAME"
  | "INPUT_AND_FORMULA"
  | "CYCLE"
  | "INVALID_VALUE"
  | "DIMENSION"
  | "OUT_OF_RANGE"
  | "MISSING_INPUT"
  | "UNKNOWN_TARGET"
  | "UNKNOWN_SCENARIO"
  | "ARITHMETIC"
  | "TOO_LARGE"
  | "NOT_FOUND"
  | "PERMISSION"
  | "CANNOT_WRITE"
  | "INVALID_ARGUMENT"
  | "CONVENTION";

/**
 * A stretch of a source text, as UTF-16 offsets `[start, end)`. Spans of parsed formulas also
 * carry the text they point into, so a failure at any node can be located from the node alone.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly source?: SourceText;
}

/** Where an issue happened, resolved to what a person reads: 1-based line and column. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** How many characters the caret underlines (at least 1). */
  readonly length: number;
  /** The whole source line, for the caret excerpt; empty when it is not to be quoted. */
  readonly lineText: string;
}

export interface Issue {
  readonly code: ErrorCode;
  readonly message: string;
  readonly location?: Location;
  /** What would resolve it, as data: each shell words it its own way (Wording). */
  readonly remedy?: Remedy;
}

/** Values a person can give: the settings by name, and the other ways there are. */
export interface Remedy {
  readonly set: readonly string[];
  /** The sheet's input that has no value, where that is what is missing. */
  readonly input?: string;
  readonly alternatives?: readonly ("a scenario" | "a model preset" | "a default")[];
}

/**
 * How a shell words a remedy: the command line says `--set seq_len=…`, the page "set seq_len".
 * The core never words a command-line flag itself.
 */
export interface Wording {
  readonly set: (name: string) => string;
}

export const PLAIN_WORDING: Wording = { set: (name) => `set ${name}` };

/** A remedy as the shell words it: "give one with --set s=… or a default". */
export function remedyText(remedy: Remedy, wording: Wording = PLAIN_WORDING): string {
  const ways = [...remedy.set.map(wording.set), ...(remedy.alternatives ?? [])];
  // Alternatives are ways to give one value ("or"); settings without them are all needed ("and").
  const joint = remedy.alternatives && remedy.alternatives.length > 0 ? "or" : "and";
  const list = ways.length <= 1 ? ways.join("") : `${ways.slice(0, -1).join(", ")} ${joint} ${ways[ways.length - 1]}`;
  return remedy.alternatives && remedy.alternatives.length > 0 ? `give one with ${list}` : list;
}

export class FlopsheetError extends Error {
  readonly issues: readonly Issue[];

  constructor(issues: Issue | readonly Issue[]) {
    const list = Array.isArray(issues) ? (issues as readonly Issue[]) : [issues as Issue];
    if (list.length === 0) throw new Error("FlopsheetError needs at least one issue");
    super();
    this.name = "FlopsheetError";
    this.issues = list;
  }

  // Worded when first read: most errors are caught and looked at by code and issue (an estimate
  // catches one for every row that lacks an input), and wording an issue locates it in its file.
  #worded?: string;

  override get message(): string {
    return (this.#worded ??= this.issues.map((i) => formatIssue(i)).join("\n\n"));
  }

  /** The code of the first issue. */
  get code(): ErrorCode {
    return this.issues[0]!.code;
  }
}

/**
 * A named text (a YAML file, a command-line argument) that can turn offsets into locations.
 *
 * @example new SourceText("a.yaml", "x: 1\ny: [").locate({start: 8, end: 9}) // { line: 2, column: 4 }
 */
export class SourceText {
  readonly lines: LineCounter;

  constructor(
    readonly name: string,
    readonly text: string,
    lines?: LineCounter,
  ) {
    if (lines) {
      this.lines = lines;
    } else {
      this.lines = new LineCounter();
      this.lines.addNewLine(0);
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lines.addNewLine(i + 1);
    }
  }

  locate(span: Span): Location {
    const start = Math.max(0, Math.min(span.start, this.text.length));
    const { line, col } = this.lines.linePos(start);
    const lineStart = start - (col - 1);
    let lineEnd = this.text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = this.text.length;
    const lineText = this.text.slice(lineStart, lineEnd).replace(/\r$/, "");
    const length = Math.max(1, Math.min(span.end, lineStart + lineText.length) - start);
    return { file: this.name, line, column: col, length, lineText };
  }

  issue(code: ErrorCode, message: string, span: Span): Issue {
    return { code, message, location: this.locate(span) };
  }
}

/**
 * Text safe to print on a terminal: control characters (which could move the cursor, recolour the
 * screen or set the clipboard) become their visible pictures (ESC → ␛, BEL → ␇), and so do the
 * bidirectional overrides that can make a line read differently from what it holds.
 *
 * @example visibleText("a\u001b]52;c;x\u0007") // "a␛]52;c;x␇"
 */
export function visibleText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });
}

/**
 * Renders an issue the way compilers do:
 *
 * ```text
 * formulas/x.yaml:4:19: unknown identifier 'd_modle'; did you mean 'd_model'? [UNKNOWN_IDENTIFIER]
 *     4 |   FLOPs_QKV: 3 × (d_modle × d_model)
 *       |                   ^^^^^^^
 * ```
 */
export function formatIssue(issue: Issue, wording: Wording = PLAIN_WORDING): string {
  const loc = issue.location;
  const message = visibleText(issue.remedy ? `${issue.message}: ${remedyText(issue.remedy, wording)}` : issue.message);
  if (!loc) return `${message} [${issue.code}]`;
  // An empty excerpt is one withheld (see YamlReader.report): the position alone.
  if (loc.lineText === "") return `${visibleText(loc.file)}:${loc.line}:${loc.column}: ${message} [${issue.code}]`;
  const gutter = String(loc.line).length + 1;
  // Tabs would misalign the caret; show them as single spaces. Long lines show a window.
  let shown = visibleText(loc.lineText.replace(/\t/g, " "));
  let column = loc.column;
  const WIDTH = 100;
  if (shown.length > WIDTH) {
    const from = Math.max(0, Math.min(column - 1 - WIDTH / 2, shown.length - WIDTH));
    const head = from > 0 ? "…" : "";
    const tail = from + WIDTH < shown.length ? "…" : "";
    shown = head + shown.slice(from, from + WIDTH) + tail;
    column = column - from + head.length;
  }
  const width = Math.min(loc.length, Math.max(1, shown.length - column + 1));
  const caret = " ".repeat(column - 1) + "^".repeat(width);
  return [
    `${visibleText(loc.file)}:${loc.line}:${loc.column}: ${message} [${issue.code}]`,
    `${" ".repeat(gutter - String(loc.line).length)}${loc.line} | ${shown}`,
    `${" ".repeat(gutter)} | ${caret}`,
  ].join("\n");
}

/**
 * Runs `f`, moving the issues of a FlopsheetError it throws into `issues` (so that validation can
 * report every problem at once); anything else propagates. Undefined when `f` failed.
 *
 * @example const n = collectIssues(issues, () => constantValue(w, "a default"));
 */
export function collectIssues<T>(issues: Issue[], f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof FlopsheetError)) throw e;
    issues.push(...e.issues);
    return undefined;
  }
}

const MAX_SUGGESTED_LENGTH = 64;
const MAX_CANDIDATES = 5_000;

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * The closest candidate, if close enough to be a likely typo: a different case for names of one
 * or two letters, one edit for three letters, and about a third of the length beyond that.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  // A typo is made in a name a person typed: past 64 characters, or among more than 5,000
  // candidates, suggesting would cost more than it could help (30,000-character names took 16 s).
  if (name.length > MAX_SUGGESTED_LENGTH) return undefined;
  const allowed = name.length <= 2 ? 0.5 : Math.min(3, Math.ceil(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let looked = 0;
  for (const c of candidates) {
    if (++looked > MAX_CANDIDATES) break;
    if (Math.abs(c.length - name.length) > allowed) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}
