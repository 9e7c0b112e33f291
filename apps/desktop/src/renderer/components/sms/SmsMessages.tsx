import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatBubble, type DeliveryStatusValue } from '@omnicc/ui';
import type { SmsDelivery, SmsMessageView } from '@omnicc/shared';
import { useSessionStore } from '../../stores/sessionStore.js';
import { TEST_IDS } from '../../testIds.js';

/** The chat ticks the SMS states map to; the words under them say the SMS state exactly. */
const TICKS: Record<SmsDelivery, DeliveryStatusValue> = { pending: 'sending', submitted: 'sent', delivered: 'delivered', undelivered: 'failed', failed: 'failed' };

function useTimeLabel(): (iso: string) => string {
  const { i18n } = useTranslation();
  const today = new Date().toDateString();
  return (iso) => {
    const at = new Date(iso);
    // Earlier conversations with the number are listed too: older messages carry their date.
    const options: Intl.DateTimeFormatOptions = at.toDateString() === today ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    return at.toLocaleString(i18n.language, options);
  };
}

/** The exchange with the number, oldest first, following the newest message; a log region for screen readers. */
export function SmsMessages({ messages, customerName }: { messages: readonly SmsMessageView[]; customerName: string }) {
  const { t } = useTranslation();
  const me = useSessionStore((s) => s.session?.user.id);
  const timeLabel = useTimeLabel();
  const scroller = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  const noteOf = (m: SmsMessageView): string | undefined => {
    if (m.missingParts.length > 0) return t('sms.missingParts', { parts: m.missingParts.join(', '), count: m.missingParts.length });
    if (m.lastError && (m.delivery === 'failed' || m.delivery === 'undelivered' || m.delivery === 'pending')) return t('sms.lastError', { reason: m.lastError });
    return undefined;
  };

  return (
    <div ref={scroller} className="conversation__messages" role="log" aria-label={t('conversation.messages', { name: customerName })} tabIndex={0} data-testid={TEST_IDS.messageList}>
      {messages.length === 0 ? <p className="conversation__no-messages">{t('sms.noMessages')}</p> : null}
      <ol className="conversation__list">
        {messages.map((m) => (
          <ChatBubble
            key={m.id}
            messageId={m.id}
            sender={m.direction === 'in' ? 'customer' : 'agent'}
            authorName={m.direction === 'in' ? customerName : m.authorId && m.authorId === me ? t('conversation.you') : t('sms.serviceDesk')}
            text={m.text}
            sentAt={m.at}
            timeLabel={m.parts > 1 ? `${timeLabel(m.at)} · ${t('sms.parts', { count: m.parts })}` : timeLabel(m.at)}
            delivery={m.delivery ? { state: TICKS[m.delivery], label: t(`sms.delivery.${m.delivery}`) } : undefined}
            note={noteOf(m)}
            testId={TEST_IDS.message}
          />
        ))}
      </ol>
    </div>
  );
}
