import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailMessageView } from '@omnicc/shared';
import { EmailAttachments } from './EmailAttachments.js';
import { EmailBody } from './EmailBody.js';
import { PaperclipIcon } from './PaperclipIcon.js';
import { formatAddress, senderName, snippet } from './emailFormat.js';
import { TEST_IDS } from '../../testIds.js';

const AUTOMATIC_KINDS = ['autoSubmitted', 'precedence', 'autoReplyHeader', 'list', 'bounce', 'loop', 'autoAck'] as const;
type AutomaticKind = (typeof AUTOMATIC_KINDS)[number];
const isAutomaticKind = (kind: string): kind is AutomaticKind => (AUTOMATIC_KINDS as readonly string[]).includes(kind);

function Recipients({ message }: { message: EmailMessageView }) {
  const { t } = useTranslation();
  return (
    <dl className="email-msg__recipients">
      {message.to.length > 0 ? (
        <div>
          <dt>{t('email.to')}</dt>
          <dd>{message.to.map(formatAddress).join(', ')}</dd>
        </div>
      ) : null}
      {message.cc.length > 0 ? (
        <div>
          <dt>{t('email.cc')}</dt>
          <dd>{message.cc.map(formatAddress).join(', ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Where an answer of ours stands: sending, sent, or not sent with the server's reason. */
function Delivery({ message }: { message: EmailMessageView }) {
  const { t } = useTranslation();
  if (!message.delivery) return null;
  return (
    <span className={`email-msg__delivery email-msg__delivery--${message.delivery}`} data-testid={TEST_IDS.emailDelivery} data-delivery={message.delivery} title={message.lastError}>
      {t(`email.delivery.${message.delivery}`)}
      {message.delivery === 'failed' && message.lastError ? `: ${message.lastError}` : null}
    </span>
  );
}

export interface EmailMessageCardProps {
  interactionId: string;
  message: EmailMessageView;
  expanded: boolean;
  onToggle: () => void;
  /** Name shown for our own answers. */
  mailboxName: string;
}

/**
 * One mail of the thread. Folded, it is a line (sender, time, first words);
 * unfolded, the headers, the body in its sandbox, and the attachments. Every
 * header (names, subjects, file names) is React text: nothing a sender
 * writes there becomes markup.
 */
export function EmailMessageCard({ interactionId, message, expanded, onToggle, mailboxName }: EmailMessageCardProps) {
  const { t, i18n } = useTranslation();
  const bodyId = useId();
  const from = message.direction === 'out' ? mailboxName : senderName(message, t('email.unknownSender'));
  const at = new Date(message.at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const automatic = message.automatic && isAutomaticKind(message.automatic) ? t(`email.automatic.${message.automatic}`) : message.automatic;
  return (
    <article
      className={`email-msg email-msg--${message.direction}${expanded ? ' email-msg--open' : ''}`}
      aria-label={t('email.messageLabel', { from, at })}
      data-testid={TEST_IDS.emailMessage}
      data-message-id={message.id}
      data-direction={message.direction}
    >
      <button type="button" className="email-msg__head" aria-expanded={expanded} aria-controls={bodyId} onClick={onToggle} data-testid={TEST_IDS.emailMessageToggle}>
        <span className="email-msg__from">{from}</span>
        {message.direction === 'in' && message.from ? <span className="email-msg__address">{message.from.address}</span> : null}
        {automatic ? <span className="email-msg__badge">{String(automatic)}</span> : null}
        {!expanded && message.attachments.length > 0 ? <PaperclipIcon label={t('email.attachments', { count: message.attachments.length })} /> : null}
        <span className="email-msg__snippet">{expanded ? '' : snippet(message)}</span>
        <time className="email-msg__time" dateTime={message.at}>
          {at}
        </time>
      </button>
      <div id={bodyId} className="email-msg__body" hidden={!expanded}>
        {expanded ? (
          <>
            <div className="email-msg__meta">
              <Recipients message={message} />
              <Delivery message={message} />
            </div>
            {message.notes.length > 0 ? (
              <ul className="email-msg__notes" aria-label={t('email.notes')}>
                {message.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
            <EmailBody message={message} title={t('email.bodyTitle', { from, subject: message.subject })} />
            <EmailAttachments interactionId={interactionId} attachments={message.attachments} />
          </>
        ) : null}
      </div>
    </article>
  );
}
