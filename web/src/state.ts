/**
 * What the page shows, as data, and its place in the URL: the whole state lives in the fragment
 * (`#v1.` + base64url of its JSON), so a link reproduces what its sender saw and nothing is ever
 * sent to a server (a fragment never leaves the browser). No DOM here: the tests run it in Node.
 */

/** The pseudo-target that shows every quantity the vocabulary knows (`flopsheet estimate`). */
export const ESTIMATE = "*estimate";

export interface PageState {
  /** A shipped sheet's id: the sheet shown, or the one the edited text started from. */
  readonly sheet: string;
  /** The sheet's text when it was edited; undefined shows the shipped sheet. */
  readonly text?: string;
  /** A shipped model preset's id. */
  readonly model?: string;
  /** A pasted Hugging Face config.json: the model, in place of `model`. */
  readonly config?: string;
  readonly hardware?: string;
  readonly scenario?: string;
  /** A formula of the sheet, or ESTIMATE. */
  readonly target?: string;
  /** Inputs set on the page, by the sheet's symbol or a vocabulary name, as `--set` takes them. */
  readonly set: readonly (readonly [string, string])[];
}

/** The state a new visitor sees: the founding document's example, as `npm start` prints it. */
export const INITIAL: PageState = { sheet: "basu-2024", scenario: "section-4.2", target: "Total_FLOPs", set: [] };

const PREFIX = "v1.";

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The shipped text a sheet's edits are made to, by sheet id: links keep only the edit. */
export type BaseText = (sheet: string) => string | undefined;

/** A 32-bit FNV-1a hash of a text, in hex: which version of a shipped sheet an edit was made to. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/**
 * An edited text as the part that differs from its base: the length of the common start, of the
 * common end, and what lies between. A one-word edit of a 10 kB sheet is a link of a few dozen
 * characters, not 14 kB.
 */
function editOf(base: string, text: string): [number, number, string] {
  let start = 0;
  while (start < base.length && start < text.length && base[start] === text[start]) start++;
  let end = 0;
  while (end < base.length - start && end < text.length - start && base[base.length - 1 - end] === text[text.length - 1 - end]) end++;
  return [start, end, text.slice(start, text.length - end)];
}

/** The fragment (without `#`) that stands for a state; fields left at nothing are left out. */
export function encodeState(s: PageState, base?: BaseText): string {
  const o: Record<string, unknown> = { sheet: s.sheet };
  for (const key of ["text", "model", "config", "hardware", "scenario", "target"] as const) if (s[key] !== undefined) o[key] = s[key];
  const shipped = s.text === undefined ? undefined : base?.(s.sheet);
  if (shipped !== undefined && s.text !== undefined) {
    delete o.text;
    o.edit = editOf(shipped, s.text);
    o.base = fingerprint(shipped);
  }
  if (s.set.length > 0) o.set = s.set;
  return PREFIX + toBase64Url(JSON.stringify(o));
}

const optionalString = (o: Record<string, unknown>, key: string): string | undefined => {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw new Error(`its ${key} is not text`);
  return v;
};

/**
 * The state a fragment stands for. A link cut short or typed by hand says so (the page shows the
 * reason and starts from INITIAL); it never half-applies.
 *
 * @throws Error with the reason in words.
 */
export function decodeState(fragment: string, base?: BaseText): PageState {
  const body = fragment.replace(/^#/, "");
  if (!body.startsWith(PREFIX)) throw new Error("it was not made by this page (it should start with #v1.)");
  let o: unknown;
  try {
    o = JSON.parse(fromBase64Url(body.slice(PREFIX.length)));
  } catch {
    throw new Error("it is cut short or altered (its data does not decode)");
  }
  if (typeof o !== "object" || o === null || Array.isArray(o)) throw new Error("its data is not a page state");
  const r = o as Record<string, unknown>;
  const sheet = optionalString(r, "sheet");
  if (sheet === undefined) throw new Error("it names no sheet");
  const set = r.set ?? [];
  if (!Array.isArray(set) || !set.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && typeof p[1] === "string")) {
    throw new Error("its inputs are not name–value pairs");
  }
  let text = optionalString(r, "text");
  if (r.edit !== undefined) {
    const e = r.edit;
    if (!Array.isArray(e) || e.length !== 3 || !Number.isInteger(e[0]) || !Number.isInteger(e[1]) || e[0] < 0 || e[1] < 0 || typeof e[2] !== "string") throw new Error("its edit of the sheet is not an edit");
    const shipped = base?.(sheet);
    if (shipped === undefined) throw new Error(`it names a sheet this page does not have (‘${sheet}’)`);
    if (fingerprint(shipped) !== r.base || e[0] + e[1] > shipped.length) {
      throw new Error(`it edits another version of sheet ${sheet} than this page has (ask for a link from this version, or for the sheet's whole text)`);
    }
    text = shipped.slice(0, e[0]) + e[2] + shipped.slice(shipped.length - e[1]);
  }
  return {
    sheet,
    text,
    model: optionalString(r, "model"),
    config: optionalString(r, "config"),
    hardware: optionalString(r, "hardware"),
    scenario: optionalString(r, "scenario"),
    target: optionalString(r, "target"),
    set: set as [string, string][],
  };
}
