import { useMemo, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { StoreApi } from 'zustand/vanilla';
import type { FlowCatalog, FlowNodeKind } from '@omnicc/flows';
import { autoLayout } from './model/autoLayout.js';
import { copySelection, pasteClip, type FlowClip } from './model/clipboard.js';
import type { DesignerState } from './model/designerStore.js';
import { addNode, allIds, freeSpot, moveNodes, nextId, removeElements } from './model/edits.js';
import { NODE_SIZE, newNode } from './model/kinds.js';
import type { DesignerEdge, DesignerNode } from './canvas/elements.js';

/** Shared by every designer on the page, like the system clipboard: copy in one flow, paste in another. */
let clipboard: { clip: FlowClip; pastes: number } | null = null;

export type Direction = 'left' | 'right' | 'up' | 'down';

/** What the toolbar, the keyboard, the palette and the lists do to the document and the view. */
export interface DesignerActions {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  deleteSelection: () => void;
  layout: () => void;
  fit: () => void;
  selectAll: () => void;
  addAtCenter: (kind: FlowNodeKind) => string | null;
  addAtScreen: (kind: FlowNodeKind, screen: { x: number; y: number }) => string | null;
  /** Moves the selected nodes by a step. */
  nudge: (dx: number, dy: number) => void;
  /** Selects a node or an edge, scrolls it into the middle, and focuses the node. */
  reveal: (target: { nodeId?: string; edgeId?: string }, options?: { focus?: boolean }) => void;
  /** Focus and select the nearest node in a direction from the given one. */
  step: (fromId: string, direction: Direction) => void;
  /** Moves keyboard focus to a node on the canvas (or the canvas when it has none). */
  focusNode: (id: string | undefined) => void;
}

const center = (n: DesignerNode | undefined) =>
  n ? { x: n.position.x + (n.measured?.width ?? NODE_SIZE.width) / 2, y: n.position.y + (n.measured?.height ?? NODE_SIZE.height) / 2 } : null;

/** The designer's commands, bound to its store and React Flow instance. */
export function useDesignerActions(store: StoreApi<DesignerState>, catalog: FlowCatalog, canvas: RefObject<HTMLDivElement | null>, readOnly: boolean, texts: { answer: string; message: string }): DesignerActions {
  const rf = useReactFlow<DesignerNode, DesignerEdge>();
  return useMemo(() => {
    const get = () => store.getState();
    const nodeElement = (id: string) => canvas.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`) ?? null;
    const focusNode = (id: string | undefined): void => {
      const el = id === undefined ? null : nodeElement(id);
      (el ?? canvas.current?.querySelector<HTMLElement>('.react-flow__node') ?? canvas.current)?.focus();
    };
    // React Flow draws a new node a frame or two after the document has it, hidden until measured (and a hidden element takes no focus).
    const focusWhenDrawn = (id: string, frames = 20): void => {
      requestAnimationFrame(() => {
        const el = nodeElement(id);
        el?.focus();
        if ((!el || document.activeElement !== el) && frames > 0) focusWhenDrawn(id, frames - 1);
      });
    };
    const add = (kind: FlowNodeKind, flowCenter: { x: number; y: number }, avoidOthers = false): string | null => {
      if (readOnly) return null;
      const s = get();
      const id = nextId(allIds(s.doc), 'n');
      const centred = { x: Math.round(flowCenter.x - NODE_SIZE.width / 2), y: Math.round(flowCenter.y - NODE_SIZE.height / 2) };
      const sizes = new Map(rf.getNodes().flatMap((n) => (n.measured?.width && n.measured.height ? [[n.id, { width: n.measured.width, height: n.measured.height }] as const] : [])));
      const position = avoidOthers ? freeSpot(s.doc, centred, NODE_SIZE, sizes) : centred;
      s.commit(addNode(s.doc, newNode(kind, id, position, catalog, texts)), { select: { nodes: [id], edges: [] } });
      return id;
    };
    const actions: DesignerActions = {
      undo: () => !readOnly && get().undo(),
      redo: () => !readOnly && get().redo(),
      copy: () => {
        const s = get();
        const clip = copySelection(s.doc, s.selection.nodes);
        if (clip) clipboard = { clip, pastes: 0 };
      },
      paste: () => {
        if (readOnly || !clipboard) return;
        clipboard.pastes += 1;
        const s = get();
        const pasted = pasteClip(s.doc, clipboard.clip, 40 * clipboard.pastes);
        s.commit(pasted.doc, { select: { nodes: pasted.nodeIds, edges: pasted.edgeIds } });
      },
      deleteSelection: () => {
        if (readOnly) return;
        const s = get();
        s.commit(removeElements(s.doc, s.selection.nodes, s.selection.edges), { select: { nodes: [], edges: [] } });
      },
      layout: () => {
        if (readOnly) return;
        const s = get();
        const sizes = new Map<string, { width: number; height: number }>();
        for (const n of rf.getNodes()) if (n.measured?.width && n.measured.height) sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
        s.commit(moveNodes(s.doc, autoLayout(s.doc, sizes)));
        // Fit once React Flow has the new places.
        requestAnimationFrame(() => void rf.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }));
      },
      fit: () => void rf.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }),
      selectAll: () => {
        const s = get();
        s.select({ nodes: s.doc.nodes.map((n) => n.id), edges: s.doc.edges.map((e) => e.id) });
      },
      addAtCenter: (kind) => {
        const box = canvas.current?.getBoundingClientRect();
        const screen = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 0, y: 0 };
        const id = add(kind, rf.screenToFlowPosition(screen), true);
        if (id) focusWhenDrawn(id);
        return id;
      },
      addAtScreen: (kind, screen) => add(kind, rf.screenToFlowPosition(screen)),
      nudge: (dx, dy) => {
        if (readOnly) return;
        const s = get();
        const places = new Map(s.doc.nodes.filter((n) => s.selection.nodes.includes(n.id)).map((n) => [n.id, { x: n.position.x + dx, y: n.position.y + dy }]));
        s.commit(moveNodes(s.doc, places), { coalesce: `nudge:${[...places.keys()].join(',')}` });
      },
      reveal: (target, options = {}) => {
        const s = get();
        let point: { x: number; y: number } | null = null;
        if (target.nodeId !== undefined) {
          s.select({ nodes: [target.nodeId], edges: [] });
          point = center(rf.getNode(target.nodeId));
        } else if (target.edgeId !== undefined) {
          s.select({ nodes: [], edges: [target.edgeId] });
          const edge = rf.getEdge(target.edgeId);
          const a = center(rf.getNode(edge?.source ?? ''));
          const b = center(rf.getNode(edge?.target ?? ''));
          point = a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : (a ?? b);
        }
        if (point) void rf.setCenter(point.x, point.y, { zoom: Math.max(rf.getZoom(), 0.8), duration: 200 });
        if (options.focus && target.nodeId !== undefined) focusNode(target.nodeId);
      },
      step: (fromId, direction) => {
        const from = center(rf.getNode(fromId));
        if (!from) return;
        let best: { id: string; score: number } | null = null;
        for (const n of rf.getNodes()) {
          const c = center(n);
          if (n.id === fromId || !c) continue;
          const dx = c.x - from.x;
          const dy = c.y - from.y;
          const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
          const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
          if (along <= 0) continue;
          // Straight ahead beats diagonal: sideways distance counts double.
          const score = along + 2 * across;
          if (!best || score < best.score) best = { id: n.id, score };
        }
        if (!best) return;
        get().select({ nodes: [best.id], edges: [] });
        focusNode(best.id);
      },
      focusNode,
    };
    return actions;
  }, [store, catalog, canvas, readOnly, rf, texts]);
}
