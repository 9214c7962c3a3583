/**
 * Checks of the library's arguments, for callers in JavaScript (or TypeScript with `any`): a
 * wrong type is a FlopsheetError that says which argument and what it should be, never a
 * TypeError from deep inside, and never a silent `undefined`.
 */
import { FlopsheetError } from "./errors.js";

const describe = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? ""}`.trim());

function fail(what: string, expected: string, value: unknown): never {
  throw new FlopsheetError({ code: "INVALID_ARGUMENT", message: `${what} must be ${expected}, not ${describe(value)}` });
}

/** @example expectString(text, "loadSheet's text") */
export function expectString(value: unknown, what: string): asserts value is string {
  if (typeof value !== "string") fail(what, "a string", value);
}

/** An options argument: absent, or a plain object. */
export function expectOptions(value: unknown, what: string): void {
  if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) fail(what, "an object of options", value);
}

export function expectOneOf<T extends string>(value: unknown, choices: readonly T[], what: string): asserts value is T {
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) fail(what, `one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`, value);
}

/** A loaded sheet (what loadSheet and loadShipped return). */
export function expectSheet(value: unknown, what: string): void {
  const s = value as { formulas?: unknown; inputs?: unknown; evaluationOrder?: unknown } | null;
  if (typeof s !== "object" || s === null || !Array.isArray(s.formulas) || !Array.isArray(s.inputs) || !Array.isArray(s.evaluationOrder)) {
    fail(what, "a sheet from loadSheet or loadShipped", value);
  }
}

/** The digits, settings and presets options many functions share, where they are given. */
export function expectCommonOptions(value: unknown, what: string): void {
  expectOptions(value, what);
  const o = (value ?? {}) as { digits?: unknown; set?: unknown; presets?: unknown };
  if (o.digits !== undefined && !(Number.isInteger(o.digits) && (o.digits as number) >= 1 && (o.digits as number) <= 60)) fail(`${what}' digits`, "a whole number from 1 to 60", o.digits);
  if (o.set !== undefined) {
    if (!Array.isArray(o.set)) fail(`${what}' set`, "an array of { name, text } settings", o.set);
    for (const s of o.set as unknown[]) {
      const t = s as { name?: unknown; text?: unknown } | null;
      if (typeof t !== "object" || t === null || typeof t.name !== "string" || typeof t.text !== "string") fail(`each of ${what}' set`, "a { name, text } setting of two strings", s);
    }
  }
  if (o.presets !== undefined && !Array.isArray(o.presets)) fail(`${what}' presets`, "an array of presets", o.presets);
}
