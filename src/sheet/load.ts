/**
 * Turns a sheet's YAML text into a validated Sheet, or one FlopsheetError listing every problem:
 * unknown fields, malformed formulas, unknown names, names declared twice, cycles.
 * Values (defaults, ranges, scenario settings) are checked against their ranges one layer up,
 * where they can be evaluated.
 */
import { isScalar, type Scalar } from "yaml";
import { collectIssues, didYouMean, FlopsheetError, type Span } from "../core/errors.js";
import { symbolsOf } from "../syntax/tree.js";
import { isFunctionName } from "../syntax/functions.js";
import { NAME_PATTERN, skeleton } from "../syntax/names.js";
import { orderByDependencies } from "./graph.js";
import { readConventions } from "./conventions.js";
import type { Declared, Expectation, Formula, IdentityCheck, Input, Scenario, Sheet, Written } from "./model.js";
import type { Preset } from "./preset.js";
import { YamlReader, type Field } from "./yaml-reader.js";
import { FORMULA_ITEM, INPUT_ITEM, itemKeys, readItem, sameDefinition, definitionDifferences, type ItemTable } from "./items.js";
import type { YamlTree } from "./yaml-tree.js";

const TOP_FIELDS = ["id", "title", "source", "description", "role", "conventions", "extends", "assumes", "inputs", "formulas", "checks", "scenarios"] as const;
const CHECK_FIELDS = ["name", "identity", "given", "expected", "source", "note", "description"] as const;
const SCENARIO_FIELDS = ["description", "source", "model", "hardware", "set", "expect"] as const;
const EXPECT_FIELDS = ["value", "digits", "rel", "expected", "source", "note"] as const;

const NAME = NAME_PATTERN;

/** How many sheets deep `extends` may go: loading recurses, and 2,000 levels exhausted the stack. */
export const MAX_EXTENDS = 64;

/**
 * Finds the text of a sheet named in `extends` (a shipped id, or a path relative to `from`), and,
 * where the caller keeps one, the sheet already loaded from it (so a base is parsed once).
 */
export type ResolveSheet = (
  ref: string,
  from: string,
) => { readonly text: string; readonly path: string; readonly loaded?: () => Sheet } | undefined;

export interface ReadOptions {
  /** Needed for sheets that extend others; loading only reads text, so the caller finds files. */
  readonly resolve?: ResolveSheet;
  /**
   * Finds the model or hardware preset a scenario names (`from` is the sheet's path, for paths
   * relative to it). May throw a FlopsheetError, reported where the scenario names the preset.
   */
  readonly resolvePreset?: (id: string, from: string) => Preset | undefined;
  /** The text's YAML tree, parsed by the build (shipped files); parsed here when absent. */
  readonly tree?: YamlTree;
  /** Bases already loaded in this load, by path: a diamond of `extends` reads each sheet once. */
  readonly loaded?: Map<string, Sheet | null>;
}

/**
 * Loads a sheet from its text. `path` names the file in messages; the sheet's id is the file's
 * name without `.yaml`.
 *
 * A sheet that `extends` another inherits its inputs, formulas and scenarios (their values, not
 * their expected figures); it replaces any of them by declaring the same name, and adds its own.
 * Checks are not inherited: they audit the base.
 *
 * @example readSheet("inputs:\n  n: tokens\nformulas:\n  C: 6n\n", "six.yaml").formulas[0].name // "C"
 * @throws FlopsheetError listing every problem found.
 */
