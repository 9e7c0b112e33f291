import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useStore } from 'zustand';
import type { Diagnostic, FlowCatalog, FlowContextValues, FlowDiff, FlowDocument } from '@omnicc/flows';
import { DesignerContext } from './DesignerContext.js';
import { FlowCanvas } from './canvas/FlowCanvas.js';
import type { Decorations } from './canvas/elements.js';
import { diffOverlay } from './diff/diffOverlay.js';
import { validateFlow } from './engine.js';
import { ConnectDialog } from './keyboard/ConnectDialog.js';
import { ShortcutsDialog } from './keyboard/ShortcutsDialog.js';
import { useDesignerKeys } from './keyboard/useDesignerKeys.js';
import { designerMessages, type DesignerLocale } from './messages/index.js';
import { createDesignerStore, type Selection } from './model/designerStore.js';
import { connect } from './model/edits.js';
import { Palette } from './palette/Palette.js';
import { useValidation } from './panels/useValidation.js';
import { SidePanel, type PanelTab } from './SidePanel.js';
import { Toolbar } from './Toolbar.js';
import { FLOW_TEST_IDS } from './testIds.js';
import { useDesignerActions } from './useDesignerActions.js';
import { useSimulation } from './simulation/useSimulation.js';
import '@xyflow/react/dist/base.css';
import './FlowDesigner.css';

export interface FlowDesignerProps {
  /** The flow to edit. A different document from the host (another flow or version) starts a fresh undo history. */
  document: FlowDocument;
  /** Every edit, with the whole new document; the host autosaves it and passes it back as `document`. */
  onChange: (doc: FlowDocument) => void;
  /** Add-ins, work-order types, queues and dispositions the flow may use (the server's). */
  catalog: FlowCatalog;
  locale: DesignerLocale;
  /** Look, select, simulate; no edits (a published version, an agent's view). */
  readOnly?: boolean;
  /** Draws what changed against another version, `diffFlows(diffBase, document)`: added green, changed amber, removed as red ghosts. */
  diff?: FlowDiff;
  /** The version `diff` compares against; its removed nodes and edges are drawn as ghosts (without it they are only listed). */
  diffBase?: FlowDocument;
  /** Selects and centres this node when it changes (e.g. a link from a failed flow test). */
  focusNodeId?: string;
  /** Fresh diagnostics after each validation; the host can block publishing on errors. */
  onDiagnosticsChange?: (diagnostics: readonly Diagnostic[]) => void;
  onSelectionChange?: (selection: Selection) => void;
  /** Context the simulation starts with (customer tier, channel…). */
  simulationContext?: FlowContextValues;
  /** The host's own buttons at the end of the toolbar (publish, versions). */
  toolbarEnd?: ReactNode;
  className?: string;
}

/**
 * The service-flow designer (流程设计器) for team leads: palette, canvas,
 * property forms, variables, flow tests, live validation, simulation and a
 * version diff, all by mouse and by keyboard. Controlled: it edits a copy of
 * `document` with its own undo history and reports every edit by `onChange`.
 */
export function FlowDesigner(props: FlowDesignerProps) {
  return (
    <ReactFlowProvider>
      <Designer {...props} />
    </ReactFlowProvider>
  );
}

