import { useCallback, useMemo, useRef, useState, type RefObject } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useDesigner } from '../DesignerContext.js';
import { connect, connectionRefusal, moveNodes } from '../model/edits.js';
import type { DesignerState } from '../model/designerStore.js';
import { nodeCaption } from '../model/summary.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { FlowEdgeView } from './FlowEdgeView.js';
import { FlowNodeView } from './FlowNodeView.js';
import { toEdges, toNodes, type Decorations, type DesignerEdge, type DesignerNode } from './elements.js';

const nodeTypes = { flow: FlowNodeView };
const edgeTypes = { flow: FlowEdgeView };
type XY = { x: number; y: number };
type Size = { width: number; height: number };

export interface FlowCanvasProps {
  store: StoreApi<DesignerState>;
  decorations: Decorations;
  /** Double click on a node or edge: open its properties. */
  onEdit: () => void;
  /** The element around the canvas: palette drops hit-test against it. */
  containerRef: RefObject<HTMLDivElement | null>;
}

/** Applies select changes to a list of selected ids. */
function applySelect(ids: readonly string[], changes: readonly { id: string; selected: boolean }[]): readonly string[] {
  if (changes.length === 0) return ids;
  const set = new Set(ids);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

/**
 * The React Flow canvas over the designer's document. The document stays
 * the one truth: React Flow's changes are turned into edits (a drag commits
 * once, when it stops), and the nodes it draws are derived from the document,
 * the selection and the decorations.
 */
export function FlowCanvas({ store, decorations, onEdit, containerRef }: FlowCanvasProps) {
  const { t, readOnly } = useDesigner();
  const doc = useStore(store, (s) => s.doc);
  const selection = useStore(store, (s) => s.selection);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(new Map());
  const [dragging, setDragging] = useState<ReadonlyMap<string, XY>>(new Map());
  const previousNodes = useRef(new Map<string, DesignerNode>());
  const previousEdges = useRef(new Map<string, DesignerEdge>());

  const nodes = useMemo(() => {
    const name = (n: Parameters<typeof nodeCaption>[0]) => t.canvas.nodeLabel(t.kinds[n.kind], nodeCaption(n, t));
    const list = toNodes(doc, selection, decorations, measured, dragging, previousNodes.current, name);
    previousNodes.current = new Map(list.map((n) => [n.id, n]));
    return list;
  }, [doc, selection, decorations, measured, dragging, t]);
  const edges = useMemo(() => {
    const list = toEdges(doc, selection, decorations, previousEdges.current);
    previousEdges.current = new Map(list.map((e) => [e.id, e]));
    return list;
  }, [doc, selection, decorations]);

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => {
      const sizes: [string, Size][] = [];
      const moving: [string, XY][] = [];
      const dropped = new Map<string, XY>();
      const selects: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) sizes.push([c.id, c.dimensions]);
        else if (c.type === 'position' && c.position) {
          if (c.dragging) moving.push([c.id, c.position]);
          else dropped.set(c.id, c.position);
        }
        else if (c.type === 'select') selects.push(c);
      }
      if (sizes.length > 0)
        setMeasured((old) => {
          const next = new Map(old);
          for (const [id, size] of sizes) {
            const was = old.get(id);
            if (!was || was.width !== size.width || was.height !== size.height) next.set(id, size);
          }
          return next.size === old.size && sizes.every(([id]) => next.get(id) === old.get(id)) ? old : next;
        });
      if (moving.length > 0) setDragging((old) => new Map([...old, ...moving]));
      if (dropped.size > 0) {
        const s = store.getState();
        s.commit(moveNodes(s.doc, dropped));
        setDragging((old) => new Map([...old].filter(([id]) => !dropped.has(id))));
      }
      if (selects.length > 0) {
        const s = store.getState();
        s.select({ nodes: applySelect(s.selection.nodes, selects), edges: s.selection.edges });
      }
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<DesignerEdge>[]) => {
      const selects = changes.filter((c) => c.type === 'select');
      if (selects.length === 0) return;
      const s = store.getState();
      s.select({ nodes: s.selection.nodes, edges: applySelect(s.selection.edges, selects) });
    },
    [store],
  );

  const isValidConnection = useCallback<IsValidConnection<DesignerEdge>>(
    (c) => !readOnly && c.sourceHandle != null && connectionRefusal(store.getState().doc, c.source, c.sourceHandle, c.target) === null,
    [store, readOnly],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (readOnly || c.sourceHandle == null) return;
      const s = store.getState();
      const next = connect(s.doc, c.source, c.sourceHandle, c.target);
      const added = next.edges.at(-1);
      if (next !== s.doc && added) s.commit(next, { select: { nodes: [], edges: [added.id] } });
    },
    [store, readOnly],
  );

  // React Flow connects only when the pointer ends on a handle; a team lead aims at the node, so a drop anywhere on it connects too.
  const onConnectEnd = useCallback<OnConnectEnd>(
    (event, state) => {
      if (state.isValid === true || !state.fromHandle || state.fromHandle.type !== 'source' || !state.fromHandle.id) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const hit = point ? document.elementFromPoint(point.clientX, point.clientY) : null;
      const target = hit?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
      if (target !== undefined) onConnect({ source: state.fromHandle.nodeId, sourceHandle: state.fromHandle.id, target, targetHandle: 'in' });
    },
    [onConnect],
  );

  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t.canvas.nodeHelp,
      'node.a11yDescription.keyboardDisabled': t.canvas.nodeHelp,
      'edge.a11yDescription.default': t.canvas.edgeHelp,
      'controls.ariaLabel': t.canvas.controls,
      'controls.zoomIn.ariaLabel': t.canvas.zoomIn,
      'controls.zoomOut.ariaLabel': t.canvas.zoomOut,
      'controls.fitView.ariaLabel': t.canvas.fitView,
      'controls.interactive.ariaLabel': t.canvas.lock,
      'minimap.ariaLabel': t.canvas.minimap,
      'handle.ariaLabel': t.canvas.handle,
    }),
    [t],
  );

  return (
    <div className="fd-canvas" ref={containerRef} data-testid={FLOW_TEST_IDS.canvas} aria-label={t.canvas.label} role="region">
      <ReactFlow<DesignerNode, DesignerEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDoubleClick={onEdit}
        onEdgeDoubleClick={onEdit}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        disableKeyboardA11y
        zoomOnDoubleClick={false}
        // Large flows (the 500-node bench) draw only what is in view.
        onlyRenderVisibleElements={doc.nodes.length > 200}
        minZoom={0.1}
        maxZoom={2}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        attributionPosition="top-right"
        ariaLabelConfig={ariaLabelConfig}
      >
        <Background gap={16} size={1} />
        <MiniMap pannable zoomable ariaLabel={t.canvas.minimap} nodeClassName={(n) => `fd-minimap-node fd-minimap-node--${(n as DesignerNode).data.diff ?? (n as DesignerNode).data.path ?? 'plain'}`} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {doc.nodes.length === 0 && <p className="fd-canvas__empty">{t.canvas.empty}</p>}
    </div>
  );
}