export function readSheet(text: string, path: string, options: ReadOptions = {}, chain: readonly string[] = []): Sheet {
  const r = new YamlReader(path, text, options.tree);
  const rootSpan: Span = { start: 0, end: 1 };
  const top = r.map(r.root, "a sheet", rootSpan);
  if (!top) r.throwIfAny();
  const f = r.fields(top!, TOP_FIELDS, "a sheet");

  const fileId = path.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/i, "");
  const id = r.text(f.get("id"), "id", rootSpan);
  // An id names files and lands in reports' header comments: a plain file name, checked even
  // when no file name is given to compare it with.
  if (id !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id)) {
    r.report("INVALID_VALUE", "a sheet's id may hold only letters, digits, ‘.’, ‘_’ and ‘-’ (it is a file name)", r.span(f.get("id")!.value));
  } else if (id !== undefined && id !== fileId && path !== "<sheet>") {
    r.report("INVALID_VALUE", `the id ‘${id}’ differs from the file name ‘${fileId}’; a sheet's id is its file name`, r.span(f.get("id")!.value));
  }

  const ownId = id ?? fileId;
  const bases = readBases(r, f.get("extends"), path, options, [...chain, ownId]);
  // A base that did not load leaves this sheet's names unknown: its problems are the ones to read.
  if (bases.failed) r.throwIfAny();
  const ownInputs = readInputs(r, f.get("inputs"), ownId);
  // A formula whose text does not parse is still declared: its uses are not also "unknown names".
  const unreadable = new Set<string>();
  const ownFormulas = readFormulas(r, f.get("formulas"), ownId, unreadable);
  const inputs = merge(combineBases(r, bases, (b) => b.inputs, "input", INPUT_ITEM, ownInputs, f.get("extends")), ownInputs);
  const formulas = merge(combineBases(r, bases, (b) => b.formulas, "formula", FORMULA_ITEM, ownFormulas, f.get("extends")), ownFormulas);
  const checks = readChecks(r, f.get("checks"));
  // Scenarios: their values, not their expected figures; a later base's wins over an earlier one's.
  const inherited = bases.reduce<Scenario[]>((acc, b) => merge(acc, b.scenarios.map((sc) => ({ ...sc, expect: [] }))), []);
  const scenarios = merge(inherited, readScenarios(r, f.get("scenarios"), options));

  const sheet = crossCheck(r, {
    id: ownId,
    // Nearest first: the bases named, then what they extend.
    bases: [...new Set([...bases.map((b) => b.id), ...bases.flatMap((b) => b.bases)])],
    title: r.text(f.get("title"), "title", rootSpan),
    role: readRole(r, f.get("role")),
    // A base's conventions hold for what the sheet inherits, unless it restates them.
    conventions: new Map([...bases.flatMap((b) => [...b.conventions]), ...readConventions(r, f.get("conventions"), `sheet ${ownId}`)]),
    source: r.text(f.get("source"), "source", rootSpan),
    description: r.text(f.get("description"), "description", rootSpan),
    file: r.file,
    inputs,
    formulas,
    checks,
    scenarios,
  }, unreadable);
  const assumes = new Map([...bases.flatMap((b) => [...(b.assumes ?? [])]), ...readAssignments(r, f.get("assumes"), "what the sheet assumes", false)]);
  r.throwIfAny();
  return assumes.size > 0 ? { ...sheet, assumes } : sheet;
}

/**
 * The inputs or formulas of several bases as one list. Where bases disagree on a name, a version
 * that another base has replaced (it comes from a sheet that base extends) gives way to the
 * replacement, whatever the order; two bases that replace it differently are an error, unless
 * the sheet itself defines the name. Otherwise a later base's version wins.
 */
