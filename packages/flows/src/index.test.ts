import { describe, expect, it } from 'vitest';
import { FLOW_NODE_KINDS, FLOW_SCHEMA_VERSION, NODE_PORTS, flowDocumentSchema } from './index.js';

describe('flows package', () => {
  it('declares its schema version', () => {
    expect(FLOW_SCHEMA_VERSION).toBe(1);
  });

  it('lists every node kind once, each with its ports', () => {
    expect(new Set(FLOW_NODE_KINDS).size).toBe(FLOW_NODE_KINDS.length);
    expect(Object.keys(NODE_PORTS).sort()).toEqual([...FLOW_NODE_KINDS].sort());
  });

  it('refuses a node kind it does not know', () => {
    const doc = { schemaVersion: 1, key: 'demo', name: 'Demo', variables: [], edges: [], nodes: [{ id: 'n1', kind: 'eval', position: { x: 0, y: 0 } }] };
    expect(flowDocumentSchema.safeParse(doc).success).toBe(false);
  });
});
