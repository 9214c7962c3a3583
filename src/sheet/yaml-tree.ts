/**
 * A YAML document's node tree as plain data, so that files known at build time (the shipped
 * sheets and presets) are parsed once by the build instead of at every start: parsing YAML was
 * most of a cold `flopsheet check`. The data turns back into the yaml package's own node classes,
 * so the reader cannot tell the two apart.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

/**
 * How every sheet, preset and vocabulary is parsed: the failsafe schema keeps every scalar as text
 * (numbers are read by our grammar, with all their digits); duplicate keys are found by the
 * reader in linear time, not by the yaml package's quadratic check.
 */
export const YAML_OPTIONS = { uniqueKeys: false, schema: "failsafe", prettyErrors: false } as const;

/** `[kind, start, valueEnd, nodeEnd, content]`: a scalar's text, a map's pairs or a list's items. */
export type YamlTree =
  | null
  | readonly ["s", number, number, number, string]
  | readonly ["m", number, number, number, readonly (readonly [YamlTree, YamlTree])[]]
  | readonly ["q", number, number, number, readonly YamlTree[]];

/** The tree of a parsed node; undefined when it holds something a shipped file never should (an alias, a non-text scalar). */
export function treeOf(node: unknown): YamlTree | undefined {
  if (node === null || node === undefined) return null;
  const n = node as Node;
  const [a, b, c] = n.range ?? [0, 0, 0];
  if (isScalar(n)) return typeof n.value === "string" ? ["s", a, b, c, n.value] : undefined;
  if (isMap(n)) {
    const pairs: (readonly [YamlTree, YamlTree])[] = [];
    for (const p of n.items) {
      const k = treeOf(p.key);
      const v = treeOf(p.value);
      if (k === undefined || v === undefined) return undefined;
      pairs.push([k, v]);
    }
    return ["m", a, b, c, pairs];
  }
  if (isSeq(n)) {
    const items = n.items.map(treeOf);
    return items.includes(undefined) ? undefined : ["q", a, b, c, items as YamlTree[]];
  }
  return undefined;
}

/** A file's tree as the build makes it; throws if the file is not one the build should accept. */
export function parseTree(text: string, name: string): YamlTree {
  const doc = parseDocument(text, YAML_OPTIONS);
  const tree = doc.errors.length === 0 ? treeOf(doc.contents) : undefined;
  if (tree === undefined) throw new Error(`${name}: not plain YAML (${doc.errors[0]?.message ?? "an alias or a tag"})`);
  return tree;
}

/** The yaml package's nodes for a tree. */
export function nodeOf(tree: YamlTree): Node | null {
  if (tree === null) return null;
  const [kind, a, b, c, content] = tree;
  let node: Node;
  if (kind === "s") {
    node = new Scalar(content);
  } else if (kind === "m") {
    const map = new YAMLMap();
    for (const [k, v] of content) map.items.push(new Pair(nodeOf(k), nodeOf(v)));
    node = map;
  } else {
    const seq = new YAMLSeq();
    for (const item of content) seq.items.push(nodeOf(item));
    node = seq;
  }
  node.range = [a, b, c];
  return node;
}
