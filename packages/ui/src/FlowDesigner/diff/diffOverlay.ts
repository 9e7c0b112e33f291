import type { FlowDiff, FlowDocument } from '@omnicc/flows';
import type { Decorations, DiffStatus } from '../canvas/elements.js';

/**
 * A diff (diffFlows(base, document)) as canvas decorations: a status per id,
 * and the removed nodes and edges taken from the base version, to be drawn
 * as ghosts where they were. Without the base, removed elements are only listed.
 */
export function diffOverlay(diff: FlowDiff, base: FlowDocument | undefined): NonNullable<Decorations['diff']> {
  const statuses = (added: readonly string[], changed: readonly { id: string }[]) => {
    const map = new Map<string, DiffStatus>();
    for (const id of added) map.set(id, 'added');
    for (const c of changed) map.set(c.id, 'changed');
    return map;
  };
  const removedNodes = new Set(diff.nodes.removed);
  const removedEdges = new Set(diff.edges.removed);
  return {
    nodes: statuses(diff.nodes.added, diff.nodes.changed),
    edges: statuses(diff.edges.added, diff.edges.changed),
    ghostNodes: base?.nodes.filter((n) => removedNodes.has(n.id)) ?? [],
    ghostEdges: base?.edges.filter((e) => removedEdges.has(e.id)) ?? [],
  };
}
