/**
 * Memo tables kept with objects that do not change once made (a sheet, an expression, a preset's
 * values), and the one way to empty them all. The CLI's start-up snapshot empties them before it
 * is written: what its warm-up runs worked out for themselves would otherwise be deserialised at
 * every start, and a command fills them again for its own run.
 */
export interface Memo<K extends object, V> {
  /** The value kept for `key`, made by `make` the first time it is asked for. */
  of(key: K, make: () => V): V;
}

/** A memo of values for an object and a second key: a string, or another object (then held weakly). */
export interface KeyedMemo<K extends object, J, V> {
  of(key: K, second: J, make: () => V): V;
}

const forgetting: (() => void)[] = [];

/**
 * A table by object, that forgetMemos empties unless it is `lasting`: facts about the shipped
 * sheets and presets that are dear to make and that every command asks for (a constant's value, a
 * compiled program) are worth their room in the snapshot, which every start deserialises (170 kB
 * of a formula's names cost 1.5–2 ms); what one command's runs looked up for themselves is not.
 */
export function memo<K extends object, V>(options: { readonly lasting?: boolean } = {}): Memo<K, V> {
  let table = new WeakMap<K, V>();
  if (!options.lasting) forgetting.push(() => (table = new WeakMap()));
  return {
    of(key, make) {
      let value = table.get(key);
      if (value === undefined) table.set(key, (value = make()));
      return value;
    },
  };
}

/** A table by object and second key, that forgetMemos empties unless it is `lasting`. */
export function keyedMemo<K extends object, J, V>(options: { readonly lasting?: boolean } = {}): KeyedMemo<K, J, V> {
  const tables = memo<K, { byValue: Map<J, V>; byObject: WeakMap<object, V> }>(options);
  return {
    of(key, second, make) {
      const t = tables.of(key, () => ({ byValue: new Map(), byObject: new WeakMap() }));
      const weak = typeof second === "object" && second !== null;
      let value = weak ? t.byObject.get(second) : t.byValue.get(second);
      if (value === undefined) {
        value = make();
        if (weak) t.byObject.set(second, value);
        else t.byValue.set(second, value);
      }
      return value;
    },
  };
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A memo by a list of objects (the presets asked for), kept with the list but made again when
 * what the list holds has changed since: a caller may push to its own array between two calls.
 */
export function listMemo<T, V>(options: { readonly lasting?: boolean } = {}): Memo<readonly T[], V> {
  const keyed = keyedListMemo<readonly T[], T, V>(options);
  return { of: (list, make) => keyed.of(list, list, make) };
}

/** A memo by an object and a list of objects, the list's items checked as listMemo checks them. */
export function keyedListMemo<K extends object, T, V>(options: { readonly lasting?: boolean } = {}): { of(key: K, list: readonly T[], make: () => V): V } {
  const tables = memo<K, WeakMap<readonly T[], { readonly items: readonly T[]; readonly value: V }>>(options);
  return {
    of(key, list, make) {
      const table = tables.of(key, () => new WeakMap());
      const kept = table.get(list);
      if (kept && sameItems(kept.items, list)) return kept.value;
      const value = make();
      table.set(list, { items: [...list], value });
      return value;
    },
  };
}

/** Registers another cache to empty (one that is not a memo table). */
export function onForget(forget: () => void): void {
  forgetting.push(forget);
}

/** Empties every memo table. */
export function forgetMemos(): void {
  for (const forget of forgetting) forget();
}
