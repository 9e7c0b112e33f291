import { forwardRef, useId, type KeyboardEvent } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { Diagnostic, FlowDiff, FlowDocument } from '@omnicc/flows';
import { useDesigner } from './DesignerContext.js';
import { DiffPanel } from './diff/DiffPanel.js';
import type { DesignerState } from './model/designerStore.js';
import { ProblemsPanel } from './panels/ProblemsPanel.js';
import { PropertyPanel } from './panels/PropertyPanel.js';
import { TestsPanel } from './panels/TestsPanel.js';
import { VariablesPanel } from './panels/VariablesPanel.js';
import { SimulationPanel } from './simulation/SimulationPanel.js';
import type { Simulation } from './simulation/useSimulation.js';
import { FLOW_TEST_IDS } from './testIds.js';

export type PanelTab = 'properties' | 'variables' | 'tests' | 'problems' | 'simulate' | 'changes';

export interface SidePanelProps {
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  store: StoreApi<DesignerState>;
  validation: { diagnostics: readonly Diagnostic[]; pending: boolean };
  simulation: Simulation;
  diff: FlowDiff | undefined;
  diffBase: FlowDocument | undefined;
  onReveal: (target: { nodeId?: string; edgeId?: string }) => void;
}

/** The panels beside the canvas, as tabs (WAI-ARIA tabs: arrows move between them, the panel follows). */
export const SidePanel = forwardRef<HTMLDivElement, SidePanelProps>(function SidePanel(props, ref) {
  const { t } = useDesigner();
  const { tab, onTab, store, validation, simulation, diff, diffBase, onReveal } = props;
  const base = useId();
  const errors = validation.diagnostics.filter((d) => d.severity === 'error').length;
  const tabs: { id: PanelTab; label: string }[] = [
    { id: 'properties', label: t.tabs.properties },
    { id: 'variables', label: t.tabs.variables },
    { id: 'tests', label: t.tabs.tests },
    { id: 'problems', label: errors > 0 ? `${t.tabs.problems} (${errors})` : t.tabs.problems },
    { id: 'simulate', label: t.tabs.simulate },
    ...(diff ? [{ id: 'changes' as const, label: t.tabs.changes }] : []),
  ];
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = tabs.findIndex((x) => x.id === tab);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : e.key === 'Home' ? tabs[0] : e.key === 'End' ? tabs.at(-1) : undefined;
    if (!next) return;
    e.preventDefault();
    onTab(next.id);
    document.getElementById(`${base}-tab-${next.id}`)?.focus();
  };
  return (
    <aside className="fd-side">
      <div className="fd-tabs" role="tablist" aria-label={t.tabs.label}>
        {tabs.map((x) => (
          <button
            key={x.id}
            id={`${base}-tab-${x.id}`}
            type="button"
            role="tab"
            className={`fd-tab${x.id === 'problems' && errors > 0 ? ' fd-tab--alert' : ''}`}
            aria-selected={tab === x.id}
            aria-controls={`${base}-panel`}
            tabIndex={tab === x.id ? 0 : -1}
            data-testid={FLOW_TEST_IDS.tab}
            data-tab={x.id}
            onClick={() => onTab(x.id)}
            onKeyDown={onKeyDown}
          >
            {x.label}
          </button>
        ))}
      </div>
      <div ref={ref} id={`${base}-panel`} className="fd-panel" role="tabpanel" aria-labelledby={`${base}-tab-${tab}`} data-testid={FLOW_TEST_IDS.panel} data-tab={tab}>
        {tab === 'properties' && <PropertyPanel store={store} diagnostics={validation.diagnostics} />}
        {tab === 'variables' && <VariablesPanel store={store} />}
        {tab === 'tests' && <TestsPanel store={store} onRecord={simulation.run ? () => simulation.toTestCase(t.tests.newName(store.getState().doc.tests.length + 1)) : undefined} />}
        {tab === 'problems' && <ProblemsPanel diagnostics={validation.diagnostics} pending={validation.pending} onReveal={onReveal} onTest={() => onTab('tests')} />}
        {tab === 'simulate' && <SimulationPanel simulation={simulation} store={store} onReveal={onReveal} />}
        {tab === 'changes' && diff && <DiffPanel diff={diff} base={diffBase} store={store} onReveal={onReveal} />}
      </div>
    </aside>
  );
});
