import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowVersionView } from '@omnicc/shared';
import { Dialog } from '@omnicc/ui';
import { errorCodeOf } from '../../network/commands.js';
import { useServices } from '../../services.js';
import { reasonText } from '../errorText.js';
import { useLocale } from '../useLocale.js';
import { currentToken } from './flowsSession.js';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';

/** Which two documents to compare: a version against the next one, or against the draft. */
export interface CompareRequest {
  from: number;
  to: number | 'draft';
}

interface VersionsDialogProps {
  flowKey: string;
  onClose: () => void;
  onCompare: (request: CompareRequest) => void;
  onRolledBack: (version: number) => void;
}

/**
 * The published versions, newest first: who published each, when and why;
 * what changed in it; how it differs from the draft; and "make live" to
 * roll back (a new live pointer with a comment; versions are never rewritten).
 */
export function VersionsDialog({ flowKey, onClose, onCompare, onRolledBack }: VersionsDialogProps) {
  const { t } = useTranslation();
  const { flows } = useServices();
  const { language } = useLocale();
  const [items, setItems] = useState<readonly FlowVersionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rollbackOf, setRollbackOf] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    flows.versions(currentToken(), flowKey).then(
      (list) => live && setItems([...list.items].sort((a, b) => b.version - a.version)),
      (err: unknown) => live && setError(reasonText(t, errorCodeOf(err))),
    );
    return () => {
      live = false;
    };
  }, [flows, flowKey, t]);

  const when = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' });

  const rollback = (e: FormEvent): void => {
    e.preventDefault();
    if (rollbackOf === null || comment.trim() === '' || busy) return;
    setBusy(true);
    flows.rollback(currentToken(), flowKey, rollbackOf, comment.trim()).then(
      () => onRolledBack(rollbackOf),
      (err: unknown) => {
        setBusy(false);
        setError(reasonText(t, errorCodeOf(err)));
      },
    );
  };

  return (
    <Dialog title={t('flows.versionsTitle')} onClose={onClose} closeLabel={t('common.close')} testId={FLOWS_TEST_IDS.versionsDialog} className="flows-dialog--wide" closeOnOverlay>
      {error ? (
        <p className="flows-form__error" role="alert">
          {error}
        </p>
      ) : null}
      {items === null && !error ? <p>{t('flows.loading')}</p> : null}
      {items?.length === 0 ? <p>{t('flows.noVersions')}</p> : null}
      <ol className="flows-versions">
        {items?.map((v) => (
          <li key={v.version} className="flows-versions__row" data-testid={FLOWS_TEST_IDS.versionRow} data-version={v.version}>
            <div className="flows-versions__head">
              <strong>v{v.version}</strong>
              {v.live ? <span className="flows-badge flows-badge--live">{t('flows.live')}</span> : null}
              <span className="flows-versions__meta">
                {when.format(Date.parse(v.publishedAt))}
                {v.publishedBy ? ` · ${v.publishedBy.displayName}` : ''}
              </span>
            </div>
            <p className="flows-versions__comment">{v.comment}</p>
            <div className="flows-versions__actions">
              {v.version > 1 ? (
                <button type="button" className="omni-button omni-button--small" onClick={() => onCompare({ from: v.version - 1, to: v.version })}>
                  {t('flows.changesIn', { version: v.version })}
                </button>
              ) : null}
              <button type="button" className="omni-button omni-button--small" onClick={() => onCompare({ from: v.version, to: 'draft' })} data-testid={FLOWS_TEST_IDS.compare}>
                {t('flows.compareWithDraft')}
              </button>
              {!v.live ? (
                <button type="button" className="omni-button omni-button--small" onClick={() => setRollbackOf(v.version)} data-testid={FLOWS_TEST_IDS.rollback}>
                  {t('flows.makeLive')}
                </button>
              ) : null}
            </div>
            {rollbackOf === v.version ? (
              <form className="flows-form flows-form--inline" onSubmit={rollback}>
                <label className="flows-form__field">
                  <span>{t('flows.rollbackComment', { version: v.version })}</span>
                  <input className="omni-input" value={comment} maxLength={500} required autoFocus onChange={(e) => setComment(e.target.value)} data-testid={FLOWS_TEST_IDS.rollbackComment} />
                </label>
                <button type="submit" className="omni-button omni-button--primary omni-button--small" disabled={busy || comment.trim() === ''} data-testid={FLOWS_TEST_IDS.rollbackSubmit}>
                  {t('flows.makeLive')}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