function combineBases<T extends Input | Formula>(
  r: YamlReader,
  bases: readonly Sheet[],
  items: (b: Sheet) => readonly T[],
  what: "input" | "formula",
  table: ItemTable<T>,
  own: readonly T[],
  field: Field | undefined,
): T[] {
  if (bases.length <= 1) return [...(bases[0] ? items(bases[0]) : [])];
  const ownNames = new Set(own.map((x) => x.name));
  const versions = new Map<string, { item: T; base: Sheet }[]>();
  for (const base of bases) {
    for (const item of items(base)) {
      const list = versions.get(item.name) ?? [];
      if (!list.some((v) => v.item === item)) list.push({ item, base });
      versions.set(item.name, list);
    }
  }
  const chosen = new Map<string, T>();
  for (const [name, list] of versions) {
    // A version that a base extending its sheet did not keep has been replaced there.
    const live = list.filter((v) => !list.some((w) => w.item !== v.item && (w.base.id === v.item.sheet || w.base.bases.includes(v.item.sheet))));
    const distinct = live.filter((v, i) => !live.slice(i + 1).some((w) => sameDefinition(table, v.item, w.item)));
    if (distinct.length > 1 && !ownNames.has(name)) {
      const at = field ? r.span(field.value) : { start: 0, end: 1 };
      r.report(
        "DUPLICATE_NAME",
        `the bases define ${what} ‘${name}’ differently (${definitionDifferences(table, distinct.map((v) => ({ item: v.item, from: v.base.id }))).join("; ")}); define it in this sheet to say which holds`,
        at,
      );
    }
    chosen.set(name, (live[live.length - 1] ?? list[list.length - 1]!).item);
  }
  // Order: each base's items in its order, the first base's first; a name keeps its first place.
  return [...chosen.keys()].map((n) => chosen.get(n)!);
}

function checkName(r: YamlReader, name: string, span: Span, what: string): boolean {
  if (!NAME.test(name)) {
    r.report("INVALID_NAME", `‘${name}’ is not a valid ${what} name: use letters, digits and underscores, starting with a letter`, span);
    return false;
  }
  if (isFunctionName(name)) {
    r.report("INVALID_NAME", `‘${name}’ is the name of a function and cannot name ${what === "input" ? "an input" : "a formula"}`, span);
    return false;
  }
  return true;
}

/**
 * The sheets named in `extends` (one, or a list), loaded; problems become issues of this sheet.
 * A sheet reached twice through different bases is loaded once.
 */
function readBases(r: YamlReader, field: Field | undefined, path: string, options: ReadOptions, chain: readonly string[]): Sheet[] & { failed?: boolean } {
  if (!field) return [];
  const refs: { ref: string; at: Span }[] = [];
  if (isScalar(field.value)) {
    const ref = r.text(field, "extends", field.keySpan);
    if (ref !== undefined) refs.push({ ref, at: r.span(field.value) });
  } else {
    const seq = r.seq(field.value, "extends", field.keySpan);
    for (const item of seq?.items ?? []) {
      const at = r.span(item as Scalar, field.keySpan);
      const ref = r.text({ key: "extends", keySpan: at, value: item as Scalar }, "a sheet in extends", at);
      if (ref !== undefined) refs.push({ ref, at });
    }
    if (seq && seq.items.length === 0) r.report("INVALID_VALUE", "extends lists no sheet", field.keySpan);
  }
  const out: Sheet[] & { failed?: boolean } = [];
  for (const { ref, at } of refs) {
    const base = readBase(r, ref, at, path, options, chain);
    if (!base) out.failed = true;
    else if (out.some((b) => b.id === base.id)) r.report("DUPLICATE_NAME", `extends names ‘${ref}’ twice`, at);
    else out.push(base);
  }
  return out;
}

function readBase(r: YamlReader, ref: string, at: Span, path: string, options: ReadOptions, chain: readonly string[]): Sheet | undefined {
  const found = resolvedAt(r, at, () => options.resolve?.(ref, path));
  if (found === null) return undefined;
  if (!found) {
    r.report("NOT_FOUND", `no sheet ‘${ref}’ to extend (a shipped sheet's id, or a path relative to this file)`, at);
    return undefined;
  }
  const baseId = found.path.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/i, "");
  if (chain.length >= MAX_EXTENDS) {
    r.report("CYCLE", `sheets extend each other more than ${MAX_EXTENDS} deep; no variant needs that many bases`, at);
    return undefined;
  }
  if (chain.includes(baseId)) {
    r.report("CYCLE", `sheets extend each other in a cycle: ${[...chain.slice(chain.indexOf(baseId)), baseId].join(" → ")}`, at);
    return undefined;
  }
  const loaded = options.loaded ?? new Map<string, Sheet | null>();
  // A base that failed to load has had its problems reported once; another path to it adds none
  // (a diamond of broken bases would otherwise report them 2^depth times).
  const cached = loaded.get(found.path);
  if (cached !== undefined) return cached ?? undefined;
  const base = collectIssues(r.issues, () => (found.loaded ? found.loaded() : readSheet(found.text, found.path, { ...options, tree: undefined, loaded }, chain)));
  loaded.set(found.path, base ?? null);
  return base;
}

