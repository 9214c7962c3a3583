/**
 * Where the CLI's sheets and presets come from: a shipped id (built into the core) or a path on
 * disk. Sheets, presets and configs come from other people, so a file is read only when it is a
 * regular file under MAX_FILE_BYTES (never a device, a FIFO or /dev/stdin), a relative path
 * resolves against the file that names it, and a path that a file names (`extends:`, a scenario's
 * `model:`) must lie inside the folder of the sheet given on the command line, the working
 * directory, or a folder given with --allow-path. Messages about a file never quote its contents
 * unless it is recognisably a sheet (see YamlReader).
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import {
  FlopsheetError,
  loadPreset,
  loadSheet,
  loadShipped,
  loadShippedPreset,
  configPreset,
  shippedSheetText,
  shippedVocabulary,
  type Preset,
  type PresetKind,
  type Sheet,
} from "../index.js";

/** Larger files are refused before they are read: a sheet is text a person wrote. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** What the command may read: the working directory, and folders it trusts. */
export interface Access {
  readonly cwd: string;
  /** Folders (besides cwd and the sheet's own) that paths named inside files may reach: --allow-path. */
  readonly allowed: readonly string[];
}

function isPath(arg: string): boolean {
  return /[\\/]/.test(arg) || /\.(ya?ml|json)$/i.test(arg);
}

const inside = (path: string, folder: string) => {
  const r = relative(folder, path);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r) && !r.startsWith(sep));
};

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/**
 * A file's text, or an error that says why in words (never the file's contents). `roots`, when
 * given, are the folders it must lie in (after following links).
 */
function readText(path: string, shown: string, what: string, roots?: readonly string[]): string {
  if (roots && !roots.some((root) => inside(real(path), real(root)))) {
    throw new FlopsheetError({
      code: "PERMISSION",
      message: `${what} ${shown} is outside the folders a sheet may read (its own, the working directory); give --allow-path ${dirname(path)} to allow it`,
    });
  }
  const fail = (code: "NOT_FOUND" | "PERMISSION" | "INVALID_VALUE", why: string): never => {
    throw new FlopsheetError({ code, message: `cannot read ${what} ${shown}: ${why}` });
  };
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return fail("NOT_FOUND", "it is a folder");
    if (!stat.isFile()) return fail("INVALID_VALUE", "it is not a regular file (a device, a pipe or a socket)");
    if (stat.size > MAX_FILE_BYTES) return fail("INVALID_VALUE", `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    const text = readFileSync(path, "utf8");
    // /proc and the like report a size of 0 and may hold anything: the limit holds for what was read.
    if (text.length > MAX_FILE_BYTES) return fail("INVALID_VALUE", `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    return text;
  } catch (e) {
    if (e instanceof FlopsheetError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") return fail("PERMISSION", "permission denied");
    return fail("NOT_FOUND", code === "ENOENT" ? "no such file" : code === "ENOTDIR" ? "a file stands where a folder should" : String(code ?? e));
  }
}

/** A file named on the command line (it may be anywhere), read as readText reads. */
export function readUserFile(arg: string, cwd: string, what: string): string {
  return readText(resolve(cwd, arg), arg, what);
}

/** A model or hardware preset named by id or path; a Hugging Face config.json is converted. */
export function openPreset(arg: string, access: Access, from?: { folder: string; roots: readonly string[] }, kind?: PresetKind): Preset {
  if (!isPath(arg)) return loadShippedPreset(arg, kind);
  const path = resolve(from?.folder ?? access.cwd, arg);
  const json = /\.json$/i.test(arg);
  const text = readText(path, arg, json ? "config" : "preset", from?.roots);
  if (json) {
    return configPreset(text, arg);
  }
  return loadPreset(text, { path: arg, vocabulary: shippedVocabulary() });
}

/** Reads and loads a sheet named by id or path (a path given on the command line may be anywhere). */
export function openSheet(arg: string, access: Access): Sheet {
  if (!isPath(arg)) return loadShipped(arg);
  const path = resolve(access.cwd, arg);
  const roots = [dirname(path), access.cwd, ...access.allowed.map((a) => resolve(access.cwd, a))];
  const folderOf = (from: string) => dirname(resolve(access.cwd, from));
  return loadSheet(readText(path, arg, "sheet"), {
    path: arg,
    resolve: (ref, from) => {
      if (!isPath(ref)) return shippedSheetText(ref);
      const base = resolve(folderOf(from), ref);
      const shown = relative(access.cwd, base);
      try {
        return { text: readText(base, ref, "sheet", roots), path: shown.startsWith("..") ? base : shown };
      } catch (e) {
        // Missing: the loader says so where `extends:` names it. Refused: the reason is reported there.
        if (e instanceof FlopsheetError && e.code === "NOT_FOUND") return undefined;
        throw e;
      }
    },
    // An unknown shipped id is reported where the scenario names it; other problems say what they are.
    resolvePreset: (id, from) => {
      try {
        return openPreset(id, access, { folder: folderOf(from), roots });
      } catch (e) {
        if (e instanceof FlopsheetError && e.code === "NOT_FOUND" && !isPath(id)) return undefined;
        throw e;
      }
    },
    vocabulary: shippedVocabulary(),
  });
}
