/**
 * A YAML text parsed one top-level section at a time, each section's tree kept for the next text
 * that has the same section. The page parses its sheet again at every key, and a key changes one
 * section (`formulas:` and what is indented under it), so the others are not parsed again.
 *
 * Only for texts whose top level is plainly a block map: every line that starts in column 0 is a
 * comment or a key (`name:`). Anything else (a document marker, a directive, a list or a flow
 * collection at the top level, a key in quotes), and any section that does not parse cleanly into
 * one pair (a quoted string or a flow collection that runs on into the next key's line), gives
 * undefined: the caller parses the whole text, and reports its errors as the yaml package finds them.
 */
import { onForget } from "../core/memo.js";
import { isMap, isSeq, parseDocument } from "yaml";
import { treeOf, YAML_OPTIONS, type YamlTree } from "./yaml-tree.js";

type Pair = readonly [YamlTree, YamlTree];
type Range = readonly [number, number, number];

/** One section's tree, with offsets from the section's start. */
interface Section {
  readonly pair: Pair;
  readonly range: Range;
}

const KEY_LINE = /^[A-Za-z_][A-Za-z0-9_-]*:(?:[ \t]|$)/;
// An entry's key inside a section: a plain key that may hold dots (`table-a4-1.1b:`).
const ENTRY_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*:(?:[ \t]|$)/;

const MAX_FLOW_DEPTH = 64;

/** The deepest nesting of [ and { (brackets in quotes count too: a text past the limit is only parsed whole). */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return deepest;
}

// The sections of the last few texts parsed: a page's next key finds all but one of them here,
// though the page reads a pasted config's YAML between two reads of its sheet.
const KEPT_TEXTS = 4;
let previous: Map<string, Section>[] = [];
onForget(() => (previous = []));

/** The tree the whole text would parse to, or undefined where the text is not plain enough (see above). */
export function sectionedTree(text: string): YamlTree | undefined {
  // Flow collections nested deeply are the whole parser's to refuse ("nested too deeply"): parsed
  // here first, they would be parsed twice, the second time at the end of the stack, where V8
  // aborts the process when it must compile a regular expression there.
  if (text.includes("\r") || flowDepth(text) > MAX_FLOW_DEPTH) return undefined;
  const starts: number[] = [];
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    const first = text[at];
    if (first !== undefined && first !== "\n" && first !== " " && first !== "#") {
      if (!KEY_LINE.test(text.slice(at, Math.min(end, at + 200)))) return undefined;
      starts.push(at);
    } else if (first === " " && starts.length === 0 && text.slice(at, end).trim() !== "" && !text.slice(at, end).trimStart().startsWith("#")) {
      // Indented content before the first key: not a plain top-level map.
      return undefined;
    }
    at = end + 1;
  }
  if (starts.length === 0) return undefined;
  const kept = new Map<string, Section>();
  const joined = piecesAt(text, starts, kept);
  if (joined === undefined || joined.pairs.some(([k]) => k === null)) return undefined;
  previous = [kept, ...previous.slice(0, KEPT_TEXTS - 1)];
  return ["m", ...joined.range, joined.pairs];
}

/** The pieces of `text` that begin at `starts`, each parsed (or found) and moved to where it is; undefined if one does not parse. */
function piecesAt(text: string, starts: readonly number[], kept: Map<string, Section>): { pairs: Pair[]; range: Range } | undefined {
  const pairs: Pair[] = [];
  let first: Range | undefined;
  let last: Range | undefined;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const section = sectionOf(text.slice(from, starts[i + 1] ?? text.length), kept);
    if (section === undefined) return undefined;
    pairs.push([shift(section.pair[0], from), shift(section.pair[1], from)]);
    const range: Range = [section.range[0] + from, section.range[1] + from, section.range[2] + from];
    first ??= range;
    last = range;
  }
  return first && last && { pairs, range: [first[0], last[1], last[2]] };
}

/**
 * One top-level key and its value. A value that is a block map or list is parsed an entry at a
 * time (`scenarios:` holds most of some sheets, and a key changes one scenario).
 */
function sectionOf(piece: string, kept: Map<string, Section>): Section | undefined {
  let known = kept.get(piece);
  for (let i = 0; known === undefined && i < previous.length; i++) known = previous[i]!.get(piece);
  if (known !== undefined) {
    kept.set(piece, known);
    return known;
  }
  const section = byEntries(piece, kept) ?? parsed(piece);
  if (section !== undefined) kept.set(piece, section);
  return section;
}

/** A piece of YAML parsed on its own, as a collection of exactly one entry (a pair, or an item). */
function parsed(piece: string): Section | undefined {
  const doc = parseDocument(piece, YAML_OPTIONS);
  if (doc.errors.length > 0 || !(isMap(doc.contents) || isSeq(doc.contents)) || doc.contents.items.length !== 1) return undefined;
  const tree = treeOf(doc.contents);
  if (tree === undefined || tree === null || tree[0] === "s") return undefined;
  return { pair: tree[0] === "m" ? tree[4][0]! : [null, tree[4][0]!], range: [tree[1], tree[2], tree[3]] };
}

const KEY_ONLY = /^([A-Za-z_][A-Za-z0-9_-]*):[ \t]*(?:#.*)?\n/;

/**
 * `key:` on a line of its own, then entries that all start at one indentation, either all keys
 * (a block map) or all `- ` (a block list): each entry is parsed alone, or found among the last
 * text's entries. Undefined where the piece is not that simple.
 */
function byEntries(piece: string, kept: Map<string, Section>): Section | undefined {
  const head = KEY_ONLY.exec(piece);
  if (!head) return undefined;
  const key = head[1]!;
  const starts: number[] = [];
  let indent = -1;
  let list: boolean | undefined;
  for (let at = head[0].length; at < piece.length; ) {
    let end = piece.indexOf("\n", at);
    if (end === -1) end = piece.length;
    const line = piece.slice(at, end);
    const body = line.trimStart();
    if (body !== "" && !body.startsWith("#")) {
      const n = line.length - body.length;
      if (indent === -1) indent = n;
      if (n < indent || indent === 0) return undefined;
      if (n === indent) {
        const item = body === "-" || body.startsWith("- ");
        if (!item && !ENTRY_KEY.test(body)) return undefined;
        if (list !== undefined && list !== item) return undefined;
        list = item;
        starts.push(at);
      }
    }
    at = end + 1;
  }
  if (starts.length === 0) return undefined;
  const joined = piecesAt(piece, starts, kept);
  // Each entry parsed as what the section holds: a pair under a key, a keyless item in a list.
  if (joined === undefined || joined.pairs.some(([k]) => (k === null) !== list)) return undefined;
  const [a, b, c] = joined.range;
  // A list's entries were parsed as one-item lists: their pairs hold no key.
  const value: YamlTree = list ? ["q", a, b, c, joined.pairs.map(([, item]) => item)] : ["m", a, b, c, joined.pairs];
  return { pair: [["s", 0, key.length, key.length, key], value], range: [0, b, c] };
}

const shift = (tree: YamlTree, by: number): YamlTree => moved(tree, (x) => x + by);

/** The tree with every offset mapped. */
function moved(tree: YamlTree, at: (x: number) => number): YamlTree {
  if (tree === null) return null;
  const [kind, a, b, c, content] = tree;
  if (kind === "s") return ["s", at(a), at(b), at(c), content];
  if (kind === "m") return ["m", at(a), at(b), at(c), content.map(([k, v]) => [moved(k, at), moved(v, at)] as const)];
  return ["q", at(a), at(b), at(c), content.map((t) => moved(t, at))];
}