/**
 * What a resolver finds; null when it refused with a FlopsheetError (a file it may not read, or
 * that is not a sheet), whose messages are then reported here, where the file is named.
 */
function resolvedAt<T>(r: YamlReader, at: Span, find: () => T | undefined): T | undefined | null {
  try {
    return find();
  } catch (e) {
    if (!(e instanceof FlopsheetError)) throw e;
    // A problem inside the file found stays located there; one about the file itself goes here.
    for (const issue of e.issues) {
      if (issue.location) r.issues.push(issue);
      else r.report(issue.code, issue.message, at);
    }
    return null;
  }
}

/** Inherited items, with those the sheet declares again replaced in place, then its new ones. */
function merge<T extends { readonly name: string }>(inherited: readonly T[], own: readonly T[]): T[] {
  const byName = new Map(own.map((x) => [x.name, x]));
  const kept = inherited.map((x) => byName.get(x.name) ?? x);
  const inheritedNames = new Set(inherited.map((x) => x.name));
  return [...kept, ...own.filter((x) => !inheritedNames.has(x.name))];
}

function readInputs(r: YamlReader, field: Field | undefined, sheet: string): Input[] {
  const out: Input[] = [];
  for (const e of r.mapEntries(field, "inputs")) {
    if (!checkName(r, e.key, e.keySpan, "input")) continue;
    const where = `input ‘${e.key}’`;
    if (isScalar(e.value)) {
      out.push({ name: e.key, description: r.text(e, `the description of ${where}`, e.keySpan), span: e.keySpan, file: r.file, sheet });
      continue;
    }
    const m = r.map(e.value, where, e.keySpan, "a description or a map of its fields");
    if (!m) continue;
    const fields = r.fields(m, itemKeys(INPUT_ITEM), where);
    out.push({ name: e.key, ...readItem(INPUT_ITEM, { r, fields, where, keySpan: e.keySpan }), span: e.keySpan, file: r.file, sheet });
  }
  return out;
}

function readFormulas(r: YamlReader, field: Field | undefined, sheet: string, unreadable: Set<string>): Formula[] {
  const out: Formula[] = [];
  for (const e of r.mapEntries(field, "formulas")) {
    if (!checkName(r, e.key, e.keySpan, "formula")) continue;
    const where = `formula ‘${e.key}’`;
    if (isScalar(e.value)) {
      const definition = r.written(e, where);
      if (definition) out.push({ name: e.key, definition, span: e.keySpan, file: r.file, sheet });
      else unreadable.add(e.key);
      continue;
    }
    const m = r.map(e.value, where, e.keySpan, "an expression or a map with expr");
    if (!m) continue;
    const fields = r.fields(m, itemKeys(FORMULA_ITEM), where);
    if (!fields.has("expr")) {
      r.report("MISSING_FIELD", `${where} has no expr`, e.keySpan);
      continue;
    }
    const definition = r.written(fields.get("expr"), where);
    if (!definition) {
      unreadable.add(e.key);
      continue;
    }
    out.push({ name: e.key, definition, ...readItem(FORMULA_ITEM, { r, fields, where, keySpan: e.keySpan }), span: e.keySpan, file: r.file, sheet });
  }
  return out;
}

