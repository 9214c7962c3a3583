/**
 * Whether a sheet describes a model: what each sheet silently assumes about a quantity it does not
 * bind (the vocabulary's `assumed:`, e.g. one key-value head per query head), set against the
 * model's own value; which of the model's features the sheet never reads; and which of a config's
 * keys nothing reads. A number from formulas that do not describe the model must never be silent.
 * Warnings are data (a code and its values); renderers word them (render/fit.ts).
 */
import { keyedMemo, listMemo, memo } from "../core/memo.js";
import { FlopsheetError } from "../core/errors.js";
import { constantValue } from "../evaluate/inputs.js";
import { evaluateTree } from "../evaluate/evaluate-tree.js";
import { bindsName, boundName, namesRead as inputReads } from "../sheet/bindings.js";
import { inputsUsed } from "../evaluate/derive.js";
import { closure } from "../algebra/sheet-forms.js";
import type { Sheet } from "../sheet/model.js";
import type { Term } from "../sheet/vocabulary.js";
import type { Preset } from "../sheet/preset.js";
import type { Rational } from "../core/rational.js";
import { sheetsBinding, type Catalogue } from "./catalogue.js";

interface WarningBase {
  /** The vocabulary quantity (or config key) the warning is about. */
  readonly quantity: string;
  /** The sheets of the catalogue that do model the quantity. */
  readonly modelledBy: readonly string[];
  /** For a value taken from another sheet: the quantity it gave (`training_flops`). */
  readonly via?: string;
}

export type FitWarning =
  /** The sheet takes `quantity` to be `assumed` (its value `assumedValue`), but the model says `given`. */
  | (WarningBase & { readonly code: "ASSUMES"; readonly sheet: string; readonly assumed: string; readonly assumedValue: Rational; readonly preset: string; readonly given: string })
  /** The model has a feature (`quantity` = `given`) that the sheet's formulas never read. */
  | (WarningBase & { readonly code: "NOT_READ"; readonly sheet: string; readonly preset: string; readonly given: string })
  /** A config key nothing reads, which may change what is counted (`affects`: the quantities, when known). */
  | (WarningBase & { readonly code: "UNREAD_KEY"; readonly preset: string; readonly key: string; readonly note?: string });

/**
 * The vocabulary names that a sheet's formulas `targets` (all of them when omitted) read or
 * compute: an assumption matters to a target only when it reads what the assumption is about.
 */
function namesRead(sheet: Sheet, targets: readonly string[] | undefined): (name: string) => boolean {
  if (targets === undefined) return (name) => bindsName(sheet, name);
  const names = namesReadBySheet.of(sheet, targets.join("\u0000"), () => namesReadBy(sheet, targets));
  return (name) => names.has(name);
}

// An estimate judges the same sheet for the same targets against several presets and quantities.
const namesReadBySheet = keyedMemo<Sheet, string, ReadonlySet<string>>();

function namesReadBy(sheet: Sheet, targets: readonly string[]): ReadonlySet<string> {
  const formulas = sheet.formulas.filter((f) => targets.includes(f.name));
  const used = new Set(inputsUsed(sheet, formulas.map((f) => f.definition.expr)));
  const names = new Set<string>();
  for (const input of sheet.inputs) {
    if (!used.has(input.name)) continue;
    for (const n of inputReads(input)) names.add(n);
  }
  const computed = closure(sheet, targets);
  for (const f of sheet.formulas) if (computed.has(f.name) && boundName(f)) names.add(boundName(f)!);
  return names;
}

/**
 * What the sheet takes a quantity the model does not give to be: the default of the input bound
 * to it (Megatron's s = 2048), which is what the sheet's numbers then use.
 */
function sheetDefault(sheet: Sheet, name: string): { q: Rational } | undefined {
  const input = sheet.inputs.find((i) => i.bind?.expr.kind === "symbol" && i.bind.expr.name === name && i.default);
  return input?.default ? { q: constantValue(input.default, `the default of ‘${input.name}’`) } : undefined;
}

export interface FitOptions {
  /** Judge only what these formulas read (a KV cache does not depend on the feed-forward block). */
  readonly targets?: readonly string[];
}

// The quantities a target of the sheet computes: a config key known to change only some quantities
// marks only those.
function quantitiesOf(sheet: Sheet, targets: readonly string[] | undefined): Set<string> {
  const computed = closure(sheet, targets ?? sheet.formulas.map((f) => f.name));
  return new Set(sheet.formulas.filter((f) => computed.has(f.name) && boundName(f)).map((f) => boundName(f)!));
}

type GivenValue = { readonly preset: string; readonly text: string; readonly q: Rational };

// A preset's values as numbers, read once: an estimate judges every sheet against the same
// presets hundreds of times. Keyed by the values' map, which copies of a preset share.
const givenByValues = memo<Preset["values"], Map<string, GivenValue>>();

