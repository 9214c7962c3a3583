/**
 * A progress bar on stderr for a long sweep, only when stderr is a terminal: cli-progress draws
 * and redraws it in place (a well-kept library for a fiddly job: widths, ETA, cursor control).
 */
import cliProgress from "cli-progress";
import type { Io } from "./context.js";

const LONG = 200_000;

export function progressBar(io: Io, total: number): { update(n: number): void; stop(): void } | undefined {
  if (!io.errStream || total < LONG) return undefined;
  const bar = new cliProgress.SingleBar({ stream: io.errStream, format: "{bar} {percentage}% · {value}/{total} points · {eta_formatted} left", hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { update: (n) => bar.update(n), stop: () => { bar.update(total); bar.stop(); } };
}