function readRole(r: YamlReader, field: Field | undefined): "general" | "example" {
  const text = r.text(field, "the role of the sheet", field?.keySpan ?? { start: 0, end: 1 });
  if (text === undefined || text === "general" || text === "example") return text ?? "general";
  r.report("INVALID_VALUE", `a sheet's role is ‘general’ (a formula for any model it fits) or ‘example’ (one document's worked example), not ‘${text}’`, r.span(field!.value));
  return "general";
}

function readDeclared(r: YamlReader, field: Field | undefined, where: string): Declared {
  const text = r.text(field, `the expected outcome of ${where}`, field?.keySpan ?? { start: 0, end: 1 });
  if (text === undefined || text === "holds" || text === "fails") return text ?? "holds";
  r.report("INVALID_VALUE", `the expected outcome of ${where} must be ‘holds’ or ‘fails’, not ‘${text}’`, r.span(field!.value));
  return "holds";
}

function readAssignments(r: YamlReader, field: Field | undefined, what: string, constant = true): Map<string, Written> {
  const out = new Map<string, Written>();
  for (const e of r.mapEntries(field, what)) {
    const w = r.written(e, `the value of ‘${e.key}’ in ${what}`, { constant });
    if (w) out.set(e.key, { ...w, span: e.keySpan });
  }
  return out;
}

function readChecks(r: YamlReader, field: Field | undefined): IdentityCheck[] {
  if (!field) return [];
  const seq = r.seq(field.value, "checks", field.keySpan);
  if (!seq) return [];
  const out: IdentityCheck[] = [];
  for (const item of seq.items) {
    const m = r.map(item as Scalar, "a check", r.span(seq));
    if (!m) continue;
    const f = r.fields(m, CHECK_FIELDS, "a check");
    const span = r.span(m);
    const name = r.text(f.get("name"), "the name of a check", span);
    if (name === undefined) {
      if (!f.has("name")) r.report("MISSING_FIELD", "a check needs a name", span);
      continue;
    }
    const where = `check ‘${name}’`;
    const identity = f.get("identity");
    if (!identity) {
      r.report("MISSING_FIELD", `${where} has no identity (write identity: lhs == rhs)`, span);
      continue;
    }
    const sides = readIdentity(r, identity, where);
    if (!sides) continue;
    out.push({
      name,
      lhs: sides[0],
      rhs: sides[1],
      // A given value may be an expression over the inputs (d_attn: d_model), substituted simultaneously.
      given: readAssignments(r, f.get("given"), `the given values of ${where}`, false),
      expected: readDeclared(r, f.get("expected"), where),
      source: r.text(f.get("source"), `the source of ${where}`, span),
      note: r.text(f.get("note") ?? f.get("description"), `the note of ${where}`, span),
      span: r.span(f.get("name")!.value),
    });
  }
  return out;
}

function readIdentity(r: YamlReader, field: Field, where: string): [Written, Written] | undefined {
  const text = r.text(field, `the identity of ${where}`, field.keySpan);
  if (text === undefined) return undefined;
  const node = field.value as Scalar;
  const at = text.indexOf("==");
  if (at === -1 || text.indexOf("==", at + 2) !== -1) {
    r.report("INVALID_VALUE", `the identity of ${where} must be written lhs == rhs, with one ‘==’`, r.span(node));
    return undefined;
  }
  const lhs = r.parseScalar(node, text.slice(0, at), `the left side of ${where}`, false);
  const rhs = r.parseScalar(node, text.slice(at + 2), `the right side of ${where}`, false, at + 2);
  return lhs && rhs ? [lhs, rhs] : undefined;
}

