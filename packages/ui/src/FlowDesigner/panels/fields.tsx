import { useEffect, useId, useState, type ReactNode } from 'react';

interface Common {
  label: string;
  testId?: string;
  hint?: string;
  /** Extra data-* attributes for repeated fields (data-index, data-name). */
  data?: Record<`data-${string}`, string>;
  disabled?: boolean;
}

function Wrap({ id, label, hint, children }: { id: string; label: string; hint?: string | undefined; children: ReactNode }) {
  return (
    <div className="omni-field fd-field">
      <label className="omni-field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && <span className="fd-field__hint">{hint}</span>}
    </div>
  );
}

/** A labelled text input or text area; `code` sets it in monospace for expressions. */
export function TextField(props: Common & { value: string; onChange: (value: string) => void; multiline?: boolean; code?: boolean; placeholder?: string; list?: string }) {
  const id = useId();
  const className = `omni-input${props.code ? ' fd-code' : ''}`;
  const shared = {
    id,
    className,
    value: props.value,
    disabled: props.disabled,
    placeholder: props.placeholder,
    'data-testid': props.testId,
    ...props.data,
  };
  return (
    <Wrap id={id} label={props.label} hint={props.hint}>
      {props.multiline ? (
        <textarea {...shared} rows={4} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...shared} type="text" list={props.list} spellCheck={!props.code} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </Wrap>
  );
}

/** A labelled number input; empty means undefined. */
export function NumberField(props: Common & { value: number | undefined; onChange: (value: number | undefined) => void; min?: number; max?: number; step?: number }) {
  const id = useId();
  return (
    <Wrap id={id} label={props.label} hint={props.hint}>
      <input
        id={id}
        className="omni-input"
        type="number"
        value={props.value ?? ''}
        min={props.min}
        max={props.max}
        step={props.step}
        disabled={props.disabled}
        data-testid={props.testId}
        {...props.data}
        onChange={(e) => {
          const n = e.target.valueAsNumber;
          props.onChange(e.target.value === '' || Number.isNaN(n) ? undefined : n);
        }}
      />
    </Wrap>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled select; a value missing from the options is shown as its own option so nothing is lost silently. */
export function SelectField(props: Common & { value: string; options: readonly Option[]; onChange: (value: string) => void; unknownLabel?: (value: string) => string }) {
  const id = useId();
  const known = props.options.some((o) => o.value === props.value);
  return (
    <Wrap id={id} label={props.label} hint={props.hint}>
      <select id={id} className="omni-input" value={props.value} disabled={props.disabled} data-testid={props.testId} {...props.data} onChange={(e) => props.onChange(e.target.value)}>
        {!known && <option value={props.value}>{props.unknownLabel ? props.unknownLabel(props.value) : props.value}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

/** A labelled checkbox. */
export function CheckField(props: Common & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="fd-check">
      <input id={id} type="checkbox" checked={props.checked} disabled={props.disabled} data-testid={props.testId} {...props.data} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** `value=label` lines, the choices editor's text form. */
export const choicesToText = (choices: readonly { value: string; label: string }[] | undefined): string => (choices ?? []).map((c) => (c.label === c.value ? c.value : `${c.value}=${c.label}`)).join('\n');

export function textToChoices(text: string): { value: string; label: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf('=');
      const value = (at < 0 ? line : line.slice(0, at)).trim();
      const label = (at < 0 ? line : line.slice(at + 1)).trim() || value;
      return { value, label };
    });
}

/**
 * A text area for a structured value (choices, `name=value` lines, a path).
 * It keeps what the user typed while it parses to the same value, so a
 * half-typed line or a trailing newline is not reformatted away; a change
 * from outside (undo, another panel) replaces the text.
 */
export function ParsedTextField<T>(props: Common & { value: T; format: (value: T) => string; parse: (text: string) => T; onChange: (value: T) => void; multiline?: boolean; code?: boolean }) {
  const { value, format, parse } = props;
  const [text, setText] = useState(() => format(value));
  useEffect(() => {
    setText((current) => (JSON.stringify(parse(current)) === JSON.stringify(value) ? current : format(value)));
  }, [value, format, parse]);
  const field = { ...props, value: text, onChange: (next: string) => { setText(next); props.onChange(parse(next)); } };
  return <TextField {...field} />;
}

/** `name=value` lines for records of values: numbers, true/false and null are read as such. */
export const recordToText = (record: Readonly<Record<string, unknown>> | undefined): string =>
  Object.entries(record ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');

export function textToRecord(text: string): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const raw = line.slice(at + 1).trim();
    out[line.slice(0, at).trim()] = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}
