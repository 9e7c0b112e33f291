import type { FlowDocument, FlowEdge, FlowNode } from '@omnicc/flows';
import { allIds, nextId } from './edits.js';

/** What Ctrl+C keeps: nodes and only the edges between them. */
export interface FlowClip {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** Copies the given nodes and the edges that run between two of them. */
export function copySelection(doc: FlowDocument, nodeIds: readonly string[]): FlowClip | null {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  return { nodes, edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/**
 * Pastes a clip with fresh ids, shifted by `offset` so the copy does not
 * hide its original. Returns the new document and the pasted node ids (the
 * designer selects them).
 */
export function pasteClip(doc: FlowDocument, clip: FlowClip, offset: number): { doc: FlowDocument; nodeIds: string[]; edgeIds: string[] } {
  const taken = allIds(doc);
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = nextId(taken, 'n');
    taken.push(id);
    rename.set(n.id, id);
    return { ...n, id, position: { x: n.position.x + offset, y: n.position.y + offset } };
  });
  const edges = clip.edges.map((e) => {
    const id = nextId(taken, 'e');
    taken.push(id);
    return { ...e, id, source: rename.get(e.source) ?? e.source, target: rename.get(e.target) ?? e.target };
  });
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}
