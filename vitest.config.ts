import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property and CLI tests spawn work; the default 5 s is tight on a loaded 2-core CI box.
    testTimeout: 30_000,
  },
});
