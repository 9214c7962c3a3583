/**
 * Property runs: a fixed seed and 10,000 cases under `npm test` (reproducible in CI), a random
 * seed and many more cases under `npm run fuzz` (FUZZ=1). A failing fuzz run prints its seed.
 */
export const FUZZ = process.env.FUZZ === "1";
export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : FUZZ ? Date.now() % 2 ** 31 : 20261128;
export const runs = (ciRuns: number) => (FUZZ ? ciRuns * 20 : ciRuns);
/** Per-test time limit: generous under `npm run fuzz`. */
export const TIMEOUT = FUZZ ? 900_000 : 30_000;

const CHUNK = 10_000;

/**
 * fc.assert in chunks of 10,000 runs (seeds SEED, SEED + 1, …), yielding between them: a long
 * synchronous run starves vitest's worker of its event loop and it reports a timeout.
 */
export async function assertRuns<T>(property: import("fast-check").IProperty<T>, numRuns: number): Promise<void> {
  const fc = (await import("fast-check")).default;
  for (let done = 0, chunk = 0; done < numRuns; done += CHUNK, chunk++) {
    await fc.assert(property, { seed: SEED + chunk, numRuns: Math.min(CHUNK, numRuns - done) });
    await new Promise((resolve) => setImmediate(resolve));
  }
}
