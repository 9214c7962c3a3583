/**
 * The value-level half of loading a sheet: every constant evaluates, every range is ordered, and
 * every default, scenario value and given value lies in its input's range.
 */
import { collectIssues, type Issue } from "../core/errors.js";
import type { Sheet, Written } from "../sheet/model.js";
import { symbolsOf } from "../syntax/tree.js";
import { constantValue, rangeIssue } from "./inputs.js";

export function valueIssues(sheet: Sheet): Issue[] {
  const issues: Issue[] = [];
  const attempt = (f: () => void) => collectIssues(issues, f);
  const byName = new Map(sheet.inputs.map((i) => [i.name, i]));
  const inRange = (name: string, w: Written) =>
    attempt(() => {
      const input = byName.get(name);
      if (!input) return; // reported by the loader
      const q = constantValue(w, `the value of ‘${name}’`);
      const bad = rangeIssue(input, q, w);
      if (bad) issues.push(bad);
    });

  for (const input of sheet.inputs) {
    if (input.range) {
      attempt(() => {
        const [lo, hi] = input.range!.map((w) => constantValue(w, `the range of input ‘${input.name}’`));
        if (lo!.cmp(hi!) > 0) {
          issues.push(input.file.issue("INVALID_VALUE", `the range of input ‘${input.name}’ is empty: ${input.range![0].text} is above ${input.range![1].text}`, input.range![0].span));
        }
      });
    }
    if (input.default) inRange(input.name, input.default);
  }
  for (const scenario of sheet.scenarios) {
    for (const [name, w] of scenario.set) inRange(name, w);
    for (const e of scenario.expect) {
      attempt(() => void constantValue(e.value, `the value expected for ‘${e.target.text}’`));
      if (e.rel) attempt(() => void constantValue(e.rel!, `the tolerance for ‘${e.target.text}’`));
    }
  }
  for (const check of sheet.checks) {
    for (const [name, w] of check.given) if (symbolsOf(w.expr).size === 0) inRange(name, w);
  }
  return issues;
}
