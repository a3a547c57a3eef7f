// Plain graph algorithms over node ids: reachability and strongly connected components (Tarjan, iterative).
export type Adjacency = ReadonlyMap<string, readonly string[]>;

export function reachableFrom(starts: readonly string[], adj: Adjacency): Set<string> {
  const seen = new Set<string>(starts);
  const stack = [...starts];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const next of adj.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** Components that hold a cycle: two or more nodes, or one node with an edge to itself. */
export function cyclicComponents(ids: readonly string[], adj: Adjacency): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    // Iterative DFS so a 10,000-node chain cannot overflow the call stack.
    const work: { id: string; i: number }[] = [{ id: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (!top) break;
      const succ = adj.get(top.id) ?? [];
      if (top.i < succ.length) {
        const next = succ[top.i++] ?? '';
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ id: next, i: 0 });
        } else if (onStack.has(next)) {
          low.set(top.id, Math.min(low.get(top.id) ?? 0, index.get(next) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(top.id) ?? 0));
      if (low.get(top.id) === index.get(top.id)) {
        const comp: string[] = [];
        for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
          onStack.delete(x);
          comp.push(x);
          if (x === top.id) break;
        }
        if (comp.length > 1 || (adj.get(top.id) ?? []).includes(top.id)) out.push(comp.reverse());
      }
    }
  }
  return out;
}
