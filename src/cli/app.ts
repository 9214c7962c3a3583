/**
 * The `flopsheet` command: a thin shell over the API. Each command lives in its own file under
 * commands/; this one wires them up and maps errors to exit codes (see EXIT).
 */
import { Command, CommanderError } from "commander";
import { FlopsheetError, formatError } from "../index.js";
import { CLI_WORDING } from "./wording.js";
import { checkCommand } from "./commands/check.js";
import { compareCommand } from "./commands/compare.js";
import { deriveCommand } from "./commands/derive.js";
import { estimateCommand } from "./commands/estimate.js";
import { importConfigCommand } from "./commands/import-config.js";
import { modelsCommand, sheetsCommand, vocabularyCommand } from "./commands/lists.js";
import { reportCommand } from "./commands/report.js";
import { symbolicCommand } from "./commands/symbolic.js";
import { sweepCommand } from "./commands/sweep.js";
import { solveCommand } from "./commands/solve.js";
import { breakdownCommand } from "./commands/breakdown.js";
import { sensitivityCommand } from "./commands/sensitivity.js";
import { pageCommand } from "./commands/page.js";
import { EXIT, styleFor, type Context, type Io } from "./context.js";

export { EXIT, type Io } from "./context.js";
export { exitWhenWritten, processIo } from "./process-io.js";
export { forgetMemos } from "../core/memo.js";

const COMMANDS = [estimateCommand, deriveCommand, symbolicCommand, checkCommand, reportCommand, compareCommand, sweepCommand, solveCommand, breakdownCommand, sensitivityCommand, importConfigCommand, pageCommand, modelsCommand, vocabularyCommand, sheetsCommand];

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  let output = "";
  const style = styleFor(io);
  const ctx: Context = {
    io,
    style,
    emit: (t) => (output += t),
    stream: (t) => {
      // What was emitted before goes first, so the order of output is kept.
      if (output) io.out(output);
      output = "";
      io.out(t);
    },
    exitWith: (c) => (code = c),
  };
  const outputConfig = { writeOut: (s: string) => (output += s), writeErr: io.err };
  const program = new Command()
    .name("flopsheet")
    .description("Shows how every number in LLM compute accounting was derived.")
    .version(io.version)
    .exitOverride()
    .showHelpAfterError("(flopsheet --help lists the commands)")
    .configureOutput(outputConfig);
  for (const make of COMMANDS) {
    const command = make(ctx);
    command.exitOverride().configureOutput(outputConfig).showHelpAfterError(`(flopsheet ${command.name()} --help shows its usage and an example)`);
    program.addCommand(command);
  }

  try {
    await program.parseAsync(argv as string[], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0 and their text in `output`.
      if (e.exitCode === 0) {
        io.out(output);
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (e instanceof FlopsheetError) {
      io.err(`${style.bad("error")}: ${formatError(e, CLI_WORDING)}\n`);
      return EXIT.usage;
    }
    io.err(`internal error (please report it): ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.internal;
  }
  io.out(output);
  return code;
}
