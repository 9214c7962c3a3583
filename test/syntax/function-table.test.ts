// The function table is the one definition of every function: this walks it, entry by entry,
// and checks that its forms agree with one another and that nothing else in src names a function.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Rational } from "../../src/core/rational.js";
import { callLatex, callText, FUNCTIONS, functionSpec, type Calculus, type FunctionName } from "../../src/syntax/functions.js";

// A point inside every function's domain, with a second argument for the ones that take two.
const POINTS: Record<FunctionName, readonly number[]> = {
  sqrt: [2.25],
  log: [81, 3],
  ln: [7.5],
  log2: [12],
  log10: [250],
  exp: [1.75],
  min: [2.5, 4],
  max: [2.5, 4],
  ceil: [2.5],
  floor: [2.5],
  abs: [-2.5],
};

/** Numbers as the "algebra": d/dx where x is the first argument and the others are constants. */
function numeric(args: readonly number[], withPoint = true): Calculus<number> {
  return {
    constant: (q) => q.toNumber(),
    add: (a, b) => a + b,
    mul: (a, b) => a * b,
    div: (a, b) => a / b,
    call: (fn, xs) => functionSpec(fn).float(...xs),
    same: (a, b) => a === b,
    d: (i) => (i === 0 ? 1 : 0),
    ...(withPoint ? { at: (i: number) => args[i]! } : {}),
    none: (why) => {
      throw new Error(why);
    },
  };
}

const rational = (x: number) => (x < 0 ? Rational.parseDecimal(String(-x))!.neg() : Rational.parseDecimal(String(x))!);

describe("the function table", () => {
  it("has an entry for every function of the language, each with every form", () => {
    expect(FUNCTIONS.length).toBe(11);
    for (const name of FUNCTIONS) {
      const spec = functionSpec(name);
      expect(spec.name).toBe(name);
      expect(["pure", "root", "same", "alike"]).toContain(spec.dimension);
      expect(["power", "base-change", "natural", "lattice", "atom"]).toContain(spec.symbolic);
      expect(typeof spec.float).toBe("function");
      expect(typeof spec.derivative).toBe("function");
      expect(callLatex(name, ["x"])).toContain("x");
      expect(callText(name, ["x", "y"])).toBe(`${name}(x, y)`);
    }
  });

  it.each(FUNCTIONS)("%s: the float form agrees with the exact or 64-digit value", (name) => {
    const spec = functionSpec(name);
    const xs = POINTS[name];
    const qs = xs.map(rational);
    expect(spec.domain(qs)).toBeUndefined();
    const exact = spec.exact(qs) ?? spec.approximate!(qs);
    expect(spec.float(...xs)).toBeCloseTo(exact.toNumber(), 12);
  });

  it.each(FUNCTIONS)("%s: the derivative agrees with a central difference", (name) => {
    const spec = functionSpec(name);
    const xs = POINTS[name];
    const h = 1e-6;
    const f = (x: number) => spec.float(x, ...xs.slice(1));
    const slope = (f(xs[0]! + h) - f(xs[0]! - h)) / (2 * h);
    expect(spec.derivative(numeric(xs), xs)).toBeCloseTo(slope, 5);
  });

  it("refuses a derivative where the table says there is none", () => {
    const at = (name: FunctionName, xs: number[], withPoint = true) => () => functionSpec(name).derivative(numeric(xs, withPoint), xs);
    expect(at("abs", [0])).toThrow("abs has no derivative at 0");
    expect(at("sqrt", [0])).toThrow("√x has no derivative at 0");
    expect(at("floor", [2.5], false)).toThrow("floor has no derivative without a point");
    expect(at("min", [3, 4], false)).toThrow("min has no derivative without a point");
    // min(x, 3) at x = 3: the arguments tie and move apart (slopes 1 and 0).
    expect(at("min", [3, 3])).toThrow("tie at this point and move apart");
    for (const name of FUNCTIONS) {
      const spec = functionSpec(name);
      const refusesSomewhere = ["min", "max", "abs", "ceil", "floor", "sqrt"].includes(name);
      expect(spec.notDifferentiable !== undefined, name).toBe(refusesSomewhere);
    }
  });

  it("is the only place in src that names a function of the language in a switch or a test of fn", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith(".ts") && !path.endsWith(".generated.ts")) files.push(path);
      }
    };
    walk("src");
    const names = FUNCTIONS.join("|");
    const pattern = new RegExp(`case "(${names})"|fn === "(${names})"`);
    const offenders = files.filter((f) => !f.endsWith(join("syntax", "functions.ts")) && pattern.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
