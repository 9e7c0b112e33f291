import { NODE_PORTS, type FlowDocument, type FlowEdge, type FlowNode } from '@omnicc/flows';

type XY = { x: number; y: number };

/**
 * The next free id with a prefix (`n7`, `e12`): one past the highest number
 * in use, so ids stay short and a document edited twice the same way gets
 * the same ids.
 */
export function nextId(taken: Iterable<string>, prefix: string): string {
  let max = 0;
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  for (const id of taken) {
    const m = pattern.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${max + 1}`;
}

/** Every id a document uses, so new node and edge ids never clash with either. */
export const allIds = (doc: FlowDocument): string[] => [...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)];

export const addNode = (doc: FlowDocument, node: FlowNode): FlowDocument => ({ ...doc, nodes: [...doc.nodes, node] });

/** Replaces one node (matched by id); the kind never changes. */
export const replaceNode = (doc: FlowDocument, node: FlowNode): FlowDocument => ({
  ...doc,
  nodes: doc.nodes.map((n) => (n.id === node.id ? node : n)),
});

export const replaceEdge = (doc: FlowDocument, edge: FlowEdge): FlowDocument => ({
  ...doc,
  edges: doc.edges.map((e) => (e.id === edge.id ? edge : e)),
});

/** Moves nodes to new places; unchanged places keep the document as it was. */
export function moveNodes(doc: FlowDocument, places: ReadonlyMap<string, XY>): FlowDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = places.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Removes nodes and edges, and with a node every edge that touches it (no dangling edges from a delete). */
export function removeElements(doc: FlowDocument, nodeIds: readonly string[], edgeIds: readonly string[]): FlowDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Why a connection may not be drawn, or null when it may. Cycles are allowed: validation judges them. */
export function connectionRefusal(doc: FlowDocument, source: string, port: string, target: string): 'terminal' | 'port' | 'duplicate' | 'missing' | null {
  const from = doc.nodes.find((n) => n.id === source);
  if (!from || !doc.nodes.some((n) => n.id === target)) return 'missing';
  const ports = NODE_PORTS[from.kind];
  if (ports.length === 0) return 'terminal';
  if (!ports.includes(port)) return 'port';
  if (doc.edges.some((e) => e.source === source && e.sourcePort === port && e.target === target)) return 'duplicate';
  return null;
}

/**
 * Adds an edge from a node's port. A second edge from the same port gets the
 * next priority, so existing branches keep being tried first.
 */
export function connect(doc: FlowDocument, source: string, port: string, target: string): FlowDocument {
  if (connectionRefusal(doc, source, port, target) !== null) return doc;
  const siblings = doc.edges.filter((e) => e.source === source && e.sourcePort === port);
  const edge: FlowEdge = { id: nextId(allIds(doc), 'e'), source, sourcePort: port, target };
  if (siblings.length > 0) edge.priority = Math.min(1_000, Math.max(...siblings.map((e) => e.priority ?? 0)) + 1);
  return { ...doc, edges: [...doc.edges, edge] };
}

/**
 * The first place at or below `at` where a node of `size` overlaps no other
 * (nodes without a measured size count as NODE_SIZE): a node added by
 * keyboard in the middle of the view does not land on top of another.
 */
export function freeSpot(doc: FlowDocument, at: XY, size: { width: number; height: number }, sizes: ReadonlyMap<string, { width: number; height: number }> = new Map()): XY {
  const gap = 16;
  const hits = (p: XY) =>
    doc.nodes.some((n) => {
      const s = sizes.get(n.id) ?? size;
      return p.x < n.position.x + s.width + gap && n.position.x < p.x + size.width + gap && p.y < n.position.y + s.height + gap && n.position.y < p.y + size.height + gap;
    });
  let p = at;
  for (let i = 0; i < 40 && hits(p); i += 1) p = { x: p.x, y: p.y + size.height / 2 };
  return p;
}
