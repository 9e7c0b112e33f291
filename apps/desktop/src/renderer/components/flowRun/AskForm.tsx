import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AskField } from '@omnicc/flows';
import { TEST_IDS } from '../../testIds.js';

/** Per-field messages from the server, already in the agent's language. */
export type FieldErrors = Readonly<Record<string, string>>;

/** A choice with this many options or fewer is a radio group; more is a select. */
const MAX_RADIOS = 4;

interface FieldProps {
  field: AskField;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/** One field: its label (with the required mark), the control for its input kind, and the server's message under it. */
function Field({ field, value, error, onChange }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const common = {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    'aria-required': field.required || undefined,
    'data-variable': field.variable,
  } as const;
  const label = (
    <>
      {field.label}
      {field.required ? (
        <span className="flow-form__required" aria-hidden="true">
          {' *'}
        </span>
      ) : null}
    </>
  );
  const message = error ? (
    <p id={errorId} className="flow-form__error" data-testid={TEST_IDS.flowFieldError}>
      {error}
    </p>
  ) : null;

  // A choice without its options (an older server) is typed in, so the agent is never stuck.
  const choices = field.input === 'choice' ? field.choices : undefined;
  if (choices && choices.length <= MAX_RADIOS) {
    return (
      <fieldset className="flow-form__field flow-form__radios" {...common} role="radiogroup">
        <legend className="flow-form__label">{label}</legend>
        {choices.map((c) => (
          <label key={c.value} className="flow-form__radio">
            <input type="radio" name={id} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} />
            {c.label}
          </label>
        ))}
        {message}
      </fieldset>
    );
  }
  return (
    <div className="flow-form__field">
      <label className="flow-form__label" htmlFor={id}>
        {label}
      </label>
      {choices ? (
        <select id={id} className="omni-input" value={value} onChange={(e) => onChange(e.target.value)} {...common}>
          <option value="">{t('flowRun.choose')}</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className="omni-input"
          // Numbers stay text: a browser number box empties what it cannot parse, and the agent's input must survive a refusal.
          type={field.input === 'date' ? 'date' : field.input === 'phone' ? 'tel' : 'text'}
          inputMode={field.input === 'number' ? 'decimal' : undefined}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...common}
        />
      )}
      {message}
    </div>
  );
}

/** Why the agent's last step was not taken (a refusal naming no field, a lost connection), announced at once. */
export function StepError({ message }: { message: string | undefined }) {
  return message ? (
    <p className="flow-form__error" role="alert">
      {message}
    </p>
  ) : null;
}

export interface AskFormProps {
  prompt: string | undefined;
  fields: readonly AskField[];
  errors: FieldErrors;
  /** Bumped with every refusal naming fields: focus goes to the first one to fix. */
  refusals: number;
  /** A refusal that names no field, or a failure to send. */
  formError: string | undefined;
  sending: boolean;
  onSubmit: (values: Record<string, string>) => void;
}

/**
 * An ask step: the fields to fill in, checked by the server (its messages
 * under each field). The agent's input stays as typed whatever the answer,
 * so a refusal or a lost connection costs nothing. Enter or Ctrl+Enter saves.
 */
export function AskForm({ prompt, fields, errors, refusals, formError, sending, onSubmit }: AskFormProps) {
  const { t } = useTranslation();
  const promptId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.variable, ''])));
  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]:is(input, select), [aria-invalid="true"] input')?.focus();
  }, [refusals]);
  const submit = (): void => {
    if (!sending) onSubmit(values);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>): void => {
    // Enter in a text box submits by itself; Ctrl+Enter works from any control (a select, a radio).
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };
  return (
    <form
      ref={form}
      className="flow-form"
      noValidate
      aria-describedby={prompt ? promptId : undefined}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid={TEST_IDS.flowAskForm}
    >
      {prompt ? (
        <p id={promptId} className="flow-panel__text">
          {prompt}
        </p>
      ) : null}
      {fields.map((f) => (
        <Field key={f.variable} field={f} value={values[f.variable] ?? ''} error={errors[f.variable]} onChange={(v) => setValues((s) => ({ ...s, [f.variable]: v }))} />
      ))}
      <StepError message={formError} />
      <div className="flow-panel__actions">
        <button type="submit" className="omni-button omni-button--primary" aria-disabled={sending || undefined} aria-keyshortcuts="Control+Enter" data-testid={TEST_IDS.flowSubmit}>
          {sending ? t('flowRun.saving') : t('flowRun.submit')}
        </button>
        <span className="flow-panel__hint">{t('flowRun.submitHint')}</span>
      </div>
    </form>
  );
}
