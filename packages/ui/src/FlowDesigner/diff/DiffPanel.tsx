import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FlowEdge, FlowNode } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { GHOST_PREFIX, type DiffStatus } from '../canvas/elements.js';
import type { DesignerState } from '../model/designerStore.js';
import { nodeCaption } from '../model/summary.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import type { FlowDiff } from './diffOverlay.js';

interface Item {
  element: 'node' | 'edge';
  status: DiffStatus;
  node?: FlowNode;
  edge?: FlowEdge;
  id: string;
}

/** The diff as a list: added, changed, removed nodes and edges; a click shows one on the canvas. */
export function DiffPanel({ diff, store, onReveal }: { diff: FlowDiff; store: StoreApi<DesignerState>; onReveal: (target: { nodeId?: string; edgeId?: string }) => void }) {
  const { t } = useDesigner();
  const doc = useStore(store, (s) => s.doc);
  const node = (id: string) => doc.nodes.find((n) => n.id === id);
  const edge = (id: string) => doc.edges.find((e) => e.id === id);
  const items: Item[] = [
    ...diff.nodes.added.map((id): Item => ({ element: 'node', status: 'added', id, ...opt('node', node(id)) })),
    ...diff.nodes.changed.map((id): Item => ({ element: 'node', status: 'changed', id, ...opt('node', node(id)) })),
    ...diff.nodes.removed.map((n): Item => ({ element: 'node', status: 'removed', id: n.id, node: n })),
    ...diff.edges.added.map((id): Item => ({ element: 'edge', status: 'added', id, ...opt('edge', edge(id)) })),
    ...diff.edges.changed.map((id): Item => ({ element: 'edge', status: 'changed', id, ...opt('edge', edge(id)) })),
    ...diff.edges.removed.map((e): Item => ({ element: 'edge', status: 'removed', id: e.id, edge: e })),
  ];
  const statusLabel = { added: t.diff.added, changed: t.diff.changed, removed: t.diff.removed };
  return (
    <div className="fd-diff">
      {items.length === 0 && <p className="fd-hint">{t.diff.none}</p>}
      <ul className="fd-diff-list">
        {items.map((item) => {
          const edgeItem = item.element === 'edge';
          const canvasId = item.status === 'removed' ? GHOST_PREFIX + item.id : item.id;
          const name = item.node ? nodeCaption(item.node, t) : item.edge ? `${item.edge.source} → ${item.edge.target}` : item.id;
          return (
            <li key={`${edgeItem ? 'e' : 'n'}:${item.id}`}>
              <button
                type="button"
                className={`fd-diff-item fd-diff-item--${item.status}`}
                data-testid={FLOW_TEST_IDS.diffItem}
                data-status={item.status}
                {...(edgeItem ? { 'data-edge-id': item.id } : { 'data-node-id': item.id })}
                onClick={() => onReveal(edgeItem ? { edgeId: canvasId } : { nodeId: canvasId })}
              >
                <span className="fd-diff-item__status">{statusLabel[item.status]}</span>
                <span className="fd-diff-item__kind">{edgeItem ? t.diff.edge : t.diff.node}</span>
                <span className="fd-diff-item__name">
                  {name} <span className="fd-props__id">{item.id}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** `{ [key]: value }` when value is there, `{}` otherwise (optional properties stay absent). */
function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
