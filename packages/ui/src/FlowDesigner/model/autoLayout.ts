import dagre from '@dagrejs/dagre';
import { NODE_PORTS, type FlowDocument } from '@omnicc/flows';
import { NODE_SIZE } from './kinds.js';

type Size = { width: number; height: number };

/**
 * Top-to-bottom layout with dagre. Edges are added in port order (ok before
 * timeout before error) and by priority, which dagre's ordering keeps
 * roughly left to right, so branches sit under the port they leave from.
 * Returns each node's new top-left corner.
 */
export function autoLayout(doc: FlowDocument, sizes: ReadonlyMap<string, Size> = new Map()): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 64, edgesep: 24, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { ...(sizes.get(n.id) ?? NODE_SIZE) });
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  const portIndex = (source: string, port: string): number => {
    const kind = kinds.get(source);
    return kind ? NODE_PORTS[kind].indexOf(port) : 0;
  };
  const edges = doc.edges
    .filter((e) => kinds.has(e.source) && kinds.has(e.target))
    .sort((a, b) => portIndex(a.source, a.sourcePort) - portIndex(b.source, b.sourcePort) || (a.priority ?? 0) - (b.priority ?? 0));
  for (const e of edges) g.setEdge(e.source, e.target, {}, e.id);
  dagre.layout(g);
  const places = new Map<string, { x: number; y: number }>();
  for (const n of doc.nodes) {
    const laid = g.node(n.id) as { x: number; y: number; width: number; height: number } | undefined;
    if (laid) places.set(n.id, { x: Math.round(laid.x - laid.width / 2), y: Math.round(laid.y - laid.height / 2) });
  }
  return places;
}
