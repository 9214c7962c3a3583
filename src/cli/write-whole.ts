import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { FlopsheetError } from "../index.js";

/**
 * Writes a file whole or not at all: the text goes to a temporary file beside the target, which
 * is then renamed over it (atomic on one file system). On failure nothing is left behind.
 */
export function writeWhole(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    renameSync(temporary, path);
  } catch (e) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The temporary file could not have been made either (its folder is missing or a file).
    }
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "its folder does not exist" : code === "EACCES" || code === "EROFS" ? "permission denied" : code === "EISDIR" ? "it is a folder" : String(code ?? e);
    throw new FlopsheetError({ code: "NOT_FOUND", message: `cannot write ${path}: ${why}` });
  }
}
