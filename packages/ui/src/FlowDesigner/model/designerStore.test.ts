import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@omnicc/flows';
import { HISTORY_LIMIT, createDesignerStore } from './designerStore.js';

const doc = (name: string): FlowDocument => ({ schemaVersion: 1, key: 'demo', name, description: '', variables: [], nodes: [], edges: [], tests: [] });

describe('designer store', () => {
  it('undoes and redoes commits', () => {
    const store = createDesignerStore(doc('a'));
    store.getState().commit(doc('b'));
    store.getState().commit(doc('c'));
    store.getState().undo();
    expect(store.getState().doc.name).toBe('b');
    store.getState().undo();
    expect(store.getState().doc.name).toBe('a');
    store.getState().redo();
    expect(store.getState().doc.name).toBe('b');
    store.getState().commit(doc('d'));
    expect(store.getState().future).toEqual([]);
  });

  it('merges quick edits with the same key into one step', () => {
    let t = 0;
    const store = createDesignerStore(doc('a'), () => t);
    store.getState().commit(doc('b'), { coalesce: 'name' });
    t = 500;
    store.getState().commit(doc('bc'), { coalesce: 'name' });
    t = 2_000;
    store.getState().commit(doc('bcd'), { coalesce: 'name' });
    expect(store.getState().past.map((d) => d.name)).toEqual(['a', 'bc']);
  });

  it('keeps a bounded history', () => {
    const store = createDesignerStore(doc('0'));
    for (let i = 1; i <= HISTORY_LIMIT + 20; i += 1) store.getState().commit(doc(String(i)));
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
  });
});
