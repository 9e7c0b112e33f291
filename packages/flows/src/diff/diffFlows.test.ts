import { describe, expect, it } from 'vitest';
import { edge, sampleFlow } from '../testing.js';
import { diffFlows } from './diffFlows.js';

describe('diffFlows', () => {
  it('finds nothing between a flow and its copy, whatever the key order', () => {
    const a = sampleFlow();
    const b = JSON.parse(JSON.stringify(a, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v))) as typeof a;
    expect(diffFlows(a, b)).toMatchObject({ identical: true, layoutOnly: [] });
  });

  it('lists added, removed and changed nodes, edges, variables and tests with the changed fields', () => {
    const a = sampleFlow();
    const b = sampleFlow();
    b.name = 'Sample v2';
    b.nodes = b.nodes.filter((n) => n.id !== 'm');
    b.nodes.push({ id: 'n', kind: 'script', position: { x: 1, y: 1 }, text: '新节点' });
    Object.assign(b.nodes.find((n) => n.id === 't')!, { text: '改过的话术' });
    b.nodes.find((n) => n.id === 'd')!.position = { x: 9, y: 9 };
    b.edges = b.edges.filter((e) => e.id !== 'e10' && e.id !== 'e11');
    b.edges.push(edge('e20', 'n', 't'));
    b.edges.find((e) => e.id === 'e6')!.guard = "kind == 'slow'";
    b.edges.find((e) => e.id === 'e8')!.target = 'n';
    b.variables.push({ name: 'note', type: 'text' });
    b.variables[0] = { name: 'phone', type: 'text' };
    b.tests.push({ id: 't1', name: 'x', context: {}, steps: [], effects: [], expect: {} });
    expect(diffFlows(a, b)).toEqual({
      identical: false,
      meta: ['name'],
      nodes: { added: ['n'], removed: ['m'], changed: [{ id: 'd', fields: ['position'] }, { id: 't', fields: ['text'] }] },
      edges: { added: ['e20'], removed: ['e10', 'e11'], changed: [{ id: 'e6', fields: ['guard'] }, { id: 'e8', fields: ['target'] }] },
      variables: { added: ['note'], removed: [], changed: [{ id: 'phone', fields: ['type'] }] },
      tests: { added: ['t1'], removed: [], changed: [] },
      layoutOnly: ['d'],
    });
  });
});