function readScenarios(r: YamlReader, field: Field | undefined, options: ReadOptions): Scenario[] {
  const out: Scenario[] = [];
  for (const e of r.mapEntries(field, "scenarios")) {
    const where = `scenario ‘${e.key}’`;
    const m = r.map(e.value, where, e.keySpan);
    if (!m) continue;
    const f = r.fields(m, SCENARIO_FIELDS, where);
    out.push({
      name: e.key,
      description: r.text(f.get("description"), `the description of ${where}`, e.keySpan),
      source: r.text(f.get("source"), `the source of ${where}`, e.keySpan),
      presets: readPresetNames(r, f, where, options),
      set: readAssignments(r, f.get("set"), `the set values of ${where}`),
      expect: readExpectations(r, f.get("expect"), where),
      span: e.keySpan,
    });
  }
  return out;
}

function readPresetNames(r: YamlReader, f: Map<string, Field>, where: string, options: ReadOptions): Preset[] {
  const out: Preset[] = [];
  for (const kind of ["model", "hardware"] as const) {
    const field = f.get(kind);
    const id = r.text(field, `the ${kind} of ${where}`, field?.keySpan ?? { start: 0, end: 1 });
    if (id === undefined) continue;
    const at = r.span(field!.value);
    const preset = resolvedAt(r, at, () => options.resolvePreset?.(id, r.file.name));
    if (preset) out.push(preset);
    else if (preset === undefined) r.report("NOT_FOUND", `no ${kind} preset ‘${id}’ (flopsheet models lists them)`, at);
  }
  return out;
}

function readExpectations(r: YamlReader, field: Field | undefined, scenario: string): Expectation[] {
  const out: Expectation[] = [];
  for (const e of r.mapEntries(field, `the expectations of ${scenario}`)) {
    const where = `the expectation for ‘${e.key}’ in ${scenario}`;
    // The key is itself an expression: a formula's name, or something like `d_model²`.
    const target = r.parseScalar(keyScalar(e), e.key, `the target of ${where}`, false);
    if (isScalar(e.value)) {
      const value = r.written(e, where, { constant: true });
      if (target && value) out.push({ target, value, expected: "holds", span: e.keySpan });
      continue;
    }
    const m = r.map(e.value, where, e.keySpan);
    if (!m) continue;
    const f = r.fields(m, EXPECT_FIELDS, where);
    if (!f.has("value")) {
      r.report("MISSING_FIELD", `${where} has no value`, e.keySpan);
      continue;
    }
    const value = r.written(f.get("value"), `the value of ${where}`, { constant: true });
    const digits = readDigits(r, f.get("digits"), where);
    const rel = r.written(f.get("rel"), `the tolerance of ${where}`, { constant: true });
    if (digits !== undefined && rel !== undefined) {
      r.report("INVALID_VALUE", `${where} gives both digits and rel; give one`, e.keySpan);
    }
    if (!target || !value) continue;
    out.push({
      target,
      value,
      digits,
      rel,
      expected: readDeclared(r, f.get("expected"), where),
      source: r.text(f.get("source"), `the source of ${where}`, e.keySpan),
      note: r.text(f.get("note"), `the note of ${where}`, e.keySpan),
      span: e.keySpan,
    });
  }
  return out;
}

/** A map key as a scalar node, so the key text can be parsed with positions. */
function keyScalar(e: Field): Scalar {
  return { value: e.key, range: [e.keySpan.start, e.keySpan.end, e.keySpan.end] } as unknown as Scalar;
}

function readDigits(r: YamlReader, field: Field | undefined, where: string): number | undefined {
  const text = r.text(field, `the digits of ${where}`, field?.keySpan ?? { start: 0, end: 1 });
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 30) {
    r.report("INVALID_VALUE", `the digits of ${where} must be a whole number from 1 to 30, not ‘${text}’`, r.span(field!.value));
    return undefined;
  }
  return n;
}

type Parts = Omit<Sheet, "evaluationOrder" | "uses">;

