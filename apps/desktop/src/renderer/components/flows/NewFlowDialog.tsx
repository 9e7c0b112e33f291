import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { flowKeySchema, type FlowCatalog } from '@omnicc/flows';
import { Dialog } from '@omnicc/ui';
import { errorCodeOf } from '../../network/commands.js';
import { useServices } from '../../services.js';
import { reasonText } from '../errorText.js';
import { currentToken } from './flowsSession.js';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';
import { keyFromName, newFlowDocument } from './newFlowDocument.js';

interface NewFlowDialogProps {
  catalog: FlowCatalog;
  /** Keys in use: refused before asking the server. */
  taken: readonly string[];
  onClose: () => void;
  onCreated: (key: string) => void;
}

/** Name and key of a new flow; it starts as a draft with a start and an end node. */
export function NewFlowDialog({ catalog, taken, onClose, onCreated }: NewFlowDialogProps) {
  const { t } = useTranslation();
  const { flows } = useServices();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const effectiveKey = keyTouched ? key : keyFromName(name);
  const keyProblem = effectiveKey === '' ? null : !flowKeySchema.safeParse(effectiveKey).success ? t('flows.keyInvalid') : taken.includes(effectiveKey) ? t('flows.keyTaken') : null;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy || name.trim() === '' || effectiveKey === '' || keyProblem) return;
    setBusy(true);
    setError(null);
    flows.create(currentToken(), newFlowDocument(effectiveKey, name.trim(), catalog)).then(
      () => onCreated(effectiveKey),
      (err: unknown) => {
        setBusy(false);
        setError(reasonText(t, errorCodeOf(err)));
      },
    );
  };

  return (
    <Dialog title={t('flows.newTitle')} onClose={onClose} closeLabel={t('common.close')} testId={FLOWS_TEST_IDS.newFlowDialog}>
      <form className="flows-form" onSubmit={submit} noValidate>
        <label className="flows-form__field">
          <span>{t('flows.name')}</span>
          <input className="omni-input" value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} data-testid={FLOWS_TEST_IDS.newFlowName} />
        </label>
        <label className="flows-form__field">
          <span>{t('flows.key')}</span>
          <input
            className="omni-input"
            value={effectiveKey}
            maxLength={63}
            required
            aria-invalid={keyProblem !== null}
            aria-describedby="flows-new-key-hint"
            onChange={(e) => {
              setKeyTouched(true);
              setKey(e.target.value.trim());
            }}
            data-testid={FLOWS_TEST_IDS.newFlowKey}
          />
          <span id="flows-new-key-hint" className={keyProblem ? 'flows-form__error' : 'flows-form__hint'}>
            {keyProblem ?? t('flows.keyHint')}
          </span>
        </label>
        {error ? (
          <p className="flows-form__error" role="alert">
            {t('flows.createFailed', { reason: error })}
          </p>
        ) : null}
        <div className="flows-form__actions">
          <button type="button" className="omni-button" onClick={onClose}>
            {t('flows.cancel')}
          </button>
          <button type="submit" className="omni-button omni-button--primary" disabled={busy || name.trim() === '' || effectiveKey === '' || keyProblem !== null} data-testid={FLOWS_TEST_IDS.newFlowSubmit}>
            {t('flows.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
