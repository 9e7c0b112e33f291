import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AskField, Diagnostic, FlowEdge, FlowNode, ValueType } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import type { DesignerState } from '../model/designerStore.js';
import { nodeCaption } from '../model/summary.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { AskForm } from './AskForm.js';
import { AddInCallForm, CreateWorkOrderForm, SendMessageForm } from './EffectForms.js';
import { useDocUpdate, useEdgeUpdate, useNodeUpdate, withOptional } from './editing.js';
import { NumberField, TextField } from './fields.js';
import { DecisionForm, EndForm, ScriptForm, SetVariableForm, TransferForm, WaitReplyForm } from './SimpleForms.js';

/** An ask field's input type as a variable type: the same words except that a field cannot be boolean. */
const fieldType = (input: AskField['input']): ValueType => input;

function Problems({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const { t, locale } = useDesigner();
  if (diagnostics.length === 0) return null;
  return (
    <div className="fd-panel-problems" role="group" aria-label={t.props.problems}>
      <ul>
        {diagnostics.map((d, i) => (
          <li key={i} className={`fd-problem fd-problem--${d.severity}`}>
            {d.message[locale]}
          </li>
        ))}
      </ul>
    </div>
  );
}

function NodeProperties({ store, node, diagnostics }: { store: StoreApi<DesignerState>; node: FlowNode; diagnostics: readonly Diagnostic[] }) {
  const { t, readOnly } = useDesigner();
  const update = useNodeUpdate(store, node);
  const docUpdate = useDocUpdate(store);
  const variables = useStore(store, (s) => s.doc.variables);
  const listId = useId();
  const names = variables.map((v) => v.name);
  const common = { variables: names, variablesListId: listId };
  const declare = (field: AskField) =>
    docUpdate((doc) => (doc.variables.some((v) => v.name === field.variable) ? doc : { ...doc, variables: [...doc.variables, { name: field.variable, type: fieldType(field.input), label: field.label, ...(field.choices ? { choices: field.choices } : {}) }] }), 'declare');
  const form = (() => {
    switch (node.kind) {
      case 'start':
        return null;
      case 'script':
        return <ScriptForm node={node} update={update} {...common} />;
      case 'ask':
        return <AskForm node={node} update={update} onDeclare={declare} choicesOf={(name) => variables.find((v) => v.name === name)?.choices} {...common} />;
      case 'decision':
        return <DecisionForm />;
      case 'addInCall':
        return <AddInCallForm node={node} update={update} {...common} />;
      case 'setVariable':
        return <SetVariableForm node={node} update={update} {...common} />;
      case 'createWorkOrder':
        return <CreateWorkOrderForm node={node} update={update} {...common} />;
      case 'sendMessage':
        return <SendMessageForm node={node} update={update} {...common} />;
      case 'transfer':
        return <TransferForm node={node} update={update} {...common} />;
      case 'waitReply':
        return <WaitReplyForm node={node} update={update} {...common} />;
      case 'end':
        return <EndForm node={node} update={update} {...common} />;
    }
  })();
  return (
    <div className="fd-props" data-node-id={node.id}>
      <h3 className="fd-props__title">
        {t.kinds[node.kind]} <span className="fd-props__id">{node.id}</span>
      </h3>
      <Problems diagnostics={diagnostics} />
      <TextField label={t.props.label} value={node.label ?? ''} disabled={readOnly} testId={FLOW_TEST_IDS.propLabel} onChange={(v) => update(withOptional(node, 'label', v), 'label')} />
      {form}
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </div>
  );
}

function EdgeProperties({ store, edge, diagnostics }: { store: StoreApi<DesignerState>; edge: FlowEdge; diagnostics: readonly Diagnostic[] }) {
  const { t, readOnly } = useDesigner();
  const update = useEdgeUpdate(store, edge);
  const nodes = useStore(store, (s) => s.doc.nodes);
  const caption = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return n ? `${nodeCaption(n, t)} (${id})` : id;
  };
  return (
    <div className="fd-props" data-edge-id={edge.id}>
      <h3 className="fd-props__title">
        {t.props.edge} <span className="fd-props__id">{edge.id}</span>
      </h3>
      <p className="fd-hint">{t.props.edgeFrom(caption(edge.source), t.ports[edge.sourcePort] ?? edge.sourcePort, caption(edge.target))}</p>
      <Problems diagnostics={diagnostics} />
      <TextField label={t.props.guard} hint={t.props.guardHint} value={edge.guard ?? ''} code disabled={readOnly} testId={FLOW_TEST_IDS.edgeGuard} onChange={(v) => update(withOptional(edge, 'guard', v), 'guard')} />
      <NumberField label={t.props.priority} value={edge.priority} min={0} max={1_000} disabled={readOnly} testId={FLOW_TEST_IDS.edgePriority} onChange={(n) => update(withOptional(edge, 'priority', n), 'priority')} />
      <TextField label={t.props.edgeLabel} value={edge.label ?? ''} disabled={readOnly} testId={FLOW_TEST_IDS.edgeLabelInput} onChange={(v) => update(withOptional(edge, 'label', v), 'label')} />
    </div>
  );
}

/** The form for what is selected: one node, one edge, or a note when nothing (or several) is. */
export function PropertyPanel({ store, diagnostics }: { store: StoreApi<DesignerState>; diagnostics: readonly Diagnostic[] }) {
  const { t } = useDesigner();
  const selection = useStore(store, (s) => s.selection);
  const doc = useStore(store, (s) => s.doc);
  const count = selection.nodes.length + selection.edges.length;
  if (count === 0) return <p className="fd-hint">{t.props.nothing}</p>;
  if (count > 1) return <p className="fd-hint">{t.props.many(count)}</p>;
  const node = doc.nodes.find((n) => n.id === selection.nodes[0]);
  if (node) return <NodeProperties key={node.id} store={store} node={node} diagnostics={diagnostics.filter((d) => d.nodeId === node.id)} />;
  const edge = doc.edges.find((e) => e.id === selection.edges[0]);
  if (edge) return <EdgeProperties key={edge.id} store={store} edge={edge} diagnostics={diagnostics.filter((d) => d.edgeId === edge.id)} />;
  return <p className="fd-hint">{t.props.nothing}</p>;
}
