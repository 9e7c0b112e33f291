import type { ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useDesigner } from './DesignerContext.js';
import type { DesignerState } from './model/designerStore.js';
import { FLOW_TEST_IDS } from './testIds.js';
import type { DesignerActions } from './useDesignerActions.js';

export interface ToolbarProps {
  store: StoreApi<DesignerState>;
  actions: DesignerActions;
  onConnect: () => void;
  onShortcuts: () => void;
  end?: ReactNode;
}

/** Undo, redo, copy, paste, delete, connect, layout, fit and the shortcut list; each also has a key. */
export function Toolbar({ store, actions, onConnect, onShortcuts, end }: ToolbarProps) {
  const { t, readOnly } = useDesigner();
  const canUndo = useStore(store, (s) => s.past.length > 0);
  const canRedo = useStore(store, (s) => s.future.length > 0);
  const nodes = useStore(store, (s) => s.selection.nodes.length);
  const any = useStore(store, (s) => s.selection.nodes.length + s.selection.edges.length > 0);
  const button = (label: string, testId: string, onClick: () => void, disabled: boolean, keys?: string) => (
    <button type="button" className="omni-button omni-button--small" onClick={onClick} disabled={disabled} data-testid={testId} aria-keyshortcuts={keys} title={keys ? `${label} (${keys})` : label}>
      {label}
    </button>
  );
  return (
    <div className="fd-toolbar" role="toolbar" aria-label={t.toolbar.label}>
      {button(t.toolbar.undo, FLOW_TEST_IDS.undo, actions.undo, readOnly || !canUndo, 'Control+Z')}
      {button(t.toolbar.redo, FLOW_TEST_IDS.redo, actions.redo, readOnly || !canRedo, 'Control+Shift+Z')}
      <span className="fd-toolbar__sep" aria-hidden="true" />
      {button(t.toolbar.copy, FLOW_TEST_IDS.copy, actions.copy, nodes === 0, 'Control+C')}
      {button(t.toolbar.paste, FLOW_TEST_IDS.paste, actions.paste, readOnly, 'Control+V')}
      {button(t.toolbar.delete, FLOW_TEST_IDS.delete, actions.deleteSelection, readOnly || !any, 'Delete')}
      {button(t.toolbar.connect, FLOW_TEST_IDS.connect, onConnect, readOnly || nodes !== 1, 'C')}
      <span className="fd-toolbar__sep" aria-hidden="true" />
      {button(t.toolbar.layout, FLOW_TEST_IDS.layout, actions.layout, readOnly, 'L')}
      {button(t.toolbar.fit, FLOW_TEST_IDS.fit, actions.fit, false, 'F')}
      {button(t.toolbar.shortcuts, FLOW_TEST_IDS.shortcuts, onShortcuts, false, '?')}
      {end && <div className="fd-toolbar__end">{end}</div>}
    </div>
  );
}
