import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '@omnicc/ui';

/** What a phone number may hold: digits, a leading +, and the keypad's * and #. */
const NUMBER = /^\+?[0-9*#]{1,32}$/;

export interface NumberDialogProps {
  title: string;
  fieldLabel: string;
  submitLabel: string;
  /** Resolves true when done (the dialog closes); false keeps it open (the notice says why). */
  onSubmit: (number: string) => Promise<boolean>;
  onClose: () => void;
  testId: string;
}

/** Asks for one phone number to call out to. */
export function NumberDialog({ title, fieldLabel, submitLabel, onSubmit, onClose, testId }: NumberDialogProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const errorId = useId();

  const submit = async (): Promise<void> => {
    const number = value.replace(/[\s-]/g, '');
    if (!NUMBER.test(number)) {
      setInvalid(true);
      field.current?.focus();
      return;
    }
    setSubmitting(true);
    const done = await onSubmit(number);
    setSubmitting(false);
    if (done) onClose();
  };

  return (
    <Dialog title={title} closeLabel={t('common.close')} onClose={onClose} initialFocusRef={field} testId={testId} className="number-dialog">
      <form
        className="number-dialog__form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="omni-field">
        <label htmlFor={fieldId} className="omni-field__label">
          {fieldLabel}
        </label>
        <input
          id={fieldId}
          ref={field}
          className="omni-input"
          inputMode="tel"
          autoComplete="off"
          value={value}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setInvalid(false);
          }}
          data-testid={`${testId}-number`}
        />
        {invalid ? (
          <p id={errorId} className="omni-field__error" role="alert">
            {t('call.numberInvalid')}
          </p>
        ) : null}
        </div>
        <div className="number-dialog__actions">
          <button type="button" className="omni-button" onClick={onClose}>
            {t('call.cancel')}
          </button>
          <button type="submit" className="omni-button omni-button--primary" disabled={submitting} data-testid={`${testId}-submit`}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
