import { useState } from 'react';
import type { AskField, FlowValue, RunEvent, RunEventError, RunWaiting, ValueType } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { FLOW_TEST_IDS } from '../testIds.js';

type Choices = readonly { value: string; label: string }[];

function AskInput({ field, choices, value, error, onChange }: { field: AskField; choices: Choices; value: string; error: string | undefined; onChange: (v: string) => void }) {
  const { t } = useDesigner();
  const id = `sim-${field.variable}`;
  const common = { id, className: 'omni-input', value, 'aria-invalid': error !== undefined, 'aria-describedby': error ? `${id}-error` : undefined, 'data-testid': FLOW_TEST_IDS.simAskInput, 'data-variable': field.variable };
  return (
    <div className="omni-field">
      <label className="omni-field__label" htmlFor={id}>
        {field.label}
        {field.required ? ' *' : ''}
      </label>
      {field.input === 'choice' ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t.props.none}</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={field.input === 'number' ? 'number' : field.input === 'date' ? 'date' : field.input === 'phone' ? 'tel' : 'text'} onChange={(e) => onChange(e.target.value)} />
      )}
      {error && (
        <span id={`${id}-error`} className="omni-field__error">
          {error}
        </span>
      )}
    </div>
  );
}

/** An answer typed in the simulation, as the value the runtime gets: empty is null, numbers are numbers. */
const toValue = (field: AskField, text: string): FlowValue => (text === '' ? null : field.input === 'number' && Number.isFinite(Number(text)) ? Number(text) : text);

/** The step the run waits at, shown as the agent's side panel will show it, with what the simulator can answer. */
export interface WaitingStepProps {
  waiting: RunWaiting;
  refused: RunEventError | null;
  onSend: (event: RunEvent) => void;
  /** Output fields the simulator may fill in for an effect. */
  outputFields: readonly { name: string; type: ValueType }[];
  /** A choice field without its own choices offers its variable's. */
  choicesOf: (variable: string) => Choices | undefined;
}

export function WaitingStep({ waiting, refused, onSend, outputFields, choicesOf }: WaitingStepProps) {
  const { t, locale } = useDesigner();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [reply, setReply] = useState('');
  const [errorText, setErrorText] = useState('');
  const nodeId = waiting.nodeId;
  switch (waiting.kind) {
    case 'script':
      return (
        <div className="fd-sim-step" data-testid={FLOW_TEST_IDS.simStep} data-kind="script" data-node-id={nodeId}>
          <h4>{t.sim.waitingScript}</h4>
          <p className="fd-sim-script">{waiting.text}</p>
          <button type="button" className="omni-button omni-button--primary" data-testid={FLOW_TEST_IDS.simNext} onClick={() => onSend({ type: 'next', nodeId })}>
            {t.sim.next}
          </button>
        </div>
      );
    case 'ask':
      return (
        <form
          className="fd-sim-step"
          data-testid={FLOW_TEST_IDS.simStep}
          data-kind="ask"
          data-node-id={nodeId}
          onSubmit={(e) => {
            e.preventDefault();
            onSend({ type: 'submit', nodeId, values: Object.fromEntries(waiting.fields.map((f) => [f.variable, toValue(f, answers[f.variable] ?? '')])) });
          }}
        >
          {waiting.prompt && <p className="fd-sim-script">{waiting.prompt}</p>}
          {waiting.fields.map((f) => (
            <AskInput key={f.variable} field={f} choices={f.choices ?? choicesOf(f.variable) ?? []} value={answers[f.variable] ?? ''} error={refused?.fieldErrors?.[f.variable]?.[locale]} onChange={(v) => setAnswers({ ...answers, [f.variable]: v })} />
          ))}
          <button type="submit" className="omni-button omni-button--primary" data-testid={FLOW_TEST_IDS.simSubmit}>
            {t.sim.submit}
          </button>
        </form>
      );
    case 'waitReply':
      return (
        <div className="fd-sim-step" data-testid={FLOW_TEST_IDS.simStep} data-kind="waitReply" data-node-id={nodeId}>
          <div className="omni-field">
            <label className="omni-field__label" htmlFor="fd-sim-reply">
              {t.sim.replyLabel}
            </label>
            <textarea id="fd-sim-reply" className="omni-input" rows={2} value={reply} data-testid={FLOW_TEST_IDS.simReply} onChange={(e) => setReply(e.target.value)} />
          </div>
          <div className="fd-row fd-row--buttons">
            <button type="button" className="omni-button omni-button--primary" data-testid={FLOW_TEST_IDS.simSendReply} onClick={() => onSend({ type: 'reply', nodeId, text: reply })}>
              {t.sim.sendReply}
            </button>
            <button type="button" className="omni-button" data-testid={FLOW_TEST_IDS.simTimeout} onClick={() => onSend({ type: 'timeout', nodeId })}>
              {t.sim.timeout}
            </button>
          </div>
        </div>
      );
    case 'effect': {
      const request = waiting.request;
      const typed = (type: ValueType, text: string): FlowValue => (type === 'number' && Number.isFinite(Number(text)) ? Number(text) : type === 'boolean' ? text === 'true' : text);
      const output = () => Object.fromEntries(outputFields.filter((f) => (answers[f.name] ?? '') !== '').map((f) => [f.name, typed(f.type, answers[f.name] ?? '')]));
      return (
        <div className="fd-sim-step" data-testid={FLOW_TEST_IDS.simStep} data-kind={request.kind} data-node-id={nodeId}>
          <h4>{t.sim.effect(t.kinds[request.kind])}</h4>
          <pre className="fd-sim-request fd-code">{JSON.stringify(request.kind === 'addInCall' ? { addIn: request.addInId, operation: request.operation, input: request.input } : request.kind === 'createWorkOrder' ? { type: request.workOrderType, fields: request.fields } : { channel: request.channel, to: request.to, body: request.body }, null, 2)}</pre>
          {outputFields.map(({ name }) => (
            <div className="omni-field" key={name}>
              <label className="omni-field__label" htmlFor={`fd-sim-out-${name}`}>
                {t.sim.output(name)}
              </label>
              <input id={`fd-sim-out-${name}`} className="omni-input" value={answers[name] ?? ''} data-testid={FLOW_TEST_IDS.simEffectOutput} data-field={name} onChange={(e) => setAnswers({ ...answers, [name]: e.target.value })} />
            </div>
          ))}
          <div className="omni-field">
            <label className="omni-field__label" htmlFor="fd-sim-error">
              {t.sim.errorMessage}
            </label>
            <input id="fd-sim-error" className="omni-input" value={errorText} onChange={(e) => setErrorText(e.target.value)} />
          </div>
          <div className="fd-row fd-row--buttons">
            <button type="button" className="omni-button omni-button--primary" data-testid={FLOW_TEST_IDS.simEffect} data-outcome="ok" onClick={() => onSend({ type: 'effectResult', nodeId, result: { outcome: 'ok', output: output() } })}>
              {t.sim.effectOk}
            </button>
            <button type="button" className="omni-button" data-testid={FLOW_TEST_IDS.simEffect} data-outcome="timeout" onClick={() => onSend({ type: 'effectResult', nodeId, result: { outcome: 'timeout' } })}>
              {t.sim.effectTimeout}
            </button>
            <button type="button" className="omni-button omni-button--danger" data-testid={FLOW_TEST_IDS.simEffect} data-outcome="error" onClick={() => onSend({ type: 'effectResult', nodeId, result: { outcome: 'error', message: errorText || 'error' } })}>
              {t.sim.effectError}
            </button>
          </div>
        </div>
      );
    }
  }
}
