import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { flowPublishRefusalSchema, type FlowPublishRefusal } from '@omnicc/shared';
import { Dialog } from '@omnicc/ui';
import { errorCodeOf } from '../../network/commands.js';
import { ApiError } from '../../network/http.js';
import { useServices } from '../../services.js';
import { reasonText } from '../errorText.js';
import { currentToken } from './flowsSession.js';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';
import { ProblemList } from './TestReportDialog.js';

interface PublishDialogProps {
  flowKey: string;
  /** Stores pending edits and gives the revision to publish. */
  prepare: () => Promise<number>;
  onClose: () => void;
  onPublished: (version: number) => void;
}

/**
 * Publishes the draft as a new immutable version with a comment. The server
 * refuses while an error or a failing flow test remains; the dialog then
 * lists them and stays open.
 */
export function PublishDialog({ flowKey, prepare, onClose, onPublished }: PublishDialogProps) {
  const { t } = useTranslation();
  const { flows } = useServices();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<FlowPublishRefusal | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy || comment.trim() === '') return;
    setBusy(true);
    setError(null);
    setRefusal(null);
    prepare()
      .then((revision) => flows.publish(currentToken(), flowKey, revision, comment.trim()))
      .then(
        (version) => onPublished(version.version),
        (err: unknown) => {
          setBusy(false);
          const refused = err instanceof ApiError && err.code === 'UNPROCESSABLE' ? flowPublishRefusalSchema.safeParse(err.details) : null;
          if (refused?.success) setRefusal(refused.data);
          else setError(reasonText(t, errorCodeOf(err)));
        },
      );
  };

  return (
    <Dialog title={t('flows.publishTitle')} onClose={onClose} closeLabel={t('common.close')} testId={FLOWS_TEST_IDS.publishDialog} className="flows-dialog--wide">
      <form className="flows-form" onSubmit={submit} noValidate>
        <label className="flows-form__field">
          <span>{t('flows.publishComment')}</span>
          <textarea className="omni-input" rows={3} maxLength={500} required value={comment} onChange={(e) => setComment(e.target.value)} data-testid={FLOWS_TEST_IDS.publishComment} />
        </label>
        {refusal ? (
          <div role="alert" data-testid={FLOWS_TEST_IDS.publishRefusal}>
            <p className="flows-form__error">{t('flows.publishRefused')}</p>
            <ProblemList diagnostics={refusal.diagnostics} report={refusal.tests} />
          </div>
        ) : null}
        {error ? (
          <p className="flows-form__error" role="alert">
            {t('flows.publishFailed', { reason: error })}
          </p>
        ) : null}
        <div className="flows-form__actions">
          <button type="button" className="omni-button" onClick={onClose}>
            {t('flows.cancel')}
          </button>
          <button type="submit" className="omni-button omni-button--primary" disabled={busy || comment.trim() === ''} data-testid={FLOWS_TEST_IDS.publishSubmit}>
            {busy ? t('flows.publishing') : t('flows.publish')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
