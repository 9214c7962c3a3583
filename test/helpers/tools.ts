import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * A program the tests drive (pdflatex, chromium): the path in `envVar` if set, else the first on
 * PATH. Absent, the tests that need it are skipped with the reason printed, except under CI,
 * where a missing tool is a failure: .ci/run installs them.
 */
export function findTool(name: string, envVar: string): string | undefined {
  const given = process.env[envVar];
  if (given) return given;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** The tool's path, or undefined (after printing why the tests that need it are skipped). */
export function toolOrSkip(name: string, envVar: string, install: string): string | undefined {
  const path = findTool(name, envVar);
  if (path) return path;
  const why = `${name} is not on PATH (set ${envVar} to its path, or ${install})`;
  if (process.env.CI) throw new Error(`${why}; under CI it is required`);
  console.warn(`skipping the tests that need ${name}: ${why}`);
  return undefined;
}
