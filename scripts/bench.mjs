// npm run bench: flopsheet's speed beside a baseline measured in the same run, as ratios.
//   1. Start-up: the main job (npm start's command, without the build) and a cold `flopsheet check`
//      of every shipped sheet, against a bare `node -e 0`; loading mathjs is shown for scale.
//   2. Canonical forms: expanding the papers' formulas, against mathjs' rationalize on the same text.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = 15;

/** Wall-clock times of `node ARGS`, interleaved with the others so that load on the machine hits all alike. */
function timeCommands(commands) {
  const times = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    commands.forEach(({ args }, k) => {
      const t = performance.now();
      const r = spawnSync(process.execPath, args, { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
      times[k].push(performance.now() - t);
    });
  }
  return commands.map((c, k) => ({ ...c, ms: median(times[k]) }));
}

const startup = timeCommands([
  { label: "node -e 0", args: ["-e", "0"] },
  { label: "flopsheet derive (the main job)", args: ["dist/cli/main.js", "derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2"], target: 2 },
  { label: "flopsheet check (every sheet)", args: ["dist/cli/main.js", "check"], target: 3 },
  { label: "node -e \"require('mathjs')\"", args: ["-e", "require('mathjs')"] },
]);
const bare = startup[0].ms;
console.log(`Start-up (median of ${RUNS} interleaved runs, wall clock)`);
console.log(`  ${"command".padEnd(36)} ${"time".padStart(8)}   ratio   target`);
for (const c of startup) {
  const ratio = c.ms / bare;
  const verdict = c.target === undefined ? "" : `≤ ${c.target}×  ${ratio <= c.target ? "met" : "MISSED"}`;
  console.log(`  ${c.label.padEnd(36)} ${c.ms.toFixed(0).padStart(5)} ms   ${ratio.toFixed(2).padStart(5)}×   ${verdict}`);
}

// parseAll, not parseFormula: the shipped formulas' parses are memoised at build time, and this
// measures the parser itself.
const { parseAll } = await import("../dist/syntax/parse.js");
const parseFormula = (text) => parseAll(text)[0];
const { Algebra } = await import("../dist/algebra/canonical.js");
const { canonicalOf } = await import("../dist/algebra/from-tree.js");
const math = require("mathjs");

const formulas = [
  ["2 * d^2 + (n * d^2)", "2 × d² + (n × d²)"],
  ["96*B*s*l*h^2*(1 + s/(6*h) + V/(16*l*h))", "96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h))"],
  ["12*l*h^2*(1 + 13/(12*h) + (V + s)/(12*l*h))", "12·l·h²·(1 + 13/(12h) + (V + s)/(12·l·h))"],
  ["96 * 1e12 * (7 * d^2 * 3)", "96 × 1e12 × (7 × d^2 × 3)"],
];

function timeLoop(f, ms = 400) {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    f();
    n++;
  }
  return (performance.now() - start) / n;
}

console.log("\nCanonical form of one formula from text (mean per call)");
console.log("  formula                                        mathjs rationalize   flopsheet   ratio");
for (const [mjs, ours] of formulas) {
  const theirs = timeLoop(() => math.rationalize(mjs));
  // A fresh algebra per formula, as each sheet has its own (its work budget is per algebra).
  const mine = timeLoop(() => {
    const A = new Algebra([]);
    canonicalOf(parseFormula(ours), A, (n) => A.variable(n));
  });
  console.log(`  ${ours.padEnd(46)} ${(theirs * 1000).toFixed(0).padStart(10)} µs ${(mine * 1000).toFixed(0).padStart(10)} µs   ${(mine / theirs).toFixed(2)}×`);
}

// Powers of sums: mathjs' rationalize took 203 s on (a + b + c)^3 when this was written, so it
// runs in a child process with a time limit instead of in the loop.
for (const text of ["(a + b + c)^3", "(a + b + c)^6"]) {
  const t = performance.now();
  const child = spawnSync(process.execPath, ["-e", `require('mathjs').rationalize('${text}')`], { timeout: 10_000 });
  const theirs = child.status === 0 ? `${((performance.now() - t) * 1000).toFixed(0).padStart(10)} µs` : "     > 10 s   ";
  const mine = timeLoop(() => {
    const A = new Algebra([]);
    canonicalOf(parseFormula(text), A, (n) => A.variable(n));
  });
  console.log(`  ${text.padEnd(46)} ${theirs} ${(mine * 1000).toFixed(0).padStart(10)} µs`);
}

// Growth with size: each size doubles the last, so linear time doubles too (quadratic would quadruple).
const { loadSheet, canonicalForm, derive } = await import("../dist/index.js");
const chain = (n) => ["inputs:", "  x: a value", "formulas:", "  f_0: x", ...Array.from({ length: n }, (_, i) => `  f_${i + 1}: f_${i} + x`)].join("\n") + "\n";
const bigSheet = (n) => "inputs:\n" + Array.from({ length: n }, (_, i) => `  x${i}: an input with a description of some length, ${i}`).join("\n") + "\nformulas:\n  f: x0 + x1\n";
const time = (f) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
console.log("\nScale (each row doubles the size of the one above)");
for (const n of [2_500, 5_000, 10_000]) {
  let sheet;
  const load = time(() => (sheet = loadSheet(chain(n), { path: "chain.yaml" })));
  const canonical = time(() => canonicalForm(sheet, `f_${n}`));
  const value = time(() => derive(sheet, `f_${n}`, { set: [{ name: "x", text: "3" }], symbolic: false }));
  console.log(`  a chain of ${String(n).padStart(6)} formulas: load ${load.toFixed(0).padStart(5)} ms, canonical form ${canonical.toFixed(0).padStart(4)} ms, value ${value.toFixed(0).padStart(4)} ms`);
}
for (const n of [50_000, 100_000, 200_000]) {
  const text = bigSheet(n);
  console.log(`  a sheet of ${(text.length / 1e6).toFixed(1).padStart(4)} MB: load ${time(() => loadSheet(text, { path: "big.yaml" })).toFixed(0).padStart(5)} ms`);
}
