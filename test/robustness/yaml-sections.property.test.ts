/**
 * The page parses a sheet a section at a time, keeping the sections the last text had
 * (src/sheet/yaml-sections.ts). Whatever the text, the reader must see what parsing it whole
 * gives: the same keys and values at the same offsets. Only where a node ends may differ, and only
 * past the end of the line it starts on, which no message shows (a caret stops at its line's end).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parseDocument } from "yaml";
import { describe, expect, test } from "vitest";
import { sectionedTree } from "../../src/sheet/yaml-sections.js";
import { treeOf, YAML_OPTIONS, type YamlTree } from "../../src/sheet/yaml-tree.js";
import { assertRuns, runs, TIMEOUT } from "./fuzz-config.js";

const dir = join(import.meta.dirname, "../../formulas");
const shipped = readdirSync(dir, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => readFileSync(join(dir, f), "utf8"));

/** What the reader reads of a tree: kinds, values, starts, scalars' ends, and whether an end passes its line. */
function seen(text: string, t: YamlTree): unknown {
  if (t === null) return null;
  const lineEnd = (at: number) => (text.indexOf("\n", at) === -1 ? text.length : text.indexOf("\n", at));
  const [kind, start, valueEnd, nodeEnd, content] = t;
  const past = nodeEnd >= lineEnd(start);
  if (kind === "s") return [kind, start, valueEnd, content, past];
  const ends = [valueEnd >= lineEnd(start), past];
  return kind === "m" ? [kind, start, ends, content.map(([k, v]) => [seen(text, k), seen(text, v)])] : [kind, start, ends, content.map((x) => seen(text, x))];
}

/** The whole text's tree, or undefined where it has errors or holds what a sheet may not (an alias). */
function whole(text: string): YamlTree | undefined {
  const doc = parseDocument(text, YAML_OPTIONS);
  return doc.errors.length > 0 ? undefined : treeOf(doc.contents);
}

const PIECES = [" ", "  ", "\n", "\n  ", "x", ":", ": ", "#", " # c", "-", "- ", '"', "'", "[", "]", "{", "}", ",", "|", ">", "&a ", "*a", "? ", "---\n", "\t", "é", "a: b\n"];

describe("a sheet parsed a section at a time", () => {
  test("every shipped file: the tree its whole text gives", () => {
    for (const text of shipped) {
      const tree = sectionedTree(text);
      expect(tree).toBeDefined();
      expect(seen(text, tree!)).toEqual(seen(text, whole(text)!));
    }
  });

  test(`edits of the shipped files, each after the text before it: the whole text's tree, or none (${runs(2_000)} edits)`, async () => {
    let sectioned = 0;
    await assertRuns(
      fc.property(fc.nat(shipped.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...PIECES), fc.nat(3), (file, where, piece, cut) => {
        const text0 = shipped[file]!;
        const at = Math.floor(where * text0.length);
        // First the file as it is (its sections are then the ones kept), then the edit.
        sectionedTree(text0);
        const text = text0.slice(0, at) + piece + text0.slice(at + cut);
        const tree = sectionedTree(text);
        if (tree === undefined) return;
        sectioned++;
        const reference = whole(text);
        expect(reference).toBeDefined();
        expect(seen(text, tree)).toEqual(seen(text, reference!));
      }),
      runs(2_000),
    );
    // Many edits leave the text plain enough (a stray "- " or "---" at a line start does not): a collapse here would hide bugs.
    expect(sectioned).toBeGreaterThan(runs(2_000) / 8);
  }, TIMEOUT);

  test("what a key's value runs on into the next key's line, refers to elsewhere, or nests deeply, is parsed whole", () => {
    for (const text of [
      'a: "one\nb: two"\n',
      "a: [1,\nb: 2]\n",
      "a: {x: 1,\nb: 2}\n",
      "a: &x 1\nb: *x\n",
      "---\na: 1\n",
      "a: 1\n---\nb: 2\n",
      "%YAML 1.2\n---\na: 1\n",
      "- a\n- b\n",
      '"a": 1\nb: 2\n',
      "a:\n- 1\n- 2\n",
      "a: 1\r\nb: 2\r\n",
      "  a: 1\nb: 2\n",
      `a: ${"[".repeat(100)}${"]".repeat(100)}\n`,
    ]) {
      expect(sectionedTree(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  test("a block map or list under a key is read an entry at a time, with the same offsets", () => {
    const text = "inputs:\n  n: {description: layers}\n  d: width\nchecks:\n  - name: one\n    identity: n == n\n  # a comment\n  - name: two\n    identity: d == d\n";
    expect(seen(text, sectionedTree(text)!)).toEqual(seen(text, whole(text)!));
    const edited = text.replace("d: width", "d: the width");
    expect(seen(edited, sectionedTree(edited)!)).toEqual(seen(edited, whole(edited)!));
  });
});
