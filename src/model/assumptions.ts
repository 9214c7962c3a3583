/**
 * What a value rests on that neither the model nor the user said: an input that took its
 * default (llama-2023's context of 1,024, Megatron's 140 TFLOP/s measured on A100s). Shown beside
 * the answer in every output. A default that only says a model lacks a feature (no experts, no
 * biases) is left to the fit check, which compares it with what the model says; an input that
 * sets a counting convention is shown as the convention.
 */
import type { Derivation } from "../evaluate/derive.js";
import type { Assumption, InputValue } from "../evaluate/inputs.js";

export type { Assumption };
import type { Vocabulary } from "../sheet/vocabulary.js";
import { constantValue } from "../evaluate/inputs.js";
import { symbolsOf } from "../syntax/tree.js";
import { inputsUsed } from "../evaluate/derive.js";
import { closure } from "../algebra/sheet-forms.js";
import type { Formula, Sheet } from "../sheet/model.js";


function isFeatureDefault(iv: Pick<InputValue, "input">, vocabulary: Vocabulary): boolean {
  const bind = iv.input.bind?.expr;
  if (bind?.kind !== "symbol") return false;
  const term = vocabulary.terms.get(bind.name);
  // A feature's quantity (experts routed to, a window) that the model does not give: it has none.
  if (term?.mattersWith !== undefined && term.assumed === undefined) return true;
  const assumed = term?.assumed;
  // An assumption over other quantities (d_model / n_heads) is no constant a default could equal.
  if (!assumed || !iv.input.default || symbolsOf(assumed.expr).size > 0) return false;
  return constantValue(assumed, "an assumption").equals(constantValue(iv.input.default, "a default"));
}

/** The inputs that set a counting convention for these formulas (decoder's c): shown as the convention. */
function conventionInputs(formulas: readonly Formula[]): Set<string> {
  return new Set(formulas.flatMap((f) => [...(f.conventions ?? [])].flatMap(([, c]) => (c.kind === "input" ? [c.input] : []))));
}

/**
 * Whether a formula would rest on a default that is an assumption, whatever the model says:
 * Megatron's eq. 4 on its 140 TFLOP/s, where training-budget asks for the MFU. Known before
 * deriving, so that a sheet that asks can be preferred to one that assumes.
 */
export function restsOnDefaults(sheet: Sheet, formula: Formula, vocabulary: Vocabulary): boolean {
  const used = new Set(inputsUsed(sheet, [formula.definition.expr]));
  const steps = closure(sheet, [formula.name]);
  const conventional = conventionInputs(sheet.formulas.filter((f) => steps.has(f.name)));
  return sheet.inputs.some((input) => used.has(input.name) && input.default !== undefined && !conventional.has(input.name) && !isFeatureDefault({ input }, vocabulary));
}

/** The defaults a derivation rests on, its own and those of the sheets it took values from. */
export function assumptionsOf(d: Pick<Derivation, "sheet" | "inputs" | "steps">, vocabulary: Vocabulary): Assumption[] {
  const conventional = conventionInputs(d.steps.map((s) => s.formula));
  const own = d.inputs
    .filter((iv) => iv.origin === "default" && !conventional.has(iv.input.name) && !isFeatureDefault(iv, vocabulary))
    .map((iv): Assumption => {
      const bind = iv.input.bind?.expr;
      return {
        sheet: d.sheet.id,
        input: iv.input.name,
        ...(bind?.kind === "symbol" ? { quantity: bind.name } : {}),
        value: iv.text,
        ...(iv.input.description ? { description: iv.input.description } : {}),
        ...(iv.input.source ? { source: iv.input.source } : {}),
      };
    });
  const chained = d.inputs.flatMap((iv) => iv.chained?.assumptions ?? []);
  return [...own, ...chained];
}
