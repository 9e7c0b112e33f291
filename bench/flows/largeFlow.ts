import type { FlowDocument, FlowEdge, FlowNode } from '../../packages/flows/src/index.js';

/**
 * A valid flow of about `nodes` nodes for the benchmarks: blocks of four
 * (ask a number → decision → set a variable when it is above 5, else a
 * script line) chained one after the other, between a start and an end.
 * Every node is reachable, every decision has a default, and no loop
 * exists, so validate finds nothing and a run visits one branch per block.
 */
export function largeFlow(nodes: number): FlowDocument {
  const blocks = Math.max(1, Math.floor((nodes - 2) / 4));
  const flowNodes: FlowNode[] = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 } }];
  const edges: FlowEdge[] = [];
  const variables: FlowDocument['variables'] = [];
  const link = (source: string, port: string, target: string, guard?: string): void => {
    edges.push({ id: `e${edges.length}`, source, sourcePort: port, target, ...(guard ? { guard, priority: 0 } : {}) });
  };
  // A flow may declare 500 variables: blocks past the 200th ask again into earlier ones.
  const VARIABLE_PAIRS = 200;
  for (let i = 0; i < blocks; i++) {
    const y = 140 + i * 360;
    const v = i % VARIABLE_PAIRS;
    if (i < VARIABLE_PAIRS) variables.push({ name: `x${v}`, type: 'number' }, { name: `y${v}`, type: 'number' });
    flowNodes.push(
      { id: `ask${i}`, kind: 'ask', position: { x: 0, y }, label: `Ask ${i}`, fields: [{ variable: `x${v}`, label: `Value ${i}`, input: 'number', required: true, rules: { min: 0, max: 100 } }] },
      { id: `dec${i}`, kind: 'decision', position: { x: 0, y: y + 110 }, label: `Check ${i}` },
      { id: `set${i}`, kind: 'setVariable', position: { x: -160, y: y + 220 }, assignments: [{ variable: `y${v}`, value: `x${v} * 2 + 1` }] },
      { id: `say${i}`, kind: 'script', position: { x: 160, y: y + 220 }, text: `Block ${i}: the value was {{x${v}}}.` },
    );
    if (i === 0) link('start', 'out', 'ask0');
    link(`ask${i}`, 'out', `dec${i}`);
    link(`dec${i}`, 'out', `set${i}`, `x${v} > 5`);
    link(`dec${i}`, 'out', `say${i}`);
    // Both branches join at the next block's ask (or the end).
    const next = i + 1 < blocks ? `ask${i + 1}` : 'end';
    link(`set${i}`, 'out', next);
    link(`say${i}`, 'out', next);
  }
  if (blocks === 0) link('start', 'out', 'end');
  flowNodes.push({ id: 'end', kind: 'end', position: { x: 0, y: 140 + blocks * 360 }, disposition: 'resolved' });
  return { schemaVersion: 1, key: `bench-${nodes}`, name: `Bench ${nodes}`, description: '', variables, nodes: flowNodes, edges, tests: [] };
}
