/**
 * Where sheets come from: a shipped id (`basu-2024` → formulas/basu-2024.yaml) or a path.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { didYouMean, FlopsheetError, loadSheet, type Sheet } from "../index.js";

/** The shipped sheets' folder, two levels above this file in both src/cli and dist/cli. */
export const SHIPPED = fileURLToPath(new URL("../../formulas/", import.meta.url));

export function shippedIds(): string[] {
  return readdirSync(SHIPPED)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

function isPath(arg: string): boolean {
  return /[\\/]/.test(arg) || /\.ya?ml$/i.test(arg);
}

/** Reads and loads a sheet named by id or path; a missing file is a FlopsheetError, not a crash. */
export function openSheet(arg: string, cwd: string): Sheet {
  const path = isPath(arg) ? resolve(cwd, arg) : resolve(SHIPPED, `${arg}.yaml`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!isPath(arg)) {
      const guess = didYouMean(arg, shippedIds());
      throw new FlopsheetError({
        code: "NOT_FOUND",
        message: `no shipped sheet ‘${arg}’${guess ? `; did you mean ‘${guess}’?` : ""} (flopsheet sheets lists them; a path to a YAML file works too)`,
      });
    }
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : String(code ?? e);
    throw new FlopsheetError({ code: "NOT_FOUND", message: `cannot read sheet ${arg}: ${why}` });
  }
  return loadSheet(text, isPath(arg) ? arg : `formulas/${arg}.yaml`, { resolve: resolveBase(cwd) });
}

/**
 * How `extends: X` is found: a shipped id, or a path relative to the extending sheet's folder.
 * Paths in messages stay as the user would write them.
 */
function resolveBase(cwd: string) {
  return (ref: string, from: string): { text: string; path: string } | undefined => {
    const path = isPath(ref)
      ? resolve(from.startsWith("formulas/") ? SHIPPED : dirname(resolve(cwd, from)), ref)
      : resolve(SHIPPED, `${ref}.yaml`);
    const shown = relative(cwd, path);
    try {
      return { text: readFileSync(path, "utf8"), path: !isPath(ref) ? `formulas/${ref}.yaml` : shown.startsWith("..") ? path : shown };
    } catch {
      return undefined;
    }
  };
}
