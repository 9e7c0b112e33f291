import { FIELD_INPUTS, type AskField, type FlowNodeOf } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { withOptional } from './editing.js';
import { CheckField, NumberField, ParsedTextField, SelectField, TextField, choicesToText, textToChoices } from './fields.js';
import type { FormProps } from './SimpleForms.js';

type Rules = NonNullable<AskField['rules']>;

export interface AskFormProps extends FormProps<FlowNodeOf<'ask'>> {
  /** Declares a variable for a field that stores into an undeclared one. */
  onDeclare: (field: AskField) => void;
  /** A declared variable's own choices: a choice field without choices offers them. */
  choicesOf: (variable: string) => readonly { value: string; label: string }[] | undefined;
}

/** The ask node: a prompt and its form fields (input type, required, choices, rules), in order. */
export function AskForm({ node, update, variables, variablesListId, onDeclare, choicesOf }: AskFormProps) {
  const { t, readOnly } = useDesigner();
  const setField = (i: number, field: AskField, key: string) => update({ ...node, fields: node.fields.map((f, j) => (j === i ? field : f)) }, `fields.${i}.${key}`);
  const setRule = (i: number, field: AskField, key: keyof Rules, value: Rules[keyof Rules] | undefined) => {
    const rules = withOptional<Rules, keyof Rules>(field.rules ?? {}, key, value);
    setField(i, Object.keys(rules).length > 0 ? { ...field, rules } : withOptional(field, 'rules', undefined), `rules.${key}`);
  };
  const move = (i: number, by: number) => {
    const fields = [...node.fields];
    const [f] = fields.splice(i, 1);
    if (!f) return;
    fields.splice(i + by, 0, f);
    update({ ...node, fields }, 'order');
  };
  return (
    <>
      <TextField label={t.props.prompt} multiline value={node.prompt ?? ''} disabled={readOnly} testId={FLOW_TEST_IDS.propPrompt} onChange={(v) => update(withOptional(node, 'prompt', v), 'prompt')} />
      <fieldset className="fd-group">
        <legend>{t.props.fields}</legend>
        {node.fields.map((field, i) => (
          <fieldset className="fd-group fd-group--inner" key={i} data-testid={FLOW_TEST_IDS.askField} data-index={i}>
            <legend>{t.props.field(i + 1)}</legend>
            <div className="fd-row">
              <TextField label={t.props.variable} value={field.variable} code list={variablesListId} disabled={readOnly} testId={FLOW_TEST_IDS.askFieldVariable} data={{ 'data-index': String(i) }} onChange={(variable) => setField(i, { ...field, variable }, 'variable')} />
              <TextField label={t.props.fieldLabel} value={field.label} disabled={readOnly} testId={FLOW_TEST_IDS.askFieldLabel} data={{ 'data-index': String(i) }} onChange={(label) => setField(i, { ...field, label }, 'label')} />
            </div>
            {field.variable !== '' && !variables.includes(field.variable) && !readOnly && (
              <button type="button" className="omni-button omni-button--small" data-testid={FLOW_TEST_IDS.declareVariable} onClick={() => onDeclare(field)}>
                {t.props.declare} {field.variable}
              </button>
            )}
            <div className="fd-row">
              <SelectField
                label={t.props.input}
                value={field.input}
                options={FIELD_INPUTS.map((v) => ({ value: v, label: t.props.inputs[v] ?? v }))}
                disabled={readOnly}
                testId={FLOW_TEST_IDS.askFieldInput}
                data={{ 'data-index': String(i) }}
                onChange={(input) => setField(i, { ...field, input: input as AskField['input'] }, 'input')}
              />
              <CheckField label={t.props.required} checked={field.required} disabled={readOnly} testId={FLOW_TEST_IDS.askFieldRequired} data={{ 'data-index': String(i) }} onChange={(required) => setField(i, { ...field, required }, 'required')} />
            </div>
            {field.input === 'choice' && (
              <ParsedTextField
                label={t.props.choices}
                {...(choicesOf(field.variable)?.length ? { hint: t.props.choicesFromVariable(choicesToText(choicesOf(field.variable)).split('\n').join(', ')) } : {})}
                multiline
                value={field.choices ?? []}
                format={choicesToText}
                parse={textToChoices}
                disabled={readOnly}
                testId={FLOW_TEST_IDS.askFieldChoices}
                data={{ 'data-index': String(i) }}
                onChange={(choices) => setField(i, choices.length > 0 ? { ...field, choices } : withOptional(field, 'choices', undefined), 'choices')}
              />
            )}
            <details className="fd-details">
              <summary>{t.props.rules}</summary>
              {field.input === 'number' ? (
                <div className="fd-row">
                  <NumberField label={t.props.min} value={field.rules?.min} disabled={readOnly} onChange={(n) => setRule(i, field, 'min', n)} />
                  <NumberField label={t.props.max} value={field.rules?.max} disabled={readOnly} onChange={(n) => setRule(i, field, 'max', n)} />
                </div>
              ) : (
                <div className="fd-row">
                  <NumberField label={t.props.minLength} value={field.rules?.minLength} min={0} disabled={readOnly} onChange={(n) => setRule(i, field, 'minLength', n)} />
                  <NumberField label={t.props.maxLength} value={field.rules?.maxLength} min={1} disabled={readOnly} onChange={(n) => setRule(i, field, 'maxLength', n)} />
                </div>
              )}
              <TextField label={t.props.pattern} value={field.rules?.pattern ?? ''} code disabled={readOnly} onChange={(v) => setRule(i, field, 'pattern', v)} />
              <TextField label={t.props.ruleMessage} value={field.rules?.message ?? ''} disabled={readOnly} onChange={(v) => setRule(i, field, 'message', v)} />
            </details>
            <div className="fd-row fd-row--buttons">
              <button type="button" className="omni-button omni-button--small" disabled={readOnly || i === 0} onClick={() => move(i, -1)}>
                {t.props.moveUp}
              </button>
              <button type="button" className="omni-button omni-button--small" disabled={readOnly || i === node.fields.length - 1} onClick={() => move(i, 1)}>
                {t.props.moveDown}
              </button>
              <button type="button" className="omni-button omni-button--small omni-button--danger" disabled={readOnly || node.fields.length <= 1} data-testid={FLOW_TEST_IDS.remove} onClick={() => update({ ...node, fields: node.fields.filter((_, j) => j !== i) }, 'remove')}>
                {t.props.removeField}
              </button>
            </div>
          </fieldset>
        ))}
        <button
          type="button"
          className="omni-button omni-button--small"
          disabled={readOnly}
          data-testid={FLOW_TEST_IDS.askAddField}
          onClick={() => update({ ...node, fields: [...node.fields, { variable: `answer${node.fields.length + 1}`, label: t.props.field(node.fields.length + 1), input: 'text', required: false }] }, 'add')}
        >
          {t.props.addField}
        </button>
      </fieldset>
    </>
  );
}
