/**
 * Reads a YAML document defensively and collects every problem instead of stopping at the first.
 * The document is parsed with the failsafe schema, so every scalar stays text: numbers are read
 * by our own grammar and keep all their digits (`70_000_000_000`, 30-digit integers).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { collectIssues, didYouMean, FlopsheetError, SourceText, visibleText, type ErrorCode, type Issue, type Span } from "../core/errors.js";
import { parseFormula } from "../syntax/parse.js";
import { rationalExpr, symbolsOf } from "../syntax/tree.js";
import { convertValue, splitValueWithUnit, UnitError } from "../core/units.js";
import type { Written } from "./written.js";
import { nodeOf, YAML_OPTIONS, type YamlTree } from "./yaml-tree.js";
import { sectionedTree } from "./yaml-sections.js";

export type YamlNode = Node | null | undefined;

export interface Field {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: YamlNode;
}

export class YamlReader {
  readonly issues: Issue[] = [];
  readonly file: SourceText;
  readonly root: YamlNode;

  /**
   * Parses `text`; syntax errors become issues. Duplicate keys are found as maps are read (the
   * yaml package's own check is quadratic: a 10 MB sheet took six minutes), aliases are refused.
   */
  constructor(name: string, text: string, tree?: YamlTree) {
    // Parsed by the build (a shipped file), or section by section where the last text read had
    // the same sections (an edit in the page): the same nodes, without parsing all of it again.
    const known = tree ?? sectionedTree(text);
    if (known !== undefined) {
      this.file = new SourceText(name, text);
      this.root = nodeOf(known);
      return;
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
    this.file = new SourceText(name, text, lineCounter);
    this.root = doc.contents as YamlNode;
    for (const e of doc.errors) this.report("YAML", yamlMessage(e.message), { start: e.pos[0], end: e.pos[1] });
  }

  /**
   * Every problem is located; its line is quoted only when the file is recognisably one of ours
   * (a YAML map). A file that is not (/etc/shadow, /proc/self/environ, a binary) is never echoed:
   * its lines could be secrets, and they would land in a CI log.
   */
  report(code: ErrorCode, message: string, span: Span): void {
    const issue = this.file.issue(code, message, span);
    this.issues.push(isMap(this.root) && !this.foreign ? issue : { ...issue, location: { ...issue.location!, lineText: "" } });
  }

  /** Set when the top-level map has none of the fields its kind takes: some other file's keys. */
  private foreign = false;

  /** Throws every collected issue at once, if there are any. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new FlopsheetError(this.issues);
  }

  span(node: YamlNode, fallback: Span = { start: 0, end: 1 }): Span {
    const r = node?.range;
    return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : fallback;
  }

  private refuseAlias(node: YamlNode): boolean {
    if (!isAlias(node)) return false;
    this.report("ALIAS", "YAML aliases (*name) are not allowed in sheets; write the value out", this.span(node));
    return true;
  }

  /** The node as a map, or an issue saying what `what` should have been. */
  map(node: YamlNode, what: string, at: Span, shape = "a map of names to values"): YAMLMap<unknown, unknown> | undefined {
    if (this.refuseAlias(node)) return undefined;
    if (isMap(node)) return node;
    this.report("SHAPE", `${what} must be ${shape}`, this.span(node, at));
    return undefined;
  }

  seq(node: YamlNode, what: string, at: Span): YAMLSeq<unknown> | undefined {
    if (this.refuseAlias(node)) return undefined;
    if (isSeq(node)) return node;
    this.report("SHAPE", `${what} must be a list`, this.span(node, at));
    return undefined;
  }

  /** The entries of a field that must be a map: none when it is absent, or not a map (reported). */
  mapEntries(field: Field | undefined, what: string): Field[] {
    if (!field) return [];
    const map = this.map(field.value, what, field.keySpan);
    return map ? this.entries(map) : [];
  }

  /** Entries of a map with their key spans; keys must be plain text. */
  entries(map: YAMLMap<unknown, unknown>): Field[] {
    const out: Field[] = [];
    const seen = new Map<string, Span>();
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const key = pair.key as YamlNode;
      if (this.refuseAlias(key)) continue;
      if (!isScalar(key) || typeof key.value !== "string") {
        this.report("SHAPE", "a key must be a plain name", this.span(key, this.span(map)));
        continue;
      }
      const keySpan = this.span(key);
      const first = seen.get(key.value);
      if (first) {
        const line = this.file.locate(first).line;
        this.report("DUPLICATE_KEY", `‘${key.value}’ appears twice in the same map (first on line ${line})`, keySpan);
        continue;
      }
      seen.set(key.value, keySpan);
      out.push({ key: visibleText(key.value), keySpan, value: pair.value as YamlNode });
    }
    return out;
  }

  /**
   * Entries of a map whose keys must be among `allowed`; an unknown key is reported with a
   * suggestion. Returns the known fields by name.
   */
  fields(map: YAMLMap<unknown, unknown>, allowed: readonly string[], where: string): Map<string, Field> {
    const known = new Map<string, Field>();
    const entries = this.entries(map);
    if (map === this.root && entries.length > 0 && !entries.some((f) => allowed.includes(f.key))) {
      // Not ours at all (/etc/shadow reads as a map of odd keys): one issue, naming none of them.
      this.foreign = true;
      this.report("SHAPE", `this file is not ${where}: it has none of the fields ${where} takes (${allowed.join(", ")})`, this.span(map));
      return known;
    }
    for (const f of entries) {
      if (allowed.includes(f.key)) {
        known.set(f.key, f);
        continue;
      }
      const guess = didYouMean(f.key, allowed);
      // Field names have no spaces: this is most likely the rest of a text cut at a comma in {…}.
      const hint = /\s/.test(f.key.trim())
        ? "; a comma inside {…} starts a new field, so put text that has commas in quotes"
        : guess
          ? `; did you mean ‘${guess}’?`
          : `; expected one of ${allowed.join(", ")}`;
      this.report("UNKNOWN_FIELD", `unknown field ‘${f.key}’ in ${where}${hint}`, f.keySpan);
    }
    return known;
  }

  /** A scalar's text; a missing or empty value is reported when `required`. */
  text(field: Field | undefined, what: string, at: Span): string | undefined {
    if (!field) return undefined;
    const node = field.value;
    if (this.refuseAlias(node)) return undefined;
    if (isScalar(node) && typeof node.value === "string") {
      if (node.value.trim() === "") {
        this.report("INVALID_VALUE", `${what} is empty`, field.keySpan);
        return undefined;
      }
      // Sheets are other people's text: nothing in one may drive the terminal it is printed on.
      return visibleText(node.value);
    }
    this.report("SHAPE", `${what} must be text, not a ${node ? describeNode(node) : "missing value"}`, this.span(node, at));
    return undefined;
  }

  /**
   * A scalar parsed as a formula-language expression, with error positions mapped into the file.
   * `constant` requires an expression without names (a value such as `1e12` or `6.71 × 10^7`).
   */
  written(field: Field | undefined, what: string, options: { constant?: boolean; unit?: string } = {}): Written | undefined {
    if (!field) return undefined;
    const node = field.value;
    const text = this.text(field, what, field.keySpan);
    if (text === undefined || !isScalar(node)) return undefined;
    if (options.constant) {
      // A value written with its unit (`312 TFLOP/s`, `80 GiB`, `15T`), converted exactly into
      // the unit its quantity is kept in.
      const withUnit = splitValueWithUnit(text);
      if (withUnit) {
        const span = this.span(node);
        try {
          return { text, expr: rationalExpr(convertValue(withUnit, options.unit), span), span, file: this.file };
        } catch (e) {
          if (!(e instanceof UnitError)) throw e;
          this.report("INVALID_VALUE", `${what}: ${e.message}`, span);
          return undefined;
        }
      }
    }
    return this.parseScalar(node as Scalar, text, what, options.constant ?? false);
  }

  /** Parses `text` (the value of `node`, or a part of it starting at `offsetInValue`). */
  parseScalar(node: Scalar, text: string, what: string, constant: boolean, offsetInValue = 0): Written | undefined {
    const span = this.span(node);
    const map = this.offsetMap(node, offsetInValue);
    const expr = collectIssues(this.issues, () => parseFormula(text, { source: this.file, map }));
    if (expr === undefined) return undefined;
    if (constant && symbolsOf(expr).size > 0) {
      this.report("INVALID_VALUE", `${what} must be a number (such as 7, 1e12 or 6.71 × 10^7), not a formula`, span);
      return undefined;
    }
    return { text, expr, span, file: this.file };
  }

  /**
   * How offsets in a scalar's value map to offsets in the file. Exact where the value appears
   * verbatim in the source (plain scalars, quotes without escapes, one-line block scalars);
   * otherwise every position maps to the start of the scalar.
   */
  private offsetMap(node: Scalar, offsetInValue: number): (i: number) => number {
    const range = node.range ?? [0, 0, 0];
    const raw = this.file.text.slice(range[0], range[1]);
    const value = String(node.value);
    const at = raw.indexOf(value);
    if (at === -1) return () => range[0];
    return (i) => range[0] + at + offsetInValue + i;
  }
}

function describeNode(node: Node): string {
  if (isMap(node)) return "map";
  if (isSeq(node)) return "list";
  return "value";
}

/** The yaml package's messages end with a code excerpt of their own; ours comes from SourceText. */
function yamlMessage(message: string): string {
  const first = message.split("\n")[0] ?? message;
  if (/call stack/i.test(first)) return "the YAML is nested too deeply to read";
  return `invalid YAML: ${first.replace(/ at line \d+, column \d+:?$/, "")}`;
}
