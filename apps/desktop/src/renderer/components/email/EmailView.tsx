import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '@omnicc/shared';
import { BODY_URL_REFRESH_LEAD_MS } from '../../network/emailDesk.js';
import { useEmailStore } from '../../stores/emailStore.js';
import { ThreadStatus } from '../ThreadStatus.js';
import { EmailComposer } from './EmailComposer.js';
import { useEmailDesk } from './EmailDeskContext.js';
import { EmailMessageCard } from './EmailMessageCard.js';
import './EmailView.css';
import { TEST_IDS } from '../../testIds.js';

/** Loads the thread when shown, and again shortly before its signed body addresses lapse. */
function useThreadLoading(interactionId: string, expiresAt: string | undefined): void {
  const desk = useEmailDesk();
  useEffect(() => {
    void desk.load(interactionId, { ifStale: true });
  }, [desk, interactionId]);
  useEffect(() => {
    if (!expiresAt) return;
    const delay = Math.max(0, Date.parse(expiresAt) - BODY_URL_REFRESH_LEAD_MS - Date.now());
    const timer = setTimeout(() => void desk.load(interactionId), delay);
    return () => clearTimeout(timer);
  }, [desk, interactionId, expiresAt]);
}

/**
 * An email interaction: the subject and ticket reference, the thread oldest
 * first with the newest mail unfolded, and the reply form.
 */
export function EmailView({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const desk = useEmailDesk();
  const thread = useEmailStore((s) => s.threads[interaction.id]);
  const conversation = thread?.conversation;
  useThreadLoading(interaction.id, conversation?.bodyUrlsExpireAt);
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const list = useRef<HTMLOListElement>(null);
  const count = conversation?.messages.length ?? 0;

  // A new mail (theirs or ours) scrolls into view.
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
  }, [count]);

  if (!conversation) {
    return <ThreadStatus error={thread?.error} loading={t('email.loading')} onRetry={() => void desk.load(interaction.id)} className="email email--status" testId={TEST_IDS.emailStatus} />;
  }

  const messages = conversation.messages;
  const lastId = messages.at(-1)?.id;
  const subject = messages[0]?.subject || t('email.noSubject');
  return (
    <div className="email" data-testid={TEST_IDS.emailView}>
      <div className="email__subject">
        <h3 className="email__subject-text">{subject}</h3>
        <span className="email__ticket" title={t('email.ticket')}>
          {conversation.ticketRef}
        </span>
        <span className="email__mailbox">{conversation.mailbox.address}</span>
      </div>
      <ol ref={list} className="email__thread" aria-label={t('email.thread', { count: messages.length })}>
        {messages.map((m) => (
          <li key={m.id}>
            <EmailMessageCard
              interactionId={interaction.id}
              message={m}
              expanded={toggled[m.id] ?? m.id === lastId}
              onToggle={() => setToggled((s) => ({ ...s, [m.id]: !(s[m.id] ?? m.id === lastId) }))}
              mailboxName={conversation.mailbox.displayName || conversation.mailbox.address}
            />
          </li>
        ))}
      </ol>
      <EmailComposer interaction={interaction} />
    </div>
  );
}
