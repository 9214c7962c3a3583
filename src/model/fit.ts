/**
 * Whether a sheet describes a model: what each sheet silently assumes about a quantity it does not
 * bind (the vocabulary's `assumed:`, e.g. one key-value head per query head), set against the
 * model's own value, and which of the model's architecture values the sheet never reads. A number
 * from formulas that do not describe the model must never be silent.
 */
import { FlopsheetError } from "../core/errors.js";
import { constantValue } from "../evaluate/inputs.js";
import { evaluateTree } from "../evaluate/evaluate-tree.js";
import { bindsName, boundName } from "../sheet/bindings.js";
import { inputsUsed } from "../evaluate/derive.js";
import { closure } from "../algebra/sheet-forms.js";
import { symbolsOf } from "../syntax/tree.js";
import type { Sheet } from "../sheet/model.js";
import type { Preset } from "../sheet/preset.js";
import type { Vocabulary } from "../sheet/vocabulary.js";
import { loadShipped, shippedSheetIds, shippedVocabulary } from "./shipped.js";
import { formatExact } from "../render/numbers.js";

export interface FitWarning {
  /** The vocabulary quantity the model and the sheet disagree on. */
  readonly quantity: string;
  readonly message: string;
  /** Shipped sheets that do model the quantity. */
  readonly modelledBy: readonly string[];
}

// Features that change what a model computes: a sheet that does not read one does not describe a
// model that has it. (A sheet may well leave the plain shape unread: GPT-3's 6N reads only N.)
const FEATURE_GROUPS = new Set(["mixture_of_experts", "attention"]);

/**
 * The vocabulary names that a sheet's formulas `targets` (all of them when omitted) read or
 * compute: an assumption matters to a target only when it reads what the assumption is about.
 */
function namesRead(sheet: Sheet, targets: readonly string[] | undefined): (name: string) => boolean {
  if (targets === undefined) return (name) => bindsName(sheet, name);
  const formulas = sheet.formulas.filter((f) => targets.includes(f.name));
  const used = new Set(inputsUsed(sheet, formulas.map((f) => f.definition.expr)));
  const names = new Set<string>();
  for (const input of sheet.inputs) {
    if (!used.has(input.name)) continue;
    for (const w of [input.bind, input.otherwise]) if (w) for (const n of symbolsOf(w.expr).keys()) names.add(n);
  }
  const computed = closure(sheet, targets);
  for (const f of sheet.formulas) if (computed.has(f.name) && boundName(f)) names.add(boundName(f)!);
  return (name) => names.has(name);
}

/**
 * What the sheet takes a quantity the model does not give to be: the default of the input bound
 * to it (Megatron's s = 2048), which is what the sheet's numbers then use.
 */
function sheetDefault(sheet: Sheet, name: string): { q: ReturnType<typeof constantValue> } | undefined {
  const input = sheet.inputs.find((i) => i.bind?.expr.kind === "symbol" && i.bind.expr.name === name && i.default);
  return input?.default ? { q: constantValue(input.default, `the default of ‘${input.name}’`) } : undefined;
}

export interface FitOptions {
  /** Judge only what these formulas read (a KV cache does not depend on the feed-forward block). */
  readonly targets?: readonly string[];
  readonly vocabulary?: Vocabulary;
}

/**
 * @example fitWarnings(loadShipped("kaplan-2020"), [loadShippedPreset("llama-2-70b")])[0].message
 *   // "kaplan-2020 assumes n_kv_heads = n_heads (64), but llama-2-70b has 8"
 */
export function fitWarnings(sheet: Sheet, presets: readonly Preset[], options: FitOptions = {}): FitWarning[] {
  const vocabulary = options.vocabulary ?? shippedVocabulary();
  const reads = namesRead(sheet, options.targets);
  const values = new Map<string, { preset: string; text: string; q: ReturnType<typeof constantValue> }>();
  for (const p of presets) {
    for (const [name, v] of p.values) {
      try {
        values.set(name, { preset: p.id, text: v.written.text.trim(), q: constantValue(v.written, `the value of ‘${name}’`) });
      } catch (e) {
        if (!(e instanceof FlopsheetError)) throw e;
      }
    }
  }
  const modelledBy = (name: string) => shippedSheetIds().filter((id) => id !== sheet.id && bindsName(loadShipped(id), name));
  const out: FitWarning[] = [];
  for (const term of vocabulary.terms.values()) {
    const given = values.get(term.name);
    // A sheet that models the quantity anywhere takes it into account where it matters.
    if (!given || bindsName(sheet, term.name)) continue;
    const assumption = sheet.assumes?.get(term.name) ?? term.assumed;
    if (assumption) {
      if (term.mattersWith !== undefined && !reads(term.mattersWith)) continue;
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
      const text = assumption.text.trim();
      const shown = /^[\d.]+$/.test(text) ? text : `${text} (${formatExact(assumed)})`;
      out.push({ quantity: term.name, message: `${sheet.id} assumes ${term.name} = ${shown}, but ${given.preset} has ${given.text}`, modelledBy: modelledBy(term.name) });
    } else if (FEATURE_GROUPS.has(term.group)) {
      out.push({ quantity: term.name, message: `${given.preset} gives ${term.name} = ${given.text}, which ${sheet.id} does not read`, modelledBy: modelledBy(term.name) });
    }
  }
  // A config's keys that nothing reads may change what the model is: said, never dropped.
  for (const p of presets) {
    for (const key of p.unread ?? []) out.push({ quantity: key, message: `${p.id}: the config's ${key} is not read, so what it adds is not counted`, modelledBy: [] });
  }
  return out;
}
