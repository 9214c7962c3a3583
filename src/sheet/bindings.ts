/**
 * A sheet's bindings checked against the vocabulary: an input binds an expression over
 * vocabulary names, a formula binds one vocabulary name (the quantity it computes).
 */
import { memo } from "../core/memo.js";
import { didYouMean, type Issue } from "../core/errors.js";
import { symbolsOf } from "../syntax/tree.js";
import type { Sheet } from "./model.js";
import type { Vocabulary } from "./vocabulary.js";

export function bindingIssues(sheet: Sheet, vocabulary: Vocabulary): Issue[] {
  const issues: Issue[] = [];
  const names = [...vocabulary.terms.keys()];
  const unknown = (name: string, span: { start: number; end: number }, file: Sheet["file"], what: string) => {
    const guess = didYouMean(name, names);
    issues.push(file.issue("UNKNOWN_IDENTIFIER", `‘${name}’ in ${what} is not in the vocabulary${guess ? `; did you mean ‘${guess}’?` : " (flopsheet vocabulary lists it)"}`, span));
  };
  for (const input of sheet.inputs) {
    if (input.otherwise && !input.bind) issues.push(input.otherwise.file.issue("MISSING_FIELD", `input ‘${input.name}’ has otherwise: but no bind: to try first`, input.otherwise.span));
    for (const w of [input.bind, input.otherwise]) {
      if (!w) continue;
      for (const [name, span] of symbolsOf(w.expr)) if (!vocabulary.terms.has(name)) unknown(name, span, w.file, `the binding of input ‘${input.name}’`);
    }
  }
  // What a sheet assumes is about vocabulary quantities, written over vocabulary quantities.
  for (const [name, w] of sheet.assumes ?? []) {
    if (!vocabulary.terms.has(name)) unknown(name, w.span, w.file, "what the sheet assumes");
    for (const [n, span] of symbolsOf(w.expr)) if (!vocabulary.terms.has(n)) unknown(n, span, w.file, `what the sheet assumes of ‘${name}’`);
  }
  for (const formula of sheet.formulas) {
    if (!formula.bind) continue;
    const e = formula.bind.expr;
    if (e.kind !== "symbol") {
      issues.push(formula.bind.file.issue("INVALID_VALUE", `formula ‘${formula.name}’ binds one vocabulary name, the quantity it computes`, formula.bind.span));
    } else if (!vocabulary.terms.has(e.name)) {
      unknown(e.name, e.span, formula.bind.file, `the binding of formula ‘${formula.name}’`);
    }
  }
  return issues;
}

// Inputs and sheets are immutable once loaded: what they read and bind is worked out once each
// (an estimate asks every sheet about every vocabulary name, thousands of times).
const readByInput = memo<Sheet["inputs"][number], readonly string[]>({ lasting: true });
const boundBySheet = memo<Sheet, ReadonlySet<string>>({ lasting: true });

/** The vocabulary names an input reads: those its `bind:` names, then those its `otherwise:` falls back to. */
export function namesRead(input: Sheet["inputs"][number]): readonly string[] {
  return readByInput.of(input, () => [input.bind, input.otherwise].flatMap((w) => (w ? [...symbolsOf(w.expr).keys()] : [])));
}

/** Whether a sheet binds a vocabulary name, through an input's binding or a formula's. */
export function bindsName(sheet: Sheet, name: string): boolean {
  const bound = boundBySheet.of(sheet, () => new Set([...sheet.inputs.flatMap((i) => namesRead(i)), ...sheet.formulas.flatMap((f) => boundName(f) ?? [])]));
  return bound.has(name);
}

/** The vocabulary name a formula computes, if it binds one. */
export function boundName(formula: Sheet["formulas"][number]): string | undefined {
  return formula.bind?.expr.kind === "symbol" ? formula.bind.expr.name : undefined;
}
