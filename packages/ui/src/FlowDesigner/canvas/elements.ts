import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { NODE_PORTS, type Diagnostic, type FlowDocument, type FlowEdge, type FlowNode } from '@omnicc/flows';
import type { Selection } from '../model/designerStore.js';

/** How a node or edge differs from the version it is compared with. */
export type DiffStatus = 'added' | 'changed' | 'removed';
/** Where a simulation run has been: passed, or waiting here now. */
export type PathStatus = 'visited' | 'current';

export interface FlowNodeData extends Record<string, unknown> {
  node: FlowNode;
  diagnostics: readonly Diagnostic[];
  /** Guarded edges out and whether there is an unguarded one, for the decision summary. */
  branches: { guarded: number; hasDefault: boolean };
  diff?: DiffStatus;
  path?: PathStatus;
}
export interface FlowEdgeData extends Record<string, unknown> {
  edge: FlowEdge;
  diagnostics: readonly Diagnostic[];
  /** No guard while a sibling from the same port has one: the port's default branch. */
  isDefault: boolean;
  /** The port is one of several (ok / timeout / error): name it on the edge. */
  namedPort: boolean;
  diff?: DiffStatus;
  onPath?: boolean;
}
export type DesignerNode = Node<FlowNodeData, 'flow'>;
export type DesignerEdge = Edge<FlowEdgeData, 'flow'>;

/** Everything drawn over the document: problems, a version diff, a simulation's path. */
export interface Decorations {
  diagnostics: readonly Diagnostic[];
  diff?: {
    nodes: ReadonlyMap<string, DiffStatus>;
    edges: ReadonlyMap<string, DiffStatus>;
    /** Removed nodes and edges, drawn as ghosts where they were. */
    ghostNodes: readonly FlowNode[];
    ghostEdges: readonly FlowEdge[];
  };
  path?: { nodes: ReadonlyMap<string, PathStatus>; edges: ReadonlySet<string> };
}

/** Ghosts get their own id space so a removed node never collides with a live one. */
export const GHOST_PREFIX = 'ghost:';

type Size = { width: number; height: number };

function groupBy(diagnostics: readonly Diagnostic[], key: 'nodeId' | 'edgeId'): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const id = d[key];
    if (id === undefined) continue;
    const list = map.get(id);
    if (list) list.push(d);
    else map.set(id, [d]);
  }
  return map;
}

const NONE: readonly Diagnostic[] = [];

/** The same problems as last time (validation runs after every edit and makes new objects): keep the old list so the node is not redrawn. */
function sameDiagnostics(old: readonly Diagnostic[] | undefined, fresh: readonly Diagnostic[]): readonly Diagnostic[] {
  if (!old || old.length !== fresh.length) return fresh;
  return old.every((d, i) => d.code === fresh[i]?.code && d.path === fresh[i]?.path && d.message.en === fresh[i]?.message.en) ? old : fresh;
}

/**
 * React Flow nodes for the document. An unchanged node keeps its previous
 * object (`previous`), so React Flow skips it: a 500-node flow re-renders
 * only what an edit touched.
 */