// The sheets of a catalogue that bind a quantity: each warning names them, and an estimate says hundreds.
const modellingBy = keyedMemo<Catalogue, string, readonly string[]>();
const modelling = (catalogue: Catalogue, name: string) => modellingBy.of(catalogue, name, () => sheetsBinding(catalogue, (sheet) => bindsName(sheet, name)));

// The presets' values together, later ones winning: the same list is judged against every sheet.
const givenByPresets = listMemo<Preset, Map<string, GivenValue>>();

function givenValues(p: Preset): Map<string, GivenValue> {
  return givenByValues.of(p.values, () => {
    const out = new Map<string, GivenValue>();
    for (const [name, v] of p.values) {
      try {
        out.set(name, { preset: p.id, text: v.written.text.trim(), q: constantValue(v.written, `the value of ‘${name}’`) });
      } catch (e) {
        if (!(e instanceof FlopsheetError)) throw e;
      }
    }
    return out;
  });
}

/** What a sheet's targets can be warned about, whatever the model: the same for every preset. */
interface Judged {
  readonly vocabulary: Catalogue["vocabulary"];
  /** The quantities the sheet neither binds nor ignores: those it assumes, or features it does not read. */
  readonly terms: readonly Term[];
  /** The quantities its targets compute (for the config keys known to change only some). */
  readonly computes: ReadonlySet<string>;
}

// An estimate judges each sheet, for each quantity, against the same model; the start-up snapshot
// keeps these for the shipped sheets, so a first estimate does not walk the vocabulary again.
const judgedBySheet = keyedMemo<Sheet, string, Judged>({ lasting: true });

function judged(catalogue: Catalogue, sheet: Sheet, targets: readonly string[] | undefined): Judged {
  const vocabulary = catalogue.vocabulary;
  const make = (): Judged => {
    const reads = namesRead(sheet, targets);
    const terms: Term[] = [];
    for (const term of vocabulary.terms.values()) {
      // A sheet that models the quantity anywhere takes it into account where it matters.
      if (bindsName(sheet, term.name)) continue;
      // What a formula does not read from the model's shape (zero-2020's memory reads params, which
      // another sheet derived) cannot be wrong about it: the sheet that derived it is judged there.
      if (term.mattersWith !== undefined && !reads(term.mattersWith)) continue;
      // Something it assumes, or a feature (experts, a window, latent attention) that changes what it counts.
      if (sheet.assumes?.has(term.name) || term.assumed || term.mattersWith !== undefined) terms.push(term);
    }
    return { vocabulary, terms, computes: quantitiesOf(sheet, targets) };
  };
  const key = targets === undefined ? "\u0001all" : targets.join("\u0000");
  const found = judgedBySheet.of(sheet, key, make);
  // A sheet read against another vocabulary (a test's own catalogue) is judged afresh.
  return found.vocabulary === vocabulary ? found : make();
}

/**
 * @example fitWarnings(catalogue, catalogue.sheet("kaplan-2020"), [llama2_70b])[0] // { code: "ASSUMES", quantity: "n_kv_heads", … }
 */
export function fitWarnings(catalogue: Catalogue, sheet: Sheet, presets: readonly Preset[], options: FitOptions = {}): FitWarning[] {
  const { terms, computes } = judged(catalogue, sheet, options.targets);
  const values = givenByPresets.of(presets, () => {
    const merged = new Map<string, GivenValue>();
    for (const p of presets) for (const [name, v] of givenValues(p)) merged.set(name, v);
    return merged;
  });
  const modelledBy = (name: string) => modelling(catalogue, name).filter((id) => id !== sheet.id);
  const out: FitWarning[] = [];
  for (const term of terms) {
    const given = values.get(term.name);
    if (!given) continue;
    const assumption = sheet.assumes?.get(term.name) ?? term.assumed;
    if (assumption) {
      let assumed;
      try {
        assumed = evaluateTree(assumption.expr, (n) => {
          const v = values.get(n) ?? sheetDefault(sheet, n);
          if (!v) throw new FlopsheetError({ code: "MISSING_INPUT", message: n });
          return { q: v.q, exact: true };
        }).q;
      } catch (e) {
        if (e instanceof FlopsheetError) continue; // the model does not say what the assumption needs
        throw e;
      }
      if (assumed.equals(given.q)) continue;
      out.push({ code: "ASSUMES", sheet: sheet.id, quantity: term.name, assumed: assumption.text.trim(), assumedValue: assumed, preset: given.preset, given: given.text, modelledBy: modelledBy(term.name) });
    } else {
      out.push({ code: "NOT_READ", sheet: sheet.id, quantity: term.name, preset: given.preset, given: given.text, modelledBy: modelledBy(term.name) });
    }
  }
  // A config's keys that nothing reads may change what the model is: said, never dropped; a key
  // known to change only some quantities marks only those.
  for (const p of presets) {
    for (const u of p.unread ?? []) {
      if (u.affects && !u.affects.some((q) => computes.has(q))) continue;
      out.push({ code: "UNREAD_KEY", quantity: u.key, preset: p.id, key: u.key, ...(u.note ? { note: u.note } : {}), modelledBy: [] });
    }
  }
  return out;
}
