// The core words nothing in a shell's syntax: a remedy or a setting carries data (a name, the flag
// its shell took it with), and each shell words it (issue 22). A flag written in a message of the
// core would be shown verbatim by the page, where there are no flags.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const FLAG = /--(set|vary|unit|model|hardware|from|scenario|for|convention|format|plot-vary|plot-breakdown|exact|strict|digits|target|output|allow-path)\b/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") && !path.endsWith(".generated.ts") ? [path] : [];
  });
}

// Comments may name a flag to say where a value comes from; code may not.
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");

describe("no command-line flag in the core", () => {
  test("src/ outside src/cli writes no flag in any string", () => {
    const core = files("src").filter((f) => !f.startsWith(join("src", "cli")));
    expect(core.length).toBeGreaterThan(50);
    const found = core.flatMap((f) => code(readFileSync(f, "utf8")).split("\n").flatMap((line, i) => (FLAG.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])));
    expect(found).toEqual([]);
  });
});
