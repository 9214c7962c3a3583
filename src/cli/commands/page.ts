import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command, Option } from "commander";
import { FlopsheetError } from "../../index.js";
import type { Context } from "../context.js";
import { example, withOptions } from "../options.js";
import { refuseUnlessRegular, writeWhole } from "../write-whole.js";

/** No index.html this command writes comes near this; a larger one is someone else's. */
const MAX_PAGE_BYTES = 1 << 20;

/** The built page's files (scripts/build-web.mjs); index.html carries MARK so a rewrite knows its own. */
export const PAGE_FILES = ["index.html", "page.js", "page.css"] as const;
export const PAGE_MARK = "<!-- flopsheet page -->";

export function pageCommand(ctx: Context): Command {
  const command = new Command("page").description("write the web page (the same engine, in a browser, offline) to a folder: open its index.html");
  withOptions(command, new Option("-o, --output <dir>", "the folder to write index.html, page.js and page.css into (made if missing)").makeOptionMandatory());
  example(command, "flopsheet page -o flopsheet-page && xdg-open flopsheet-page/index.html");
  return command.action((o: { output: string }) => {
    const from = ctx.io.pageDir;
    if (from === undefined || !PAGE_FILES.every((f) => existsSync(join(from, f)))) {
      throw new FlopsheetError({ code: "NOT_FOUND", message: "this installation of flopsheet has no built page; in a clone of the repository, npm run build makes it" });
    }
    const dir = resolve(ctx.io.cwd, o.output);
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new FlopsheetError({ code: "CANNOT_WRITE", message: `cannot write the page into ${o.output}: it is a file, not a folder` });
    // Someone else's index.html is never replaced; one this command wrote is brought up to date.
    const index = join(dir, "index.html");
    // Read only a regular file of a page's size: a FIFO would block, /dev/zero would never end.
    for (const f of PAGE_FILES) refuseUnlessRegular(join(dir, f));
    if (existsSync(index) && (statSync(index).size > MAX_PAGE_BYTES || !readFileSync(index, "utf8").includes(PAGE_MARK))) {
      throw new FlopsheetError({ code: "CANNOT_WRITE", message: `${join(o.output, "index.html")} exists and was not written by flopsheet page; choose another folder` });
    }
    // Read all before writing any, so a missing file cannot leave half a page.
    const texts = PAGE_FILES.map((f) => [f, readFileSync(join(from, f), "utf8")] as const);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new FlopsheetError({ code: "CANNOT_WRITE", message: `cannot make the folder ${o.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
    }
    // page.js and page.css first: index.html, the file people open, appears last.
    for (const [f, text] of [...texts.slice(1), texts[0]!]) writeWhole(join(dir, f), text, { named: "by-flopsheet" });
    ctx.emit(`wrote ${join(o.output, "index.html")} (with page.js and page.css): open it in a browser; it needs no network\n`);
  });
}
