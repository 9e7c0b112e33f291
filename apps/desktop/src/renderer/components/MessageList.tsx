import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatBubble } from '@omnicc/ui';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { TEST_IDS } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { systemText } from './systemText.js';
import { useLocale } from './useLocale.js';

/** Within this many pixels of the bottom counts as "following the conversation". */
const STICKY_PX = 80;

/**
 * Messages of one conversation, oldest first, then the agent's unconfirmed
 * sends. A log region: screen readers announce new messages politely.
 */
export function MessageList({ interactionId, customerName }: { interactionId: string; customerName: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const actions = useActions();
  const messages = useInteractionsStore((s) => s.messages[interactionId]);
  const pending = useInteractionsStore((s) => s.pending[interactionId]);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const count = (messages?.length ?? 0) + (pending?.length ?? 0);

  // Keep the newest message in view unless the agent scrolled up to read history.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [count, interactionId]);

  return (
    <div
      ref={scroller}
      className="conversation__messages"
      role="log"
      aria-label={t('conversation.messages', { name: customerName })}
      // Focusable so keyboard users can scroll the history.
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        following.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
      }}
      data-testid={TEST_IDS.messageList}
    >
      {count === 0 ? <p className="conversation__no-messages">{t('conversation.noMessages')}</p> : null}
      <ol className="conversation__list">
        {messages?.map((m) => (
          <ChatBubble
            key={m.id}
            messageId={m.id}
            sender={m.sender}
            authorName={m.authorName}
            text={m.sender === 'system' ? systemText(t, m.text) : m.text}
            sentAt={m.sentAt}
            timeLabel={locale.formatTime(m.sentAt)}
            delivery={m.sender === 'agent' ? { state: m.delivery, label: t(`delivery.${m.delivery}`) } : undefined}
            testId={TEST_IDS.message}
          />
        ))}
        {pending?.map((p) => (
          <ChatBubble
            key={p.clientMessageId}
            sender="agent"
            authorName={t('conversation.you')}
            text={p.text}
            sentAt={p.createdAt}
            timeLabel={locale.formatTime(p.createdAt)}
            delivery={{ state: p.state, label: t(`delivery.${p.state}`) }}
            retry={p.state === 'failed' ? { label: t('delivery.retry'), onRetry: () => void actions.retryMessage(interactionId, p.clientMessageId) } : undefined}
            testId={TEST_IDS.message}
          />
        ))}
      </ol>
    </div>
  );
}
