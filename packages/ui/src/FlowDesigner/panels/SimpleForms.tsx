import type { FlowNodeOf } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { catalogNames } from '../model/summary.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { withOptional } from './editing.js';
import { NumberField, SelectField, TextField } from './fields.js';

/** What every node form gets: its node, and how to replace it (the field name coalesces typing into one undo step). */
export interface FormProps<N> {
  node: N;
  update: (next: N, field: string) => void;
  /** Declared variable names, for pickers. */
  variables: readonly string[];
  variablesListId: string;
}

export function ScriptForm({ node, update }: FormProps<FlowNodeOf<'script'>>) {
  const { t, readOnly } = useDesigner();
  return <TextField label={t.props.text} hint={t.props.textHint} multiline value={node.text} disabled={readOnly} testId={FLOW_TEST_IDS.propText} onChange={(text) => update({ ...node, text }, 'text')} />;
}

export function DecisionForm() {
  const { t } = useDesigner();
  return <p className="fd-hint">{t.props.decisionHint}</p>;
}

export function SetVariableForm({ node, update, variablesListId }: FormProps<FlowNodeOf<'setVariable'>>) {
  const { t, readOnly } = useDesigner();
  const set = (i: number, patch: Partial<{ variable: string; value: string }>, field: string) =>
    update({ ...node, assignments: node.assignments.map((a, j) => (j === i ? { ...a, ...patch } : a)) }, `${field}.${i}`);
  return (
    <fieldset className="fd-group">
      <legend>{t.props.assignments}</legend>
      {node.assignments.map((a, i) => (
        <div className="fd-row" key={i}>
          <TextField label={t.props.variable} value={a.variable} code list={variablesListId} disabled={readOnly} testId={FLOW_TEST_IDS.assignmentVariable} data={{ 'data-index': String(i) }} onChange={(variable) => set(i, { variable }, 'variable')} />
          <TextField label={t.props.value} value={a.value} code disabled={readOnly} testId={FLOW_TEST_IDS.assignmentValue} data={{ 'data-index': String(i) }} onChange={(value) => set(i, { value }, 'value')} />
          <button type="button" className="omni-button omni-button--small fd-row__remove" disabled={readOnly || node.assignments.length <= 1} aria-label={`${t.props.remove} ${a.variable}`} data-testid={FLOW_TEST_IDS.remove} onClick={() => update({ ...node, assignments: node.assignments.filter((_, j) => j !== i) }, 'remove')}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="omni-button omni-button--small" disabled={readOnly} data-testid={FLOW_TEST_IDS.addAssignment} onClick={() => update({ ...node, assignments: [...node.assignments, { variable: '', value: '' }] }, 'add')}>
        {t.props.addAssignment}
      </button>
    </fieldset>
  );
}

export function TransferForm({ node, update }: FormProps<FlowNodeOf<'transfer'>>) {
  const { t, catalog, readOnly } = useDesigner();
  return (
    <SelectField
      label={t.props.queue}
      value={node.queueId}
      options={catalog.queues.map((q) => ({ value: q.id, label: q.name }))}
      unknownLabel={t.props.unknown}
      disabled={readOnly}
      testId={FLOW_TEST_IDS.transferQueue}
      onChange={(queueId) => update({ ...node, queueId }, 'queue')}
    />
  );
}

export function WaitReplyForm({ node, update, variablesListId }: FormProps<FlowNodeOf<'waitReply'>>) {
  const { t, readOnly } = useDesigner();
  return (
    <>
      <NumberField label={t.props.timeoutSeconds} value={node.timeoutSeconds} min={5} max={604_800} disabled={readOnly} testId={FLOW_TEST_IDS.waitTimeout} onChange={(n) => update({ ...node, timeoutSeconds: n ?? 5 }, 'timeout')} />
      <TextField label={t.props.replyVariable} value={node.replyVariable ?? ''} code list={variablesListId} disabled={readOnly} testId={FLOW_TEST_IDS.waitReplyVariable} onChange={(v) => update(withOptional(node, 'replyVariable', v), 'reply')} />
    </>
  );
}

export function EndForm({ node, update }: FormProps<FlowNodeOf<'end'>>) {
  const { t, catalog, locale, readOnly } = useDesigner();
  const names = catalogNames(catalog, locale);
  return (
    <SelectField
      label={t.props.disposition}
      value={node.disposition}
      options={catalog.dispositions.map((d) => ({ value: d.code, label: names.disposition(d.code) }))}
      unknownLabel={t.props.unknown}
      disabled={readOnly}
      testId={FLOW_TEST_IDS.endDisposition}
      onChange={(disposition) => update({ ...node, disposition }, 'disposition')}
    />
  );
}
