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
import { evaluateTree } from "../evaluate/evaluate-tree.js";


function isFeatureDefault(iv: InputValue, vocabulary: Vocabulary): boolean {
  const bind = iv.input.bind?.expr;
  if (bind?.kind !== "symbol") return false;
  const term = vocabulary.terms.get(bind.name);
  // A feature's quantity (experts routed to, a window) that the model does not give: it has none.
  if (term?.mattersWith !== undefined && term.assumed === undefined) return true;
  const assumed = term?.assumed;
  if (!assumed || !iv.input.default) return false;
  try {
    const q = evaluateTree(assumed.expr, () => {
      throw new Error("not a constant");
    }).q;
    return q.equals(constantValue(iv.input.default, "a default"));
  } catch {
    return false;
  }
}

/** The defaults a derivation rests on, its own and those of the sheets it took values from. */
export function assumptionsOf(d: Derivation, vocabulary: Vocabulary): Assumption[] {
  const conventionInputs = new Set(d.steps.flatMap((s) => [...(s.formula.conventions ?? [])].flatMap(([, c]) => (c.kind === "input" ? [c.input] : []))));
  const own = d.inputs
    .filter((iv) => iv.origin === "default" && !conventionInputs.has(iv.input.name) && !isFeatureDefault(iv, vocabulary))
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
