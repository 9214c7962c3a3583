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

/** The fragment (without `#`) that stands for a state; fields left at nothing are left out. */
export function encodeState(s: PageState): string {
  const o: Record<string, unknown> = { sheet: s.sheet };
  for (const key of ["text", "model", "config", "hardware", "scenario", "target"] as const) if (s[key] !== undefined) o[key] = s[key];
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
export function decodeState(fragment: string): PageState {
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
  return {
    sheet,
    text: optionalString(r, "text"),
    model: optionalString(r, "model"),
    config: optionalString(r, "config"),
    hardware: optionalString(r, "hardware"),
    scenario: optionalString(r, "scenario"),
    target: optionalString(r, "target"),
    set: set as [string, string][],
  };
}
