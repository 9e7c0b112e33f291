import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@omnicc/flows';
import { autoLayout } from './autoLayout.js';
import { freeSpot } from './edits.js';

const doc: FlowDocument = {
  schemaVersion: 1,
  key: 'demo',
  name: 'Demo',
  description: '',
  variables: [],
  tests: [],
  nodes: [
    { id: 'n1', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'n2', kind: 'addInCall', position: { x: 0, y: 0 }, addInId: 'billing', operation: 'lookup', input: {}, output: {} },
    { id: 'n3', kind: 'end', position: { x: 0, y: 0 }, disposition: 'ok' },
    { id: 'n4', kind: 'end', position: { x: 0, y: 0 }, disposition: 'failed' },
  ],
  edges: [
    { id: 'e1', source: 'n1', sourcePort: 'out', target: 'n2' },
    { id: 'e3', source: 'n2', sourcePort: 'error', target: 'n4' },
    { id: 'e2', source: 'n2', sourcePort: 'ok', target: 'n3' },
  ],
};

describe('autoLayout', () => {
  it('lays the flow out top to bottom with sibling branches side by side', () => {
    const p = autoLayout(doc);
    expect(p.get('n1')!.y).toBeLessThan(p.get('n2')!.y);
    expect(p.get('n2')!.y).toBeLessThan(p.get('n3')!.y);
    expect(p.get('n3')!.y).toBe(p.get('n4')!.y);
    expect(Math.abs(p.get('n3')!.x - p.get('n4')!.x)).toBeGreaterThanOrEqual(220);
  });
});

describe('freeSpot', () => {
  it('moves a new node down until it overlaps none', () => {
    const spot = freeSpot(doc, { x: 0, y: 0 }, { width: 220, height: 64 });
    expect(spot.x).toBe(0);
    expect(spot.y).toBeGreaterThanOrEqual(64 + 16);
  });
});
