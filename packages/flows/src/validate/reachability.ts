import type { Diagnostic } from './diagnostic.js';
import { reachableFrom, type FlowGraph } from './graph.js';
import { error, warning } from './make.js';

const isTerminal = (kind: string) => kind === 'end' || kind === 'transfer';

/** Which nodes a run can reach from the start nodes (every node flagged 0 when there is no start). */
export function reachableNodes(graph: FlowGraph): Uint8Array {
  const starts: number[] = [];
  graph.nodes.forEach((n, i) => n.kind === 'start' && starts.push(i));
  return reachableFrom(graph, starts);
}

/**
 * Nodes no run reaches (a warning: they are harmless, but probably a
 * mistake), a flow with no end or transfer a run can reach, and nodes from
 * which no end or transfer can be reached (a run there could never finish).
 */
export function checkReachability(graph: FlowGraph, reachable: Uint8Array): Diagnostic[] {
  const out: Diagnostic[] = [];
  const hasStart = graph.nodes.some((n) => n.kind === 'start');
  if (hasStart) {
    graph.nodes.forEach((n, i) => {
      if (!reachable[i]) out.push(warning('unreachable-node', { nodeId: n.id }, 'No run can reach this node', '任何运行都无法到达此节点'));
    });
  }
  const terminalReached = graph.nodes.some((n, i) => isTerminal(n.kind) && (reachable[i] || !hasStart));
  if (!terminalReached) {
    out.push(error('no-end', {}, 'No end or transfer node can be reached: the flow never finishes', '流程中没有可到达的结束或转接节点，无法结束'));
    return out;
  }
  // Walk back from the terminals: a reachable node not met can never finish.
  const pred: number[][] = graph.nodes.map(() => []);
  graph.succ.forEach((ts, s) => ts.forEach((t) => pred[t]!.push(s)));
  const finishes = new Uint8Array(graph.nodes.length);
  const queue: number[] = [];
  graph.nodes.forEach((n, i) => isTerminal(n.kind) && (finishes[i] = 1) && queue.push(i));
  for (let q = 0; q < queue.length; q++)
    for (const p of pred[queue[q]!]!) {
      if (finishes[p]) continue;
      finishes[p] = 1;
      queue.push(p);
    }
  graph.nodes.forEach((n, i) => {
    if (reachable[i] && !finishes[i]) out.push(error('cannot-reach-end', { nodeId: n.id }, 'No end or transfer can be reached from this node: a run here never finishes', '从此节点无法到达结束或转接节点，流程会无法结束'));
  });
  return out;
}
