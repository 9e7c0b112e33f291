import type { FlowNodeOf } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { withOptional } from './editing.js';
import { NumberField, SelectField, TextField } from './fields.js';
import type { FormProps } from './SimpleForms.js';

/** Keys the catalog names first, then any others the node still has (so stale ones can be seen and cleared). */
const keysOf = (known: readonly string[], record: Readonly<Record<string, unknown>>): string[] => [...known, ...Object.keys(record).filter((k) => !known.includes(k))];

/** Sets a record entry; an empty expression removes it. */
const setEntry = (record: Readonly<Record<string, string>>, key: string, value: string): Record<string, string> => {
  const next = { ...record };
  if (value === '') delete next[key];
  else next[key] = value;
  return next;
};

export function AddInCallForm({ node, update, variables }: FormProps<FlowNodeOf<'addInCall'>>) {
  const { t, catalog, locale, readOnly } = useDesigner();
  const addIn = catalog.addIns.find((a) => a.id === node.addInId);
  const operation = addIn?.operations.find((o) => o.name === node.operation);
  const fieldLabel = (f: { name: string; label?: { en: string; 'zh-CN': string } }) => (f.label ? `${f.label[locale]} (${f.name})` : f.name);
  // The document maps variable -> output field; the form asks per output field which variable receives it.
  const variableFor = (field: string) => Object.entries(node.output).find(([, f]) => f === field)?.[0] ?? '';
  const setOutput = (field: string, variable: string) => {
    const output = Object.fromEntries(Object.entries(node.output).filter(([, f]) => f !== field));
    if (variable) output[variable] = field;
    update({ ...node, output }, `output.${field}`);
  };
  return (
    <>
      <SelectField
        label={t.props.addIn}
        value={node.addInId}
        options={catalog.addIns.map((a) => ({ value: a.id, label: a.name[locale] }))}
        unknownLabel={t.props.unknown}
        disabled={readOnly}
        testId={FLOW_TEST_IDS.addInId}
        onChange={(addInId) => update({ ...node, addInId, operation: catalog.addIns.find((a) => a.id === addInId)?.operations[0]?.name ?? '', input: {}, output: {} }, 'addIn')}
      />
      <SelectField
        label={t.props.operation}
        value={node.operation}
        options={(addIn?.operations ?? []).map((o) => ({ value: o.name, label: o.name }))}
        unknownLabel={t.props.unknown}
        disabled={readOnly}
        testId={FLOW_TEST_IDS.addInOperation}
        onChange={(op) => update({ ...node, operation: op, input: {}, output: {} }, 'operation')}
      />
      <fieldset className="fd-group">
        <legend>{t.props.inputsTitle}</legend>
        {keysOf(operation?.inputs.map((f) => f.name) ?? [], node.input).map((name) => {
          const field = operation?.inputs.find((f) => f.name === name);
          return (
            <TextField
              key={name}
              label={`${field ? fieldLabel(field) : name}${field?.required ? ' *' : ''}`}
              value={node.input[name] ?? ''}
              code
              disabled={readOnly}
              testId={FLOW_TEST_IDS.addInInput}
              data={{ 'data-name': name }}
              onChange={(v) => update({ ...node, input: setEntry(node.input, name, v) }, `input.${name}`)}
            />
          );
        })}
      </fieldset>
      <fieldset className="fd-group">
        <legend>{t.props.outputsTitle}</legend>
        {keysOf(operation?.outputs.map((f) => f.name) ?? [], Object.fromEntries(Object.values(node.output).map((f) => [f, f]))).map((name) => {
          const field = operation?.outputs.find((f) => f.name === name);
          return (
            <SelectField
              key={name}
              label={t.props.outputField(field ? fieldLabel(field) : name)}
              value={variableFor(name)}
              options={[{ value: '', label: t.props.none }, ...variables.map((v) => ({ value: v, label: v }))]}
              unknownLabel={t.props.unknown}
              disabled={readOnly}
              testId={FLOW_TEST_IDS.addInOutput}
              data={{ 'data-name': name }}
              onChange={(v) => setOutput(name, v)}
            />
          );
        })}
      </fieldset>
      <NumberField label={t.props.timeoutMs} value={node.timeoutMs} min={50} max={30_000} step={50} disabled={readOnly} testId={FLOW_TEST_IDS.addInTimeout} onChange={(n) => update(withOptional(node, 'timeoutMs', n), 'timeout')} />
    </>
  );
}

export function CreateWorkOrderForm({ node, update, variablesListId }: FormProps<FlowNodeOf<'createWorkOrder'>>) {
  const { t, catalog, locale, readOnly } = useDesigner();
  const type = catalog.workOrderTypes.find((w) => w.type === node.workOrderType);
  return (
    <>
      <SelectField
        label={t.props.workOrderType}
        value={node.workOrderType}
        options={catalog.workOrderTypes.map((w) => ({ value: w.type, label: w.name[locale] }))}
        unknownLabel={t.props.unknown}
        disabled={readOnly}
        testId={FLOW_TEST_IDS.workOrderType}
        onChange={(workOrderType) => update({ ...node, workOrderType, fields: {} }, 'type')}
      />
      <fieldset className="fd-group">
        <legend>{t.props.workOrderFields}</legend>
        {keysOf(type?.fields.map((f) => f.name) ?? [], node.fields).map((name) => {
          const field = type?.fields.find((f) => f.name === name);
          return (
            <TextField
              key={name}
              label={`${field?.label ? `${field.label[locale]} (${name})` : name}${field?.required ? ' *' : ''}`}
              value={node.fields[name] ?? ''}
              code
              disabled={readOnly}
              testId={FLOW_TEST_IDS.workOrderField}
              data={{ 'data-name': name }}
              onChange={(v) => update({ ...node, fields: setEntry(node.fields, name, v) }, `field.${name}`)}
            />
          );
        })}
      </fieldset>
      <TextField label={t.props.resultVariable} value={node.resultVariable ?? ''} code list={variablesListId} disabled={readOnly} testId={FLOW_TEST_IDS.workOrderResult} onChange={(v) => update(withOptional(node, 'resultVariable', v), 'result')} />
    </>
  );
}

export function SendMessageForm({ node, update }: FormProps<FlowNodeOf<'sendMessage'>>) {
  const { t, readOnly } = useDesigner();
  return (
    <>
      <SelectField
        label={t.props.channel}
        value={node.channel}
        options={[
          { value: 'sms', label: t.summary.sms },
          { value: 'email', label: t.summary.email },
        ]}
        disabled={readOnly}
        testId={FLOW_TEST_IDS.messageChannel}
        onChange={(c) => update(c === 'sms' ? withOptional({ ...node, channel: 'sms' }, 'subject', undefined) : { ...node, channel: 'email' }, 'channel')}
      />
      <TextField label={t.props.to} value={node.to ?? ''} code disabled={readOnly} testId={FLOW_TEST_IDS.messageTo} onChange={(v) => update(withOptional(node, 'to', v), 'to')} />
      {node.channel === 'email' && <TextField label={t.props.subject} value={node.subject ?? ''} disabled={readOnly} testId={FLOW_TEST_IDS.messageSubject} onChange={(v) => update(withOptional(node, 'subject', v), 'subject')} />}
      <TextField label={t.props.body} hint={t.props.textHint} multiline value={node.body} disabled={readOnly} testId={FLOW_TEST_IDS.messageBody} onChange={(body) => update({ ...node, body }, 'body')} />
    </>
  );
}
