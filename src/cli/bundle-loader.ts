/**
 * Loads the CLI from one bundled file (dist/cli/flopsheet.cjs, made by scripts/bundle-cli.mjs)
 * with V8's code cache for it: reading dozens of modules and compiling them was most of a cold
 * start. The cache is only a hint: V8 checks it against the source and its own version and flags,
 * and compiles afresh when it does not match, so a stale or foreign cache costs time, never
 * correctness.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";

export interface LoadedBundle {
  readonly exports: Record<string, unknown>;
  /** The compiled script, for writing a new cache after a representative run. */
  readonly script: vm.Script;
}

/** The CommonJS wrapper the bundle runs in: the same text at build and at run time, or the cache would not match. */
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

/**
 * @example const { exports } = loadBundle("/…/dist/cli/flopsheet.cjs", "/…/dist/cli/flopsheet.cache");
 * @returns undefined when there is no bundle (a build that made only the modules).
 */
export function loadBundle(bundlePath: string, cachePath?: string): LoadedBundle | undefined {
  let source: string;
  try {
    source = readFileSync(bundlePath, "utf8");
  } catch {
    return undefined;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = cachePath ? readFileSync(cachePath) : undefined;
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrap(source), { filename: bundlePath, cachedData });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { exports: module.exports, script };
}
