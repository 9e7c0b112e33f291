import type { FlowEdge, FlowNode } from '@omnicc/flows';
import type { Decorations, DiffStatus } from '../canvas/elements.js';

/**
 * The differences between two versions of a flow, as the designer draws
 * them over the newer one: ids of added and changed nodes and edges, and
 * the removed ones whole (they are not in the document shown).
 */
export interface FlowDiff {
  nodes: { added: readonly string[]; changed: readonly string[]; removed: readonly FlowNode[] };
  edges: { added: readonly string[]; changed: readonly string[]; removed: readonly FlowEdge[] };
}

/** A diff as canvas decorations: a status per id, and the removed elements as ghosts. */
export function diffOverlay(diff: FlowDiff): NonNullable<Decorations['diff']> {
  const statuses = (added: readonly string[], changed: readonly string[]) => {
    const map = new Map<string, DiffStatus>();
    for (const id of added) map.set(id, 'added');
    for (const id of changed) map.set(id, 'changed');
    return map;
  };
  return {
    nodes: statuses(diff.nodes.added, diff.nodes.changed),
    edges: statuses(diff.edges.added, diff.edges.changed),
    ghostNodes: diff.nodes.removed,
    ghostEdges: diff.edges.removed,
  };
}
