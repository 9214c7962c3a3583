// npm run bench: flopsheet's speed beside a baseline measured in the same run, as ratios.
//   1. Start-up: the main job against a bare `node -e 0` and against loading mathjs.
//   2. Canonical forms: expanding the papers' formulas, against mathjs' rationalize on the same text.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeCommand(args, runs = 15) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    times.push(performance.now() - t);
  }
  return median(times);
}

const bare = timeCommand(["-e", "0"]);
const mathjsLoad = timeCommand(["-e", "require('mathjs')"]);
const mainJob = timeCommand(["dist/cli/main.js", "derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2"]);
const checkAll = timeCommand(["dist/cli/main.js", "check"]);

console.log("Start-up (median of 15 runs, wall clock)");
console.log(`  node -e 0                        ${bare.toFixed(0).padStart(5)} ms   1.00×`);
console.log(`  node -e "require('mathjs')"      ${mathjsLoad.toFixed(0).padStart(5)} ms   ${(mathjsLoad / bare).toFixed(2)}×`);
console.log(`  flopsheet derive (the main job)  ${mainJob.toFixed(0).padStart(5)} ms   ${(mainJob / bare).toFixed(2)}×`);
console.log(`  flopsheet check (every sheet)    ${checkAll.toFixed(0).padStart(5)} ms   ${(checkAll / bare).toFixed(2)}×`);

const { parseFormula } = await import("../dist/index.js");
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
  const A = new Algebra([]);
  const theirs = timeLoop(() => math.rationalize(mjs));
  const mine = timeLoop(() => canonicalOf(parseFormula(ours), A, (n) => A.variable(n)));
  console.log(`  ${ours.padEnd(46)} ${(theirs * 1000).toFixed(0).padStart(10)} µs ${(mine * 1000).toFixed(0).padStart(10)} µs   ${(mine / theirs).toFixed(2)}×`);
}

// Powers of sums: mathjs' rationalize took 203 s on (a + b + c)^3 when this was written, so it
// runs in a child process with a time limit instead of in the loop.
for (const text of ["(a + b + c)^3", "(a + b + c)^6"]) {
  const t = performance.now();
  const child = spawnSync(process.execPath, ["-e", `require('mathjs').rationalize('${text}')`], { timeout: 10_000 });
  const theirs = child.status === 0 ? `${((performance.now() - t) * 1000).toFixed(0).padStart(10)} µs` : "     > 10 s   ";
  const A = new Algebra([]);
  const mine = timeLoop(() => canonicalOf(parseFormula(text), A, (n) => A.variable(n)));
  console.log(`  ${text.padEnd(46)} ${theirs} ${(mine * 1000).toFixed(0).padStart(10)} µs`);
}
