/**
 * The dependency graph of a sheet's formulas. Iterative throughout: a chain of ten thousand
 * formulas must not overflow the call stack.
 */

export interface Ordering {
  /** Every node that is not on a cycle, each after everything it depends on. */
  readonly order: string[];
  /** Each cycle once, as a path that returns to its start: `["a", "b", "a"]`. */
  readonly cycles: string[][];
}

/**
 * Orders `nodes` so that each follows its dependencies (`deps` lists, for a node, the nodes it
 * uses; names outside `nodes` are ignored).
 *
 * @example orderByDependencies(["c", "b", "a"], new Map([["c", ["b"]], ["b", ["a"]]])).order // ["a", "b", "c"]
 */
export function orderByDependencies(nodes: readonly string[], deps: ReadonlyMap<string, readonly string[]>): Ordering {
  const known = new Set(nodes);
  const state = new Map<string, "active" | "done">();
  const order: string[] = [];
  const cycles: string[][] = [];
  const seenCycles = new Set<string>();

  for (const root of nodes) {
    if (state.has(root)) continue;
    // An explicit stack of (node, index of the next dependency to visit).
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, "active");
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const children = (deps.get(top) ?? []).filter((c) => known.has(c));
      const i = next[next.length - 1]!;
      if (i < children.length) {
        next[next.length - 1] = i + 1;
        const child = children[i]!;
        const s = state.get(child);
        if (s === undefined) {
          state.set(child, "active");
          path.push(child);
          next.push(0);
        } else if (s === "active") {
          const cycle = [...path.slice(path.indexOf(child)), child];
          const key = [...new Set(cycle)].sort().join("\u0000");
          if (!seenCycles.has(key)) {
            seenCycles.add(key);
            cycles.push(cycle);
          }
        }
      } else {
        state.set(top, "done");
        path.pop();
        next.pop();
        order.push(top);
      }
    }
  }
  const onCycle = new Set(cycles.flat());
  return { order: order.filter((n) => !onCycle.has(n)), cycles };
}
