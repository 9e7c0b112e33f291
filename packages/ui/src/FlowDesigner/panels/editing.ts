import { useCallback } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { FlowDocument, FlowEdge, FlowNode } from '@omnicc/flows';
import type { DesignerState } from '../model/designerStore.js';
import { replaceEdge, replaceNode } from '../model/edits.js';

/** Sets or removes an optional property: an empty value removes it (the schema has no empty strings for these). */
export function withOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): T {
  const copy = { ...target };
  if (value === undefined || value === '') delete copy[key];
  else copy[key] = value;
  return copy;
}

/** Edits one node: each field's typing is one undo step per second (coalesced by node and field). */
export function useNodeUpdate<N extends FlowNode>(store: StoreApi<DesignerState>, node: N) {
  return useCallback(
    (next: N, field: string) => {
      const s = store.getState();
      s.commit(replaceNode(s.doc, next), { coalesce: `node:${node.id}:${field}` });
    },
    [store, node.id],
  );
}

export function useEdgeUpdate(store: StoreApi<DesignerState>, edge: FlowEdge) {
  return useCallback(
    (next: FlowEdge, field: string) => {
      const s = store.getState();
      s.commit(replaceEdge(s.doc, next), { coalesce: `edge:${edge.id}:${field}` });
    },
    [store, edge.id],
  );
}

/** Edits the document as a whole (variables, tests). */
export function useDocUpdate(store: StoreApi<DesignerState>) {
  return useCallback(
    (change: (doc: FlowDocument) => FlowDocument, field: string) => {
      const s = store.getState();
      s.commit(change(s.doc), { coalesce: field });
    },
    [store],
  );
}
