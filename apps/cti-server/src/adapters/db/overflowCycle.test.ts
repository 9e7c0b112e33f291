import { describe, expect, it } from 'vitest';
import { overflowCycle } from './overflowCycle.js';

describe('overflowCycle', () => {
  const graph = (edges: Record<string, string | undefined>) => new Map(Object.entries(edges));

  it('finds no loop when the chain from the target ends', () => {
    expect(overflowCycle(graph({ a: undefined, b: 'c', c: undefined }), 'a', 'b')).toBeUndefined();
  });

  it('reports the loop a change would close, from the changed queue back to it', () => {
    expect(overflowCycle(graph({ a: undefined, b: 'a' }), 'a', 'b')).toEqual(['a', 'b', 'a']);
    expect(overflowCycle(graph({ a: undefined, b: 'c', c: 'a' }), 'a', 'b')).toEqual(['a', 'b', 'c', 'a']);
  });

  it('ignores the changed queue\'s own current target (it is being replaced)', () => {
    expect(overflowCycle(graph({ a: 'b', b: undefined, c: undefined }), 'a', 'c')).toBeUndefined();
  });

  it('terminates on a pre-existing loop that does not pass through the changed queue', () => {
    expect(overflowCycle(graph({ a: undefined, b: 'c', c: 'b' }), 'a', 'b')).toBeUndefined();
  });

  it('treats a queue missing from the map as the end of the chain', () => {
    expect(overflowCycle(graph({ a: undefined }), 'a', 'ghost')).toBeUndefined();
  });
});
