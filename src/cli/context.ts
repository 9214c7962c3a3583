/**
 * What every command receives: the process's streams and environment (as data, so tests run the
 * CLI in-process), the terminal style, and a place to put output. Output is collected and written
 * only when the command succeeds, so an error leaves stdout empty.
 */
import { Chalk } from "chalk";
import { PLAIN, type Style } from "../index.js";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly version: string;
  /** The built web page's folder (dist/web), for `flopsheet page`; absent where none was built. */
  readonly pageDir?: string;
  /** stderr where it is a terminal, for a progress bar; absent otherwise (and in tests). */
  readonly errStream?: NodeJS.WriteStream;
  /**
   * Resolves once stdout has taken what was written (a pipe's reader is slower than a sweep): a
   * streaming command waits on it, so rows are made as they are read, in constant memory.
   */
  readonly drained?: () => Promise<void>;
}

/** 0 fine, 1 a check did not come out as declared, 2 bad usage or input, 3 an internal error. */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2, internal: 3 } as const;

export interface Context {
  readonly io: Io;
  readonly style: Style;
  /** Appends to what is written to stdout on success. */
  readonly emit: (text: string) => void;
  /**
   * Writes to stdout now, for rows that stream (a sweep): only after every check that could fail
   * has passed, so an error still leaves stdout empty.
   */
  readonly stream: (text: string) => void;
  /** Sets the exit code of a command that ran (a check that failed). */
  readonly exitWith: (code: number) => void;
}

export function styleFor(io: Io): Style {
  const wanted = io.env.FORCE_COLOR !== undefined ? io.env.FORCE_COLOR !== "0" : io.isTTY && !io.env.NO_COLOR;
  if (!wanted) return PLAIN;
  const c = new Chalk({ level: 1 });
  return { heading: c.bold, name: c.cyan, value: c.yellow, dim: c.dim, ok: c.green, bad: c.red.bold };
}
