/**
 * Memo tables kept with objects that live as long as the process (a shipped sheet, a preset's
 * values), and the one way to empty them all. The CLI's start-up snapshot empties them before it
 * is written: what its warm-up runs worked out for themselves would otherwise be deserialised at
 * every start (0.3 MB, about 2 ms), and a command fills them again for its own run.
 */
export interface Memo<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

const forgetting: (() => void)[] = [];

/** A WeakMap that forgetMemos empties. */
export function memo<K extends object, V>(): Memo<K, V> {
  let table = new WeakMap<K, V>();
  forgetting.push(() => (table = new WeakMap()));
  return { get: (key) => table.get(key), set: (key, value) => void table.set(key, value) };
}

/** Registers another cache to empty (one that is not keyed by objects). */
export function onForget(forget: () => void): void {
  forgetting.push(forget);
}

/** Empties every memo table. */
export function forgetMemos(): void {
  for (const forget of forgetting) forget();
}