/** Name-level checks across the whole sheet; adds the dependency order. */
function crossCheck(r: YamlReader, s: Parts, unreadable: ReadonlySet<string>): Sheet {
  const inputNames = new Set(s.inputs.map((i) => i.name));
  const formulaNames = new Set(s.formulas.map((f) => f.name));
  const all = [...inputNames, ...formulaNames];

  // Names a reader cannot tell apart (N and Greek Ν, NFC and NFD spellings) are refused: the
  // second one is most likely a mistake, and a report would show two symbols as one.
  const bySkeleton = new Map<string, string>();
  for (const item of [...s.inputs, ...s.formulas, ...s.scenarios]) {
    const key = skeleton(item.name);
    const seen = bySkeleton.get(key);
    if (seen !== undefined && seen !== item.name) {
      const file = "file" in item ? item.file : r.file;
      r.issues.push(file.issue("DUPLICATE_NAME", `‘${item.name}’ looks the same as ‘${seen}’ but is spelt with other characters; rename one of them`, item.span));
    } else bySkeleton.set(key, item.name);
  }

  for (const formula of s.formulas) {
    if (inputNames.has(formula.name)) {
      r.issues.push(formula.file.issue("INPUT_AND_FORMULA", `‘${formula.name}’ is both an input and a formula; rename one of them`, formula.span));
    }
  }

  const unknown = (w: Written, what: string) => {
    for (const [name, span] of symbolsOf(w.expr)) {
      if (inputNames.has(name) || formulaNames.has(name) || unreadable.has(name)) continue;
      const guess = didYouMean(name, all);
      r.issues.push(
        w.file.issue("UNKNOWN_IDENTIFIER", `unknown name ‘${name}’ in ${what}${guess ? `; did you mean ‘${guess}’?` : "; declare it under inputs or formulas"}`, span),
      );
    }
  };
  const settable = (names: ReadonlyMap<string, Written>, what: string) => {
    for (const [name, w] of names) {
      if (inputNames.has(name)) continue;
      const message = formulaNames.has(name)
        ? `‘${name}’ is a formula, not an input; ${what} can only set inputs`
        : `unknown input ‘${name}’ in ${what}${(() => {
            const g = didYouMean(name, inputNames);
            return g ? `; did you mean ‘${g}’?` : "";
          })()}`;
      r.issues.push(w.file.issue(formulaNames.has(name) ? "INVALID_VALUE" : "UNKNOWN_IDENTIFIER", message, w.span));
    }
  };

  const uses = new Map<string, string[]>();
  for (const formula of s.formulas) {
    unknown(formula.definition, `formula ‘${formula.name}’`);
    uses.set(formula.name, [...symbolsOf(formula.definition.expr).keys()].filter((n) => inputNames.has(n) || formulaNames.has(n)));
  }
  for (const c of s.checks) {
    unknown(c.lhs, `check ‘${c.name}’`);
    unknown(c.rhs, `check ‘${c.name}’`);
    settable(c.given, `the given values of check ‘${c.name}’`);
    for (const [, w] of c.given) unknown(w, `the given values of check ‘${c.name}’`);
  }
  const checkNames = new Set<string>();
  for (const c of s.checks) {
    if (checkNames.has(c.name)) r.report("DUPLICATE_NAME", `two checks are named ‘${c.name}’`, c.span);
    checkNames.add(c.name);
  }
  for (const sc of s.scenarios) {
    settable(sc.set, `scenario ‘${sc.name}’`);
    for (const e of sc.expect) unknown(e.target, `the expectations of scenario ‘${sc.name}’`);
  }

  const { order, cycles } = orderByDependencies(
    s.formulas.map((f) => f.name),
    new Map([...uses].map(([k, v]) => [k, v.filter((n) => formulaNames.has(n))])),
  );
  for (const cycle of cycles) {
    const first = s.formulas.find((f) => f.name === cycle[0])!;
    r.issues.push(first.file.issue("CYCLE", `formulas depend on each other in a cycle: ${cycle.join(" → ")}`, first.span));
  }
  return { ...s, evaluationOrder: order, uses };
}
