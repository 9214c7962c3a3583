import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";

test("the README's library example runs against the built package and prints what its comments say", () => {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## Library"), readme.indexOf("\n## ", readme.indexOf("## Library") + 1));
  const code = /```js\n([\s\S]*?)```/.exec(section)![1]!;
  const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1]!);
  expect(expected.length).toBeGreaterThanOrEqual(4);
  const dir = mkdtempSync(join(tmpdir(), "flopsheet-readme-"));
  const file = join(dir, "example.mjs");
  writeFileSync(file, code.replace('from "flopsheet"', `from ${JSON.stringify(pathToFileURL(resolve("dist/index.js")).href)}`));
  const r = spawnSync(process.execPath, [file], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.stdout.trimEnd().split("\n")).toEqual(expected);
});
