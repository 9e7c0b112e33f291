import type { FlowDocument } from '../schema/flowDocument.js';
import { NODE_PORTS, type FlowNode } from '../schema/nodes.js';
import type { FlowEdge } from '../schema/edges.js';

/**
 * A document's graph, indexed once for validate and compile: nodes by id
 * (the first of a duplicated id wins), and each node's valid outgoing edges
 * (known source, known target, a port the source has) per port, in the
 * order a run tries them.
 */
export interface FlowGraph {
  nodes: readonly FlowNode[];
  indexOf: ReadonlyMap<string, number>;
  /** Per node index: port -> edges in trial order. Every port of the kind has an entry. */
  ports: readonly ReadonlyMap<string, readonly FlowEdge[]>[];
  /** Per node index: indices of the nodes its valid edges lead to (with repeats). */
  succ: readonly (readonly number[])[];
}

/** Code-unit order, never locale order: the same on every machine. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order a run tries the edges of one port: guarded edges by priority
 * (absent = 0, lower first) then id, then the unguarded default(s) in the
 * same order. A default placed first would shadow every guard, so it always
 * goes last whatever its priority.
 */
export function compareEdges(a: FlowEdge, b: FlowEdge): number {
  const da = a.guard === undefined ? 1 : 0;
  const db = b.guard === undefined ? 1 : 0;
  return da - db || (a.priority ?? 0) - (b.priority ?? 0) || compareIds(a.id, b.id);
}

export function buildGraph(doc: Pick<FlowDocument, 'nodes' | 'edges'>): FlowGraph {
  const nodes: FlowNode[] = [];
  const indexOf = new Map<string, number>();
  for (const n of doc.nodes) {
    if (indexOf.has(n.id)) continue;
    indexOf.set(n.id, nodes.length);
    nodes.push(n);
  }
  const ports = nodes.map((n) => new Map<string, FlowEdge[]>(NODE_PORTS[n.kind].map((p) => [p, []])));
  const succ: number[][] = nodes.map(() => []);
  const seenEdge = new Set<string>();
  for (const e of doc.edges) {
    if (seenEdge.has(e.id)) continue;
    seenEdge.add(e.id);
    const s = indexOf.get(e.source);
    const t = indexOf.get(e.target);
    if (s === undefined || t === undefined) continue;
    const list = ports[s]!.get(e.sourcePort);
    if (!list) continue;
    list.push(e);
    succ[s]!.push(t);
  }
  for (const m of ports) for (const list of m.values()) list.sort(compareEdges);
  return { nodes, indexOf, ports, succ };
}

/** Indices of the nodes reachable from `from` (breadth first), as a flag per node. */
export function reachableFrom(graph: FlowGraph, from: readonly number[]): Uint8Array {
  const seen = new Uint8Array(graph.nodes.length);
  const queue = [...from];
  for (const i of from) seen[i] = 1;
  for (let q = 0; q < queue.length; q++) {
    for (const t of graph.succ[queue[q]!]!) {
      if (seen[t]) continue;
      seen[t] = 1;
      queue.push(t);
    }
  }
  return seen;
}
