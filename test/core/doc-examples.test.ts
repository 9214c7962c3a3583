/**
 * The `@example` lines of the API's doc comments that state a result (`… // result`) are run and
 * compared, so an example cannot go stale (render/escape.ts's did). An example whose result is
 * prose, or which names a value only its context gives, is listed below with why it is not run.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";

interface Example {
  file: string;
  line: number;
  expr: string;
  expected: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith(".ts") && !p.endsWith(".generated.ts") ? [p] : [];
  });
}

/** The longest prefix of `text` that is one JavaScript literal (a string, number, bigint, array, object, boolean). */
function literalPrefix(text: string): string | undefined {
  const t = text.trim();
  const simple = /^(-?\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?n?|true|false|null)\b/.exec(t);
  if (simple) return simple[1];
  if (!"\"[{".includes(t[0] ?? "")) return undefined;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) {
        quote = undefined;
        if (depth === 0) return t.slice(0, i + 1);
      }
    } else if (c === '"') quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) return t.slice(0, i + 1);
    }
  }
  return undefined;
}

const examples: Example[] = sources("src").flatMap((file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .flatMap((l, i) => {
      const m = /@example (.*?) \/\/ (.*?)(?: \*\/)?$/.exec(l);
      return m ? [{ file, line: i + 1, expr: m[1]!, expected: m[2]! }] : [];
    }),
);

/** Examples not run, each with why: their result is prose, or they name a value of their context. */
const NOT_RUN: Readonly<Record<string, string>> = {
  "src/model/chain.ts": "names d.inputs of a derivation in its context; the result is prose",
  "src/model/fit.ts": "names llama2_70b and a catalogue of its context; the result is elided (…)",
  "src/evaluate/conventions.ts": "names decoderForward and inputs of its context",
  "src/evaluate/checks.ts": "the result is prose",
  "src/index.ts:203": "names d.inputs of a derivation in its context; the result is prose",
  "src/index.ts:213": "names d.inputs and chained settings of its context; the result is prose",
  "src/render/estimate.ts": "names an estimate entry of its context",
  "src/render/origin.ts": "names d.inputs of a derivation in its context",
  "src/render/canonical-text.ts": "names a canonical form of its context",
  "src/render/substituted-text.ts": "names values seven and d of its context",
  "src/syntax/number.ts": "names a span of its context",
  "src/explore/solve.ts": "the result is a formula, 10^24 / (6 × 174.6e9)",
  "src/algebra/from-tree.ts": "the result is a canonical form as text, not a literal",
  "src/core/approximate.ts": "the result is elided (…0)",
  "src/evaluate/agreement.ts": "the result is followed by prose",
  "src/model/for-model.ts": "names text and a vocabulary of its context",
  "src/index.ts:225": "names the text of a config.json of its context",
};
const notRun = (e: Example) => NOT_RUN[`${e.file}:${e.line}`] ?? NOT_RUN[e.file];

describe("the @example lines of the API state what they return", async () => {
  const api = await import("../../src/index.js");
  const llama3 = api.loadShippedPreset("llama-3-8b");
  const context: Record<string, unknown> = {
    ...api,
    sheet: api.loadShipped("basu-2024"),
    decoder: api.loadShipped("decoder"),
    gpt3: api.loadShipped("gpt3-2020"),
    gpt3_175b: api.loadShippedPreset("gpt3-175b"),
    llama3,
    vocabulary: api.loadVocabulary(readFileSync("formulas/vocabulary.yaml", "utf8")),
  };
  const runnable = examples.filter((e) => notRun(e) === undefined);

  test("every example with a stated result is run or says why it is not", () => {
    expect(examples.length).toBeGreaterThan(30);
    for (const e of runnable) expect(literalPrefix(e.expected), `${e.file}:${e.line}: ${e.expected}`).toBeDefined();
    expect(runnable.length).toBeGreaterThanOrEqual(15);
  });

  test.each(runnable.map((e) => [`${e.file}:${e.line}`, e] as const))("%s", async (_, e) => {
    const own = (await import(pathToFileURL(join(process.cwd(), e.file)).href)) as Record<string, unknown>;
    const scope = { ...context, ...own };
    const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    const value: unknown = new Function(...names, `return (${e.expr});`)(...names.map((n) => scope[n]));
    const literal = literalPrefix(e.expected)!;
    // A whole number is compared as written: 135291469824000000000000 is past a double's digits.
    const expected: unknown = /^-?\d+$/.test(literal) ? literal : new Function(`return (${literal});`)();
    const shown = (x: unknown): unknown => (typeof x === "bigint" || (typeof x === "object" && x !== null && "n" in x && "d" in x) ? String(x) : x);
    if (typeof expected === "object" && expected !== null) expect(value).toMatchObject(expected as object);
    else expect(String(shown(value))).toBe(String(expected));
  });
});
