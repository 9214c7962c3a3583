// A program compiled for a sweep (one function for every formula a target needs) gives the value
// the exact derivation gives, for every formula of every shipped sheet at each of its scenarios.
import { describe, expect, test } from "vitest";
import { compileProgram, derive, FlopsheetError, shippedSheetIds } from "../../src/index.js";
import { shipped } from "../helpers/sheets.js";

describe("a compiled program agrees with the exact derivation", () => {
  test.each(shippedSheetIds())("%s: every formula at every scenario", (id) => {
    const sheet = shipped(id);
    let compared = 0;
    for (const scenario of sheet.scenarios) {
      for (const f of sheet.formulas) {
        let d;
        try {
          d = derive(sheet, f.name, { scenario: scenario.name, symbolic: false });
        } catch (e) {
          if (e instanceof FlopsheetError) continue; // the scenario does not give what it needs
          throw e;
        }
        // A scenario may set a value the sheet otherwise derives: the derivation's own sheet pins it.
        const program = compileProgram(d.sheet, [f.name]);
        const x = new Float64Array(program.size);
        for (const iv of d.inputs) x[program.slots.get(iv.input.name)!] = iv.value.q.toNumber();
        // An input the value does not depend on here (a batch that cancels in a ratio) may be anything but 0.
        for (const i of d.unneeded) x[program.slots.get(i.name)!] = 3;
        program.run(x);
        const exact = d.value.q.toNumber();
        const got = x[program.slots.get(f.name)!]!;
        if (exact === 0) expect(Math.abs(got)).toBeLessThan(1e-300);
        else expect(Math.abs(got / exact - 1), `${id} ${scenario.name} ${f.name}: ${got} vs ${exact}`).toBeLessThan(1e-12);
        compared++;
      }
    }
    if (sheet.scenarios.length > 0) expect(compared).toBeGreaterThan(0);
  });

  test("it is one function where the host allows it", () => {
    expect(compileProgram(shipped("chinchilla-2022"), ["training_flops"]).run.name).toBe("program");
  });
});