function Designer(props: FlowDesignerProps) {
  const { catalog, locale, readOnly = false } = props;
  const t = designerMessages(locale);
  const [store] = useState(() => createDesignerStore(props.document));
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [tab, setTab] = useState<PanelTab>(props.diff ? 'changes' : 'properties');
  const [dialog, setDialog] = useState<'connect' | 'shortcuts' | null>(null);
  const context = useMemo(() => ({ locale, t, catalog, readOnly }), [locale, t, catalog, readOnly]);

  // The host's document is the truth: adopt a new one, report ours.
  const hostDoc = useRef(props.document);
  hostDoc.current = props.document;
  const callbacks = useRef(props);
  callbacks.current = props;
  useEffect(() => {
    if (props.document !== store.getState().doc) store.getState().reset(props.document);
  }, [props.document, store]);
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.doc !== prev.doc && s.doc !== hostDoc.current) callbacks.current.onChange(s.doc);
        if (s.selection !== prev.selection) callbacks.current.onSelectionChange?.(s.selection);
      }),
    [store],
  );

  const doc = useStore(store, (s) => s.doc);
  const validation = useValidation(doc, catalog, validateFlow);
  useEffect(() => callbacks.current.onDiagnosticsChange?.(validation.diagnostics), [validation.diagnostics]);
  const simulation = useSimulation(doc, catalog, props.simulationContext);
  const diff = useMemo(() => (props.diff ? diffOverlay(props.diff, props.diffBase) : undefined), [props.diff, props.diffBase]);
  const decorations = useMemo<Decorations>(() => {
    const d: Decorations = { diagnostics: validation.diagnostics };
    if (diff) d.diff = diff;
    if (simulation.path) d.path = simulation.path;
    return d;
  }, [validation.diagnostics, diff, simulation.path]);

  const actions = useDesignerActions(store, catalog, canvasRef, readOnly, t.defaults);
  const openProperties = () => {
    setTab('properties');
    requestAnimationFrame(() => panelRef.current?.querySelector<HTMLElement>('input, textarea, select, button')?.focus());
  };
  const handlers = { openProperties, openConnect: () => store.getState().selection.nodes.length === 1 && setDialog('connect'), openShortcuts: () => setDialog('shortcuts') };
  const onKeyDown = useDesignerKeys(store, actions, handlers, readOnly);

  useEffect(() => {
    if (props.focusNodeId === undefined) return;
    const id = props.focusNodeId;
    const frame = requestAnimationFrame(() => actions.reveal({ nodeId: id }));
    return () => cancelAnimationFrame(frame);
  }, [props.focusNodeId, actions]);

  const selectedNode = useStore(store, (s) => (s.selection.nodes.length === 1 ? s.doc.nodes.find((n) => n.id === s.selection.nodes[0]) : undefined));
  const onDrop = (kind: Parameters<typeof actions.addAtScreen>[0], screen: { x: number; y: number }) => {
    const hit = document.elementFromPoint(screen.x, screen.y);
    if (hit && canvasRef.current?.contains(hit)) actions.addAtScreen(kind, screen);
  };

  return (
    <DesignerContext.Provider value={context}>
      <div className={`fd-root${props.className ? ` ${props.className}` : ''}`} data-testid={FLOW_TEST_IDS.root} lang={locale} onKeyDown={onKeyDown}>
        <Toolbar store={store} actions={actions} onConnect={handlers.openConnect} onShortcuts={handlers.openShortcuts} end={props.toolbarEnd} />
        <Palette onDrop={onDrop} onAdd={(kind) => actions.addAtCenter(kind)} />
        <FlowCanvas store={store} decorations={decorations} onEdit={openProperties} containerRef={canvasRef} />
        <SidePanel
          ref={panelRef}
          tab={tab}
          onTab={setTab}
          store={store}
          validation={validation}
          simulation={simulation}
          diff={props.diff}
          diffBase={props.diffBase}
          onReveal={(target) => actions.reveal(target)}
        />
        {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
        {dialog === 'connect' && selectedNode && (
          <ConnectDialog
            doc={doc}
            from={selectedNode}
            onClose={() => setDialog(null)}
            onConnect={(port, target) => {
              const s = store.getState();
              const next = connect(s.doc, selectedNode.id, port, target);
              const added = next.edges.at(-1);
              if (added && next !== s.doc) s.commit(next, { select: { nodes: [selectedNode.id], edges: [] } });
              setDialog(null);
            }}
          />
        )}
      </div>
    </DesignerContext.Provider>
  );
}
