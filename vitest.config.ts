import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property and CLI tests spawn work; the default 5 s is tight on a loaded 2-core CI box.
    testTimeout: 30_000,
    // Vitest leaves a core free by default (one worker on two cores), but many files here spend
    // their time waiting on pdflatex, Chromium or a CLI child: one worker per core keeps both busy.
    maxWorkers: availableParallelism(),
  },
});
