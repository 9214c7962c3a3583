// npm run bench: flopsheet's speed beside a baseline measured in the same run, as ratios.
//   3. Sweeps: a million points of Appendix F through the compiled closure, by hand, and mathjs;
//      canonical forms of every shipped formula against SymPy; a 100,000-point sweep to CSV.
//   1. Start-up: the main job (npm start's command, without the build), estimate from a config and a
//      cold `flopsheet check` of every shipped sheet, against a bare `node -e 0`; loading mathjs is
//      shown for scale.
//   2. Canonical forms: expanding the papers' formulas, against mathjs' rationalize on the same text.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = 15;

/** Wall-clock times of `node ARGS` (or of `cmd ARGS`), interleaved so that load on the machine hits all alike. */
function timeCommands(commands) {
  const times = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    commands.forEach(({ cmd, args }, k) => {
      const t = performance.now();
      const r = spawnSync(cmd ?? process.execPath, args, { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
      if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
      times[k].push(performance.now() - t);
    });
  }
  return commands.map((c, k) => ({ ...c, ms: median(times[k]) }));
}

// bin/flopsheet is what `npx flopsheet` runs: the start-up snapshot when it matches this node.
// `node dist/cli/main.js` is the other anchor, the bundle with V8's code cache, which bin/flopsheet
// falls back to.
const bin = new URL("../bin/flopsheet", import.meta.url).pathname;
const { existsSync } = await import("node:fs");
const snapshot = existsSync(new URL("../dist/cli/flopsheet.blob.node", import.meta.url)) ? "start-up snapshot" : "no snapshot: code cache";
const DERIVE = ["derive", "basu-2024", "Total_FLOPs", "--scenario", "section-4.2"];
const ESTIMATE = ["estimate", "--model", "test/fixtures/configs/llama-3-8b.json"];
// The floor under every snapshot row: Node starting from a start-up snapshot that holds nothing,
// and the CLI's own snapshot running no command (--version). What a command may spend within its
// target is what is left of it above the latter.
const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
const { tmpdir } = await import("node:os");
const floorDir = mkdtempSync(`${tmpdir()}/flopsheet-bench-`);
writeFileSync(`${floorDir}/empty.cjs`, `require("node:v8").startupSnapshot.setDeserializeMainFunction(() => {});`);
const emptyBuilt = spawnSync(process.execPath, ["--snapshot-blob", `${floorDir}/empty.blob`, "--build-snapshot", `${floorDir}/empty.cjs`]).status === 0;
const startup = timeCommands([
  { label: "node -e 0", args: ["-e", "0"] },
  ...(emptyBuilt ? [{ label: "node from an empty start-up snapshot", args: ["--snapshot-blob", `${floorDir}/empty.blob`], how: "floor" }] : []),
  { label: "flopsheet --version (no command)", cmd: bin, args: ["--version"], how: snapshot },
  { label: "flopsheet derive (the main job)", cmd: bin, args: DERIVE, target: 1.5, how: snapshot },
  { label: "flopsheet estimate --model config.json", cmd: bin, args: ESTIMATE, target: 1.5, how: snapshot },
  { label: "flopsheet check (every sheet)", cmd: bin, args: ["check"], target: 3, how: snapshot },
  { label: "flopsheet derive (the main job)", args: ["dist/cli/main.js", ...DERIVE], how: "code cache" },
  { label: "flopsheet estimate --model config.json", args: ["dist/cli/main.js", ...ESTIMATE], how: "code cache" },
  { label: "flopsheet check (every sheet)", args: ["dist/cli/main.js", "check"], how: "code cache" },
  { label: "node -e \"require('mathjs')\"", args: ["-e", "require('mathjs')"] },
]);
rmSync(floorDir, { recursive: true, force: true });
const bare = startup[0].ms;
console.log(`Start-up (median of ${RUNS} interleaved runs, wall clock)`);
console.log(`  ${"command".padEnd(40)} ${"started from".padEnd(24)} ${"time".padStart(8)}   ratio   target`);
for (const c of startup) {
  const ratio = c.ms / bare;
  const verdict = c.target === undefined ? "" : `≤ ${c.target}×  ${ratio <= c.target ? "met" : "MISSED"}`;
  console.log(`  ${c.label.padEnd(40)} ${(c.how ?? "").padEnd(24)} ${c.ms.toFixed(0).padStart(5)} ms   ${ratio.toFixed(2).padStart(5)}×   ${verdict}`);
}
// Each snapshot command's own work beside what its target leaves above the snapshot's start.
const noCommand = startup.find((c) => c.args[0] === "--version").ms;
for (const c of startup.filter((c) => c.target !== undefined && c.cmd === bin)) {
  console.log(`  ${c.label}: ${(c.ms - noCommand).toFixed(0)} ms above --version; its target leaves ${(c.target * bare - noCommand).toFixed(0)} ms`);
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

// SymPy (Debian: python3-sympy), where python3 has it: the baseline of canonical forms.
const hasSympy = spawnSync("python3", ["-c", "import sympy"]).status === 0;
// SymPy's expand of each formula already built, its cache cleared before each call (see (b) below).
const sympyEach = (texts) => {
  if (!hasSympy) return undefined;
  const py = `
import json, sys, time
from sympy import expand, sympify
from sympy.core.cache import clear_cache
out = []
for text in json.load(sys.stdin):
    e = sympify(text)
    spent, n = 0.0, 0
    while spent < 0.3:
        clear_cache()
        t = time.perf_counter()
        expand(e)
        spent += time.perf_counter() - t
        n += 1
    out.append(spent / n * 1e6)
print(json.dumps(out))
`;
  const r = spawnSync("python3", ["-c", py], { input: JSON.stringify(texts.map((t) => t.replace(/\^/g, "**"))), encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`sympy failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const sympyUs = sympyEach(formulas.map(([mjs]) => mjs));
console.log("\nCanonical form of one formula (mean per call): from text against mathjs; the algebra alone against SymPy's expand");
console.log(`  ${"formula".padEnd(46)} ${"mathjs rationalize".padStart(18)} ${"flopsheet".padStart(12)}   ratio   ${"SymPy expand".padStart(12)} ${"our algebra".padStart(12)}   faster`);
formulas.forEach(([mjs, ours], i) => {
  const theirs = timeLoop(() => math.rationalize(mjs));
  // A fresh algebra per formula, as each sheet has its own (its work budget is per algebra).
  const mine = timeLoop(() => {
    const A = new Algebra([]);
    canonicalOf(parseFormula(ours), A, (n) => A.variable(n));
  });
  const tree = parseFormula(ours);
  const algebra = timeLoop(() => {
    const A = new Algebra([]);
    canonicalOf(tree, A, (n) => A.variable(n));
  });
  const sym = sympyUs?.[i];
  const vsSympy = sym === undefined ? "  (no sympy here)" : `${sym.toFixed(0).padStart(9)} µs ${(algebra * 1000).toFixed(1).padStart(9)} µs   ${(sym / (algebra * 1000)).toFixed(0).padStart(4)}×  target ≥ 20× ${sym / (algebra * 1000) >= 20 ? "met" : "MISSED"}`;
  console.log(`  ${ours.padEnd(46)} ${(theirs * 1000).toFixed(0).padStart(15)} µs ${(mine * 1000).toFixed(0).padStart(9)} µs   ${(mine / theirs).toFixed(2)}×   ${vsSympy}`);
});

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

// ── Sweeps (issue: explore a design space) ─────────────────────────────────────────────────────
// (a) One million points of the largest shipped formula, Chinchilla's Appendix F training FLOPs,
// over a 1000 × 1000 grid of d_model and seq_len: the compiled closure a sweep runs, the same
// formula written by hand in JavaScript, and mathjs' compile().evaluate() per point.
const api = await import("../dist/index.js");
const chinchilla = api.loadShipped("chinchilla-2022");
const GRID = 1000;
const dModels = Float64Array.from({ length: GRID }, (_, i) => 1024 + 8 * i);
const seqLens = Float64Array.from({ length: GRID }, (_, i) => 512 + 4 * i);
const plan = api.planSweep(chinchilla, ["training_flops"], {
  presets: [api.loadShippedPreset("chinchilla-70b")],
  vary: [api.parseVary(`d_model=1024..${1024 + 8 * (GRID - 1)}:+8`), api.parseVary(`seq_len=512..${512 + 4 * (GRID - 1)}:+4`)],
});
const kernel = plan.kernel;
function compiledSweep() {
  let sum = 0;
  for (let i = 0; i < GRID; i++) {
    kernel.point[0] = dModels[i];
    for (let j = 0; j < GRID; j++) {
      kernel.point[1] = seqLens[j];
      kernel.run();
      sum += kernel.values[0];
    }
  }
  return sum;
}
// Appendix F as a person would type it, every input a parameter.
function appendixF(num_layers, num_heads, key_size, ffw_size, vocab_size, seq_len, tokens, d_model) {
  const embeddings = 2 * seq_len * vocab_size * d_model;
  const attention_qkv = 2 * 3 * seq_len * d_model * (key_size * num_heads);
  const attention_logits = 2 * seq_len * seq_len * (key_size * num_heads);
  const attention_softmax = 3 * num_heads * seq_len * seq_len;
  const attention_reduction = 2 * seq_len * seq_len * (key_size * num_heads);
  const attention_project = 2 * seq_len * (key_size * num_heads) * d_model;
  const attention = attention_qkv + attention_logits + attention_softmax + attention_reduction + attention_project;
  const dense_block = 2 * seq_len * (d_model * ffw_size + d_model * ffw_size);
  const final_logits = 2 * seq_len * d_model * vocab_size;
  const forward = embeddings + num_layers * (attention + dense_block) + final_logits;
  const backward = 2 * forward;
  return ((forward + backward) * tokens) / seq_len;
}
function handSweep() {
  let sum = 0;
  for (let i = 0; i < GRID; i++) for (let j = 0; j < GRID; j++) sum += appendixF(80, 64, 128, 32768, 32000, seqLens[j], 1.4e12, dModels[i]);
  return sum;
}
// The same text for mathjs (and SymPy below): every formula inlined into the target.
const inline = (sheet, name, pow) => {
  const byName = new Map(sheet.formulas.map((f) => [f.name, f]));
  const fn = { ln: "log", log2: "log2", log10: "log10" };
  const go = (e) => {
    switch (e.kind) {
      case "number": return e.text.replace(/_/g, "");
      case "symbol": return byName.has(e.name) ? `(${go(byName.get(e.name).definition.expr)})` : e.name;
      case "negate": return `(-${go(e.arg)})`;
      case "group": return `(${go(e.inner)})`;
      case "binary": return `(${go(e.left)} ${e.op === "^" ? pow : e.op} ${go(e.right)})`;
      case "call": return `${pow === "**" ? sympyFn(e.fn, e.args.length) : fn[e.fn] ?? e.fn}(${e.args.map(go).join(", ")}${pow === "**" && (e.fn === "log2" || e.fn === "log10") ? `, ${e.fn.slice(3)}` : ""})`;
    }
  };
  return go(byName.get(name).definition.expr);
};
const sympyFn = (f) => ({ ln: "log", log2: "log", log10: "log", min: "Min", max: "Max", ceil: "ceiling", abs: "Abs" })[f] ?? f;
const compiledMathjs = math.compile(inline(chinchilla, "training_flops", "^"));
const MATHJS_POINTS = 100_000;
function mathjsSweep() {
  let sum = 0;
  const scope = { num_layers: 80, num_heads: 64, key_size: 128, ffw_size: 32768, vocab_size: 32000, seq_len: 0, tokens: 1.4e12, d_model: 0 };
  for (let k = 0; k < MATHJS_POINTS; k++) {
    scope.d_model = dModels[Math.floor(k / GRID) % GRID];
    scope.seq_len = seqLens[k % GRID];
    sum += compiledMathjs.evaluate(scope);
  }
  return sum;
}
const repeat = (f, n) => {
  const ts = [];
  let r;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    r = f();
    ts.push(performance.now() - t);
  }
  return { ms: median(ts), result: r };
};
// For comparison, the formulas as written compiled into a program (no inputs substituted): what a
// sweep falls back to when a form is too large to expand.
const program = api.compileProgram(chinchilla, ["training_flops"]);
const px = new Float64Array(program.size);
const fixedValues = { num_layers: 80, num_heads: 64, key_size: 128, ffw_size: 32768, vocab_size: 32000, tokens: 1.4e12 };
for (const [n, v] of Object.entries(fixedValues)) px[program.slots.get(n)] = v;
const [pd, ps, pt] = ["d_model", "seq_len", "training_flops"].map((n) => program.slots.get(n));
function programSweep() {
  let sum = 0;
  for (let i = 0; i < GRID; i++) {
    px[pd] = dModels[i];
    for (let j = 0; j < GRID; j++) {
      px[ps] = seqLens[j];
      program.run(px);
      sum += px[pt];
    }
  }
  return sum;
}
compiledSweep();
handSweep();
programSweep();
const compiled = repeat(compiledSweep, 7);
const hand = repeat(handSweep, 7);
const mjs = repeat(mathjsSweep, 3);
const asWritten = repeat(programSweep, 7);
const perPoint = (ms, n) => (ms * 1e6) / n;
console.log(`\nA sweep of Chinchilla's Appendix F training FLOPs (median of 7 runs; mathjs of 3, over ${MATHJS_POINTS.toLocaleString("en-US")} points)`);
console.log(`  ${"evaluator".padEnd(44)} ${"1,000,000 points".padStart(13)} ${"per point".padStart(10)}   ratio to hand-written`);
// ns per point is also ms per million points.
const rowOf = (label, ms, n) => console.log(`  ${label.padEnd(44)} ${perPoint(ms, n).toFixed(1).padStart(10)} ms ${perPoint(ms, n).toFixed(1).padStart(7)} ns   ${(perPoint(ms, n) / perPoint(hand.ms, GRID * GRID)).toFixed(2)}×`);
rowOf("hand-written JavaScript function", hand.ms, GRID * GRID);
rowOf(`flopsheet's compiled closure (${plan.method})`, compiled.ms, GRID * GRID);
rowOf("flopsheet's formulas as written, compiled", asWritten.ms, GRID * GRID);
rowOf("mathjs compile().evaluate()", mjs.ms, MATHJS_POINTS);
console.log("  (the sweep's closure is the canonical form with the six fixed inputs substituted exactly: 2 terms in d_model and seq_len)");
const agree = Math.abs(compiled.result / hand.result - 1);
console.log(`  compiled ÷ mathjs per point: ${(perPoint(mjs.ms, MATHJS_POINTS) / perPoint(compiled.ms, GRID * GRID)).toFixed(0)}× faster; the sums of both sweeps agree to ${agree.toExponential(1)}`);
console.log(`  targets: within 1.5× of hand-written ${perPoint(compiled.ms, GRID * GRID) / perPoint(hand.ms, GRID * GRID) <= 1.5 ? "met" : "MISSED"}; at least 100× mathjs ${perPoint(mjs.ms, MATHJS_POINTS) / perPoint(compiled.ms, GRID * GRID) >= 100 ? "met" : "MISSED"}; formulas as written within 10× of hand-written ${perPoint(asWritten.ms, GRID * GRID) / perPoint(hand.ms, GRID * GRID) <= 10 ? "met" : "MISSED"}`);
console.log(`  (the formulas as written run as ${program.run.name === "program" ? "one generated function" : "a chain of closures (this host refuses functions made from text)"})`);

// (b) Canonical forms of every shipped formula, each inlined into one expression, against SymPy
// (Debian: python3-sympy) on the same text, else mathjs rationalize. Two rows: the algebra alone
// (our tree to its canonical form; SymPy's expand of an expression already built) and text to
// form (our nearley parse and the algebra; SymPy's sympify and expand). SymPy's cache is cleared
// before each run: it keeps every expand's result, so a second run of the same formulas only
// looks them up (2.6 ms instead of 424 ms here), which is not the work this compares.
const every = api.shippedSheetIds().flatMap((id) => {
  const sheet = api.loadShipped(id);
  return sheet.formulas.map((f) => ({ id, name: f.name, ours: inline(sheet, f.name, "^"), sympy: inline(sheet, f.name, "**"), vars: sheet.inputs.map((i) => i.name) }));
});
const trees = every.map((f) => parseFormula(f.ours));
// The best of several runs on both sides: the work is the same every run, and this machine's
// neighbours only ever add to it (medians here wandered from 13 to 22 ms between runs).
const best = (f, n) => {
  let ms = Infinity;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
};
const oursAlgebra = best(() => {
  for (const tree of trees) {
    const A = new Algebra([]);
    canonicalOf(tree, A, (n) => A.variable(n));
  }
}, 21);
const oursText = best(() => {
  for (const f of every) {
    const A = new Algebra([]);
    canonicalOf(parseFormula(f.ours), A, (n) => A.variable(n));
  }
}, 21);
console.log(`\nCanonical forms of all ${every.length} shipped formulas, each with its formulas inlined (best of 21 runs; SymPy best of 7, each cold)`);
if (hasSympy) {
  const py = `
import json, sys, time
from sympy import Symbol, expand, sympify
from sympy.core.cache import clear_cache
items = json.load(sys.stdin)
build, algebra = [], []
for _ in range(7):
    clear_cache()
    t = time.perf_counter()
    exprs = [sympify(it["sympy"], locals={v: Symbol(v) for v in it["vars"]}) for it in items]
    t1 = time.perf_counter()
    for e in exprs:
        expand(e)
    build.append(t1 - t)
    algebra.append(time.perf_counter() - t1)
print(json.dumps({"algebra": min(algebra) * 1000, "text": min(b + a for b, a in zip(build, algebra)) * 1000}))
`;
  const r = spawnSync("python3", ["-c", py], { input: JSON.stringify(every), encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`sympy failed: ${r.stderr}`);
  const theirs = JSON.parse(r.stdout);
  const version = spawnSync("python3", ["-c", "import sympy; print(sympy.__version__)"], { encoding: "utf8" }).stdout.trim();
  console.log(`  ${"".padEnd(48)} ${"flopsheet".padStart(10)} ${`SymPy ${version}`.padStart(14)}   faster`);
  const row = (label, ours, sym, target) => {
    const x = sym / ours;
    console.log(`  ${label.padEnd(48)} ${ours.toFixed(1).padStart(7)} ms ${sym.toFixed(0).padStart(11)} ms   ${x.toFixed(1).padStart(5)}×   ${target ? `target ≥ 20× ${x >= 20 ? "met" : "MISSED"}` : ""}`);
  };
  row("the algebra: tree → canonical form / expand", oursAlgebra, theirs.algebra, true);
  row("text → form: parse + algebra / sympify + expand", oursText, theirs.text, false);
} else {
  const t = performance.now();
  for (const f of every.slice(0, 40)) {
    try { math.rationalize(f.ours); } catch { /* functions rationalize cannot take */ }
  }
  const theirsMs = ((performance.now() - t) * every.length) / 40;
  console.log(`  flopsheet ${oursText.toFixed(0).padStart(8)} ms   mathjs rationalize (no sympy here) ${theirsMs.toFixed(0).padStart(8)} ms   ratio ${(oursText / theirsMs).toFixed(3)}×`);
}

// (c) A sweep of 100,000 points end to end through the CLI to CSV, beside a bare `node -e 0`.
// Start-up is the same command at one point: what remains is the points' own cost.
const sweepArgs = ["sweep", "chinchilla-2022", "training_flops", "--set", "num_layers=80", "--set", "num_heads=64", "--set", "key_size=128", "--set", "ffw_size=32768", "--set", "vocab_size=32000", "--set", "d_model=8192", "--set", "tokens=1.4e12", "--format", "csv", "--vary"];
const cliSweep = timeCommands([
  { label: "node -e 0", args: ["-e", "0"] },
  { label: "flopsheet sweep, 1 point to CSV", cmd: bin, args: [...sweepArgs, "seq_len=1..1:+1"] },
  { label: "flopsheet sweep, 100,000 points to CSV", cmd: bin, args: [...sweepArgs, "seq_len=1..100000:+1"] },
]);
console.log(`\nA 100,000-point sweep through the CLI to CSV (median of ${RUNS} runs, output discarded)`);
for (const c of cliSweep) console.log(`  ${c.label.padEnd(40)} ${c.ms.toFixed(0).padStart(6)} ms   ${(c.ms / cliSweep[0].ms).toFixed(2)}× node -e 0`);
const perSweepPoint = ((cliSweep[2].ms - cliSweep[1].ms) * 1e6) / (100_000 - 1);
console.log(`  per point, after start-up (100,000 points less 1): ${perSweepPoint.toFixed(0)} ns   target ≤ 1,000 ns ${perSweepPoint <= 1000 ? "met" : "MISSED"}`);
