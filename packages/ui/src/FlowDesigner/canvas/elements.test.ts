import { describe, expect, it } from 'vitest';
import type { Diagnostic, FlowNode } from '@omnicc/flows';
import { SAMPLE_FLOW } from '../testing/fixtures.js';
import { toEdges, toNodes, type DesignerEdge, type DesignerNode } from './elements.js';

const none = { nodes: [], edges: [] };
const name = (n: FlowNode) => n.id;
const problem = (nodeId: string): Diagnostic => ({ code: 'port-not-connected', severity: 'error', nodeId, message: { en: 'x', 'zh-CN': 'x' } });

describe('canvas elements', () => {
  it('keeps the objects of nodes an edit did not touch, so React Flow redraws only the edited one', () => {
    const first = toNodes(SAMPLE_FLOW, none, { diagnostics: [problem('n6')] }, new Map(), new Map(), new Map(), name);
    const edited = { ...SAMPLE_FLOW, nodes: SAMPLE_FLOW.nodes.map((n) => (n.id === 'n2' ? { ...n, label: 'Hi' } : n)) };
    // Validation gives new diagnostic objects with the same content.
    const second = toNodes(edited, none, { diagnostics: [problem('n6')] }, new Map(), new Map(), new Map(first.map((n): [string, DesignerNode] => [n.id, n])), name);
    expect(second.filter((n, i) => n !== first[i]).map((n) => n.id)).toEqual(['n2']);
  });

  it('draws removed nodes and edges as ghosts joined to live nodes', () => {
    const ghost: FlowNode = { id: 'n10', kind: 'script', position: { x: 0, y: 0 }, text: '' };
    const diff = { nodes: new Map(), edges: new Map(), ghostNodes: [ghost], ghostEdges: [{ id: 'e10', source: 'n3', sourcePort: 'out', target: 'n10' }] };
    const nodes = toNodes(SAMPLE_FLOW, none, { diagnostics: [], diff }, new Map(), new Map(), new Map(), name);
    const edges = toEdges(SAMPLE_FLOW, none, { diagnostics: [], diff }, new Map<string, DesignerEdge>());
    expect(nodes.at(-1)).toMatchObject({ id: 'ghost:n10', draggable: false, connectable: false, data: { diff: 'removed' } });
    expect(edges.at(-1)).toMatchObject({ id: 'ghost:e10', source: 'n3', target: 'ghost:n10', data: { diff: 'removed' } });
  });

  it('marks an unguarded edge beside guarded ones as the default branch and names ports of multi-port nodes', () => {
    const edges = toEdges(SAMPLE_FLOW, none, { diagnostics: [] }, new Map());
    const data = (id: string) => edges.find((e) => e.id === id)?.data;
    expect([data('e6')?.isDefault, data('e5')?.isDefault, data('e8')?.namedPort, data('e1')?.namedPort]).toEqual([true, false, true, false]);
  });
});
