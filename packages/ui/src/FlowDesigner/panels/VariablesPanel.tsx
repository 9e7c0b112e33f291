import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { CONTEXT_FIELDS, VALUE_TYPES, type FlowValue, type ValueType, type VariableDecl } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import type { DesignerState } from '../model/designerStore.js';
import { nextId } from '../model/edits.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { useDocUpdate, withOptional } from './editing.js';
import { ParsedTextField, SelectField, TextField, choicesToText, textToChoices } from './fields.js';

/** Reads a typed initial value from its text: empty is "no initial value". */
export function parseInitial(type: ValueType, text: string): FlowValue | undefined {
  if (text === '') return undefined;
  if (type === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** The flow's declared variables (name, type, label, choices, initial value) and the read-only context fields. */
export function VariablesPanel({ store }: { store: StoreApi<DesignerState> }) {
  const { t, readOnly } = useDesigner();
  const variables = useStore(store, (s) => s.doc.variables);
  const update = useDocUpdate(store);
  const set = (i: number, v: VariableDecl, field: string) => update((doc) => ({ ...doc, variables: doc.variables.map((x, j) => (j === i ? v : x)) }), `variable.${i}.${field}`);
  const add = () =>
    update((doc) => {
      const name = nextId(doc.variables.map((v) => v.name), 'variable');
      return { ...doc, variables: [...doc.variables, { name, type: 'text' }] };
    }, 'variable.add');
  return (
    <div className="fd-variables">
      {variables.length === 0 && <p className="fd-hint">{t.variables.empty}</p>}
      {variables.map((v, i) => (
        <fieldset key={i} className="fd-group" data-testid={FLOW_TEST_IDS.variableRow} data-index={i}>
          <legend>{v.label || v.name}</legend>
          <div className="fd-row">
            <TextField label={t.variables.name} value={v.name} code disabled={readOnly} testId={FLOW_TEST_IDS.variableName} data={{ 'data-index': String(i) }} onChange={(name) => set(i, { ...v, name }, 'name')} />
            <SelectField
              label={t.variables.type}
              value={v.type}
              options={VALUE_TYPES.map((type) => ({ value: type, label: t.variables.types[type] ?? type }))}
              disabled={readOnly}
              testId={FLOW_TEST_IDS.variableType}
              data={{ 'data-index': String(i) }}
              onChange={(type) => set(i, withOptional(withOptional({ ...v, type: type as ValueType }, 'initial', undefined), 'choices', type === 'choice' ? v.choices : undefined), 'type')}
            />
          </div>
          <TextField label={t.variables.label} value={v.label ?? ''} disabled={readOnly} testId={FLOW_TEST_IDS.variableLabel} data={{ 'data-index': String(i) }} onChange={(label) => set(i, withOptional(v, 'label', label), 'label')} />
          {v.type === 'choice' && (
            <ParsedTextField
              label={t.variables.choices}
              multiline
              value={v.choices ?? []}
              format={choicesToText}
              parse={textToChoices}
              disabled={readOnly}
              testId={FLOW_TEST_IDS.variableChoices}
              data={{ 'data-index': String(i) }}
              onChange={(choices) => set(i, withOptional(v, 'choices', choices.length > 0 ? choices : undefined), 'choices')}
            />
          )}
          {v.type === 'boolean' ? (
            <SelectField
              label={t.variables.initial}
              value={v.initial === undefined ? '' : String(v.initial)}
              options={[
                { value: '', label: t.props.none },
                { value: 'true', label: t.sim.yes },
                { value: 'false', label: t.sim.no },
              ]}
              disabled={readOnly}
              testId={FLOW_TEST_IDS.variableInitial}
              data={{ 'data-index': String(i) }}
              onChange={(text) => set(i, withOptional(v, 'initial', parseInitial('boolean', text)), 'initial')}
            />
          ) : (
            <TextField
              label={t.variables.initial}
              value={v.initial === undefined || v.initial === null ? '' : String(v.initial)}
              disabled={readOnly}
              testId={FLOW_TEST_IDS.variableInitial}
              data={{ 'data-index': String(i) }}
              onChange={(text) => set(i, withOptional(v, 'initial', parseInitial(v.type, text)), 'initial')}
            />
          )}
          <button type="button" className="omni-button omni-button--small omni-button--danger" disabled={readOnly} data-testid={FLOW_TEST_IDS.remove} onClick={() => update((doc) => ({ ...doc, variables: doc.variables.filter((_, j) => j !== i) }), 'variable.remove')}>
            {t.variables.remove}
          </button>
        </fieldset>
      ))}
      <button type="button" className="omni-button omni-button--small" disabled={readOnly} data-testid={FLOW_TEST_IDS.variableAdd} onClick={add}>
        {t.variables.add}
      </button>
      <h3 className="fd-subtitle">{t.variables.context}</h3>
      <dl className="fd-context">
        {Object.entries(CONTEXT_FIELDS).map(([name, type]) => (
          <div key={name}>
            <dt className="fd-code">{name}</dt>
            <dd>{t.variables.types[type] ?? type}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
