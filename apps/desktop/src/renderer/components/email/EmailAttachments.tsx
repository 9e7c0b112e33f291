import { useTranslation } from 'react-i18next';
import type { EmailAttachmentView } from '@omnicc/shared';
import { errorCodeOf } from '../../network/commands.js';
import { useUiStore } from '../../stores/uiStore.js';
import { useEmailDesk } from './EmailDeskContext.js';
import { formatSize } from './emailFormat.js';
import { PaperclipIcon } from './PaperclipIcon.js';
import { TEST_IDS } from '../../testIds.js';

/** A mail's attachments: name, type and size; a download only (never opened in the desk), none for a refused one. */
export function EmailAttachments({ interactionId, attachments }: { interactionId: string; attachments: readonly EmailAttachmentView[] }) {
  const { t, i18n } = useTranslation();
  const desk = useEmailDesk();
  const showNotice = useUiStore((s) => s.showNotice);
  if (attachments.length === 0) return null;
  return (
    <ul className="email-msg__attachments" aria-label={t('email.attachments', { count: attachments.length })} data-testid={TEST_IDS.emailAttachments}>
      {attachments.map((a) => (
        <li key={a.id} className="email-msg__attachment">
          <button
            type="button"
            className="email-msg__attachment-name"
            disabled={a.refused !== undefined}
            aria-label={t('email.download', { name: a.filename })}
            onClick={() => void desk.download(interactionId, a).catch((err: unknown) => showNotice('download', errorCodeOf(err)))}
            data-testid={TEST_IDS.emailAttachment}
          >
            <PaperclipIcon />
            {a.filename}
          </button>
          <span className="email-msg__attachment-meta">
            {a.contentType} · {formatSize(a.size, i18n.language)}
          </span>
          {a.refused ? <span className="email-msg__attachment-refused">{t(a.refused === 'overLimit' ? 'email.refusedOverLimit' : 'email.refusedTruncated')}</span> : null}
        </li>
      ))}
    </ul>
  );
}
