import type { Diagnostic } from './diagnostic.js';
import type { FlowGraph } from './graph.js';
import { error } from './make.js';

/** Node kinds where a run stops for a person (agent or customer): a loop through one cannot spin on its own. */
const WAITS = new Set(['ask', 'waitReply', 'script']);

/**
 * Strongly connected components, Tarjan's algorithm written with an explicit
 * stack (a 5,000-node chain must not recurse 5,000 deep). Components come
 * out in reverse topological order; each lists node indices.
 */
export function stronglyConnected(succ: readonly (readonly number[])[]): number[][] {
  const n = succ.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const frames: { v: number; next: number }[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frames.push({ v: root, next: 0 });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      const out = succ[f.v]!;
      if (f.next < out.length) {
        const w = out[f.next++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push({ v: w, next: 0 });
        } else if (onStack[w]) low[f.v] = Math.min(low[f.v]!, index[w]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.v] = Math.min(low[parent.v]!, low[f.v]!);
      if (low[f.v] !== index[f.v]) continue;
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component.push(w);
      } while (w !== f.v);
      components.push(component);
    }
  }
  return components;
}

/**
 * A loop in which no node waits for a person (ask, wait for reply, script)
 * could spin forever: automatic nodes run at once, and effect nodes are
 * answered by the server without anyone in between. Reported once per loop,
 * on its first node in document order.
 */
export function checkCycles(graph: FlowGraph): Diagnostic[] {
  const out: Diagnostic[] = [];
  const components = stronglyConnected(graph.succ)
    .filter((c) => c.length > 1 || graph.succ[c[0]!]!.includes(c[0]!))
    .map((c) => c.sort((a, b) => a - b));
  components.sort((a, b) => a[0]! - b[0]!);
  for (const c of components) {
    if (c.some((i) => WAITS.has(graph.nodes[i]!.kind))) continue;
    const ids = c.map((i) => graph.nodes[i]!.id);
    const shown = ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', ');
    out.push(
      error('cycle-without-wait', { nodeId: ids[0]! }, `The loop through ${shown} has no ask, wait-for-reply or script node: a run could go round it forever`, `经过 ${shown} 的循环中没有提问、等待回复或话术节点，流程可能无限循环`),
    );
  }
  return out;
}
