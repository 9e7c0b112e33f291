import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FlowDiff, FlowDocument } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { GHOST_PREFIX, type DiffStatus } from '../canvas/elements.js';
import type { DesignerState } from '../model/designerStore.js';
import { nodeCaption } from '../model/summary.js';
import { FLOW_TEST_IDS } from '../testIds.js';

interface Item {
  element: 'node' | 'edge';
  status: DiffStatus;
  id: string;
  /** Names of the fields that differ, for changed elements. */
  fields?: readonly string[];
}

export interface DiffPanelProps {
  diff: FlowDiff;
  /** The version compared against: where removed nodes and edges are found. */
  base: FlowDocument | undefined;
  store: StoreApi<DesignerState>;
  onReveal: (target: { nodeId?: string; edgeId?: string }) => void;
}

/** The diff as a list: added, changed, removed nodes and edges (a click shows one on the canvas), then variables, tests and the flow's own fields. */
export function DiffPanel({ diff, base, store, onReveal }: DiffPanelProps) {
  const { t } = useDesigner();
  const doc = useStore(store, (s) => s.doc);
  const items: Item[] = [
    ...diff.nodes.added.map((id): Item => ({ element: 'node', status: 'added', id })),
    ...diff.nodes.changed.map((c): Item => ({ element: 'node', status: 'changed', id: c.id, fields: c.fields })),
    ...diff.nodes.removed.map((id): Item => ({ element: 'node', status: 'removed', id })),
    ...diff.edges.added.map((id): Item => ({ element: 'edge', status: 'added', id })),
    ...diff.edges.changed.map((c): Item => ({ element: 'edge', status: 'changed', id: c.id, fields: c.fields })),
    ...diff.edges.removed.map((id): Item => ({ element: 'edge', status: 'removed', id })),
  ];
  const statusLabel = { added: t.diff.added, changed: t.diff.changed, removed: t.diff.removed };
  const name = (item: Item): string => {
    const source = item.status === 'removed' ? base : doc;
    if (item.element === 'node') {
      const n = source?.nodes.find((x) => x.id === item.id);
      return n ? nodeCaption(n, t) : '';
    }
    const e = source?.edges.find((x) => x.id === item.id);
    return e ? `${e.source} → ${e.target}` : '';
  };
  const others = [
    ...(['added', 'changed', 'removed'] as const).flatMap((status) => {
      const ids = (d: FlowDiff['variables']) => (status === 'changed' ? d.changed.map((c) => c.id) : d[status]);
      return [
        ...ids(diff.variables).map((id) => `${statusLabel[status]} ${t.diff.variable} ${id}`),
        ...ids(diff.tests).map((id) => `${statusLabel[status]} ${t.diff.test} ${id}`),
      ];
    }),
    ...diff.meta.map((field) => `${t.diff.changed} ${t.diff.meta} ${field}`),
  ];
  return (
    <div className="fd-diff">
      {diff.identical && <p className="fd-hint">{t.diff.none}</p>}
      <ul className="fd-diff-list">
        {items.map((item) => {
          const canvasId = item.status === 'removed' ? GHOST_PREFIX + item.id : item.id;
          const layoutOnly = item.element === 'node' && diff.layoutOnly.includes(item.id);
          return (
            <li key={`${item.element}:${item.id}`}>
              <button
                type="button"
                className={`fd-diff-item fd-diff-item--${item.status}${layoutOnly ? ' fd-diff-item--layout' : ''}`}
                data-testid={FLOW_TEST_IDS.diffItem}
                data-status={item.status}
                {...(item.element === 'edge' ? { 'data-edge-id': item.id } : { 'data-node-id': item.id })}
                onClick={() => onReveal(item.element === 'edge' ? { edgeId: canvasId } : { nodeId: canvasId })}
              >
                <span className="fd-diff-item__status">{statusLabel[item.status]}</span>
                <span className="fd-diff-item__kind">{item.element === 'edge' ? t.diff.edge : t.diff.node}</span>
                <span className="fd-diff-item__name">
                  {name(item)} <span className="fd-props__id">{item.id}</span>
                </span>
                {item.fields && <span className="fd-diff-item__fields">{layoutOnly ? t.diff.moved : item.fields.join(', ')}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {others.length > 0 && (
        <ul className="fd-diff-others">
          {others.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
