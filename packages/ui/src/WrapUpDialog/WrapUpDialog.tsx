import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../Dialog/Dialog.js';
import './WrapUpDialog.css';

export interface WrapUpOption {
  code: string;
  label: string;
}

export interface WrapUpLabels {
  disposition: string;
  /** Empty first option of the select, e.g. "Choose…". */
  choose: string;
  note: string;
  submit: string;
  cancel: string;
  close: string;
  required: string;
  noteTooLong: (over: number) => string;
}

export interface WrapUpValue {
  dispositionCode: string;
  note: string;
}

export interface WrapUpDialogProps {
  title: string;
  /** Context line under the title, e.g. the customer and channel. */
  description?: string | undefined;
  dispositions: readonly WrapUpOption[];
  /**
   * A disposition to preselect (e.g. the service flow's outcome): chosen
   * while the agent has chosen nothing, once it is among the options (a
   * dictionary may arrive late). The agent may still choose another.
   */
  suggestedCode?: string | undefined;
  noteMaxChars: number;
  labels: WrapUpLabels;
  onSubmit: (value: WrapUpValue) => void;
  /** Closes the dialog only: the interaction stays in wrap-up until submitted. */
  onCancel: () => void;
  submitting?: boolean | undefined;
  /** Error from the server, shown above the buttons. */
  error?: string | undefined;
  testIds?: { dialog?: string | undefined; disposition?: string | undefined; note?: string | undefined; submit?: string };
}

/** Wrap-up (话后处理): pick a disposition (小结), add a note, submit. */
export function WrapUpDialog(props: WrapUpDialogProps) {
  const { labels, noteMaxChars, submitting = false, testIds = {} } = props;
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const suggested = props.suggestedCode;
  const suggestable = suggested !== undefined && props.dispositions.some((d) => d.code === suggested);
  useEffect(() => {
    if (suggestable) setCode((current) => (current === '' ? suggested : current));
  }, [suggestable, suggested]);
  const [tried, setTried] = useState(false);
  const select = useRef<HTMLSelectElement>(null);
  const ids = { code: useId(), codeError: useId(), note: useId(), noteError: useId(), desc: useId() };

  const codeMissing = code === '';
  const noteOver = note.length - noteMaxChars;
  const showCodeError = tried && codeMissing;

  const submit = (): void => {
    setTried(true);
    if (codeMissing) {
      select.current?.focus();
      return;
    }
    if (noteOver > 0) return;
    props.onSubmit({ dispositionCode: code, note: note.trim() });
  };

  return (
    <Dialog title={props.title} onClose={props.onCancel} closeLabel={labels.close} initialFocusRef={select} testId={testIds.dialog} className="omni-wrapup">
      {props.description ? (
        <p id={ids.desc} className="omni-wrapup__description">
          {props.description}
        </p>
      ) : null}
      <form
        className="omni-wrapup__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="omni-field">
          <label className="omni-field__label" htmlFor={ids.code}>
            {labels.disposition}
          </label>
          <select
            ref={select}
            id={ids.code}
            className="omni-input"
            value={code}
            required
            aria-invalid={showCodeError ? true : undefined}
            aria-describedby={showCodeError ? ids.codeError : undefined}
            onChange={(e) => setCode(e.target.value)}
            data-testid={testIds.disposition}
          >
            <option value="">{labels.choose}</option>
            {props.dispositions.map((d) => (
              <option key={d.code} value={d.code}>
                {d.label}
              </option>
            ))}
          </select>
          {showCodeError ? (
            <span id={ids.codeError} className="omni-field__error" role="alert">
              {labels.required}
            </span>
          ) : null}
        </div>
        <div className="omni-field">
          <label className="omni-field__label" htmlFor={ids.note}>
            {labels.note}
          </label>
          <textarea
            id={ids.note}
            className="omni-input omni-wrapup__note"
            rows={4}
            value={note}
            aria-invalid={noteOver > 0 ? true : undefined}
            aria-describedby={noteOver > 0 ? ids.noteError : undefined}
            onChange={(e) => setNote(e.target.value)}
            data-testid={testIds.note}
          />
          {noteOver > 0 ? (
            <span id={ids.noteError} className="omni-field__error" role="alert">
              {labels.noteTooLong(noteOver)}
            </span>
          ) : null}
        </div>
        {props.error ? (
          <p className="omni-wrapup__error" role="alert">
            {props.error}
          </p>
        ) : null}
        <div className="omni-wrapup__actions">
          <button type="button" className="omni-button" onClick={props.onCancel}>
            {labels.cancel}
          </button>
          <button type="submit" className="omni-button omni-button--primary" disabled={submitting} data-testid={testIds.submit}>
            {labels.submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
