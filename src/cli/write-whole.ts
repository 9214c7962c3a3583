import { existsSync, lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { FlopsheetError, type ErrorCode } from "../index.js";

/**
 * Writes an output file whole or not at all: the text goes to a temporary file beside the target,
 * which is then renamed over it (atomic on one file system); on failure nothing is left behind.
 * What is not a regular file is written through, never replaced: a symbolic link's target is
 * written (whole, beside that target), and a device or FIFO (`-o /dev/stdout`, `-o /dev/null`,
 * a pipe) receives the text as it is; as root, replacing /dev/null would break the machine.
 */
export function writeWhole(path: string, text: string, options: { readonly named?: "by-user" | "by-flopsheet" } = {}): void {
  let target = path;
  // A file whose name flopsheet makes (a page's page.js, a report's figure) is only ever a regular
  // file it replaces: a link or a device someone left there is not written through.
  if (options.named === "by-flopsheet") refuseUnlessRegular(path);
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
    if (!statSync(target).isFile()) {
      attempt(path, () => writeFileSync(target, text));
      return;
    }
  } catch (e) {
    if (e instanceof FlopsheetError) throw e;
    // Nothing there yet (or a link to nothing): a new file, written whole below.
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  attempt(path, () => {
    try {
      writeFileSync(temporary, text, { flag: "wx" });
      renameSync(temporary, target);
    } catch (e) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // The temporary file could not have been made either (its folder is missing or a file).
      }
      throw e;
    }
  });
}

/** Refuses a path that exists and is not a regular file (a link, a FIFO, a device). */
export function refuseUnlessRegular(path: string): void {
  let kind: string | undefined;
  try {
    const st = lstatSync(path);
    kind = st.isFile() ? undefined : st.isSymbolicLink() ? "a symbolic link" : st.isFIFO() ? "a FIFO" : st.isDirectory() ? "a folder" : "a device or socket";
  } catch {
    return; // nothing there: a new file
  }
  if (kind) throw new FlopsheetError({ code: "CANNOT_WRITE", message: `cannot write ${path}: it is ${kind}, and flopsheet writes only regular files under names it makes itself` });
}

function attempt(path: string, write: () => void): void {
  try {
    write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const denied = code === "EACCES" || code === "EPERM" || code === "EROFS";
    const why = code === "ENOENT" ? (existsSync(dirname(path)) ? "no file can be made in its folder" : "its folder does not exist") : denied ? "permission denied" : code === "EISDIR" ? "it is a folder" : code === "ENOTDIR" ? "a file stands where a folder should" : String(code ?? e);
    const errorCode: ErrorCode = denied ? "PERMISSION" : "CANNOT_WRITE";
    throw new FlopsheetError({ code: errorCode, message: `cannot write ${path}: ${why}` });
  }
}