export function toNodes(
  doc: FlowDocument,
  selection: Selection,
  decorations: Decorations,
  measured: ReadonlyMap<string, Size>,
  dragging: ReadonlyMap<string, { x: number; y: number }>,
  previous: ReadonlyMap<string, DesignerNode>,
  /** The accessible name of a node (kind and caption in the designer's language). */
  name: (node: FlowNode) => string,
): DesignerNode[] {
  const byNode = groupBy(decorations.diagnostics, 'nodeId');
  const selected = new Set(selection.nodes);
  const branches = new Map<string, { guarded: number; hasDefault: boolean }>();
  for (const e of doc.edges) {
    const b = branches.get(e.source) ?? { guarded: 0, hasDefault: false };
    if (e.guard === undefined) b.hasDefault = true;
    else b.guarded += 1;
    branches.set(e.source, b);
  }
  const make = (node: FlowNode, id: string, data: FlowNodeData, isSelected: boolean, ghost: boolean): DesignerNode => {
    const size = measured.get(id);
    const position = dragging.get(id) ?? node.position;
    const old = previous.get(id);
    const ariaLabel = name(node);
    if (
      old &&
      old.ariaLabel === ariaLabel &&
      old.data.node === node &&
      old.position === position &&
      old.selected === isSelected &&
      old.measured === size &&
      old.data.diagnostics === data.diagnostics &&
      old.data.diff === data.diff &&
      old.data.path === data.path &&
      old.data.branches.guarded === data.branches.guarded &&
      old.data.branches.hasDefault === data.branches.hasDefault
    )
      return old;
    const rf: DesignerNode = { id, type: 'flow', position, data, selected: isSelected, ariaLabel };
    if (size) rf.measured = size;
    if (ghost) Object.assign(rf, { draggable: false, connectable: false, deletable: false, className: 'fd-ghost' });
    return rf;
  };
  const nodes = doc.nodes.map((node) => {
    const data: FlowNodeData = {
      node,
      diagnostics: sameDiagnostics(previous.get(node.id)?.data.diagnostics, byNode.get(node.id) ?? NONE),
      branches: branches.get(node.id) ?? { guarded: 0, hasDefault: false },
    };
    const diff = decorations.diff?.nodes.get(node.id);
    if (diff) data.diff = diff;
    const path = decorations.path?.nodes.get(node.id);
    if (path) data.path = path;
    return make(node, node.id, data, selected.has(node.id), false);
  });
  for (const node of decorations.diff?.ghostNodes ?? []) {
    const id = GHOST_PREFIX + node.id;
    nodes.push(make(node, id, { node, diagnostics: NONE, branches: { guarded: 0, hasDefault: false }, diff: 'removed' }, selected.has(id), true));
  }
  return nodes;
}

const markerColor = (data: FlowEdgeData): string =>
  data.diff ? `var(--fd-${data.diff})` : data.onPath ? 'var(--fd-path)' : data.diagnostics.some((d) => d.severity === 'error') ? 'var(--omni-danger)' : '#7d8794';

/** React Flow edges for the document: one per flow edge, leaving from its port's handle. */
export function toEdges(doc: FlowDocument, selection: Selection, decorations: Decorations, previous: ReadonlyMap<string, DesignerEdge>): DesignerEdge[] {
  const byEdge = groupBy(decorations.diagnostics, 'edgeId');
  const selected = new Set(selection.edges);
  const live = new Set(doc.nodes.map((n) => n.id));
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  const guardedPorts = new Set(doc.edges.filter((e) => e.guard !== undefined).map((e) => `${e.source}\u0000${e.sourcePort}`));
  const info = (edge: FlowEdge) => {
    const kind = kinds.get(edge.source);
    return {
      isDefault: edge.guard === undefined && guardedPorts.has(`${edge.source}\u0000${edge.sourcePort}`),
      namedPort: kind !== undefined && NODE_PORTS[kind].length > 1,
    };
  };
  const make = (edge: FlowEdge, id: string, data: FlowEdgeData, ends: { source: string; target: string }): DesignerEdge => {
    const isSelected = selected.has(id);
    const old = previous.get(id);
    if (old && old.data?.edge === edge && old.selected === isSelected && old.data.diagnostics === data.diagnostics && old.data.diff === data.diff && old.data.onPath === data.onPath && old.data.isDefault === data.isDefault && old.source === ends.source && old.target === ends.target)
      return old;
    return {
      id,
      type: 'flow',
      source: ends.source,
      target: ends.target,
      sourceHandle: edge.sourcePort,
      targetHandle: 'in',
      data,
      selected: isSelected,
      // Sized in pixels, not stroke widths, so a thick path edge keeps a normal arrow; coloured like its edge.
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, markerUnits: 'userSpaceOnUse', color: markerColor(data) },
    };
  };
  const edges = doc.edges.map((edge) => {
    const data: FlowEdgeData = { edge, diagnostics: sameDiagnostics(previous.get(edge.id)?.data?.diagnostics, byEdge.get(edge.id) ?? NONE), ...info(edge) };
    const diff = decorations.diff?.edges.get(edge.id);
    if (diff) data.diff = diff;
    if (decorations.path?.edges.has(edge.id)) data.onPath = true;
    return make(edge, edge.id, data, { source: edge.source, target: edge.target });
  });
  for (const edge of decorations.diff?.ghostEdges ?? []) {
    // A removed edge may join live nodes, removed ones (ghosts), or both.
    const end = (id: string): string => (live.has(id) ? id : GHOST_PREFIX + id);
    edges.push(make(edge, GHOST_PREFIX + edge.id, { edge, diagnostics: NONE, isDefault: false, namedPort: false, diff: 'removed' }, { source: end(edge.source), target: end(edge.target) }));
  }
  return edges;
}
