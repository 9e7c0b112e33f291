import { useTranslation } from 'react-i18next';
import { ChannelIcon } from '@omnicc/ui';
import { useEmailStore } from '../stores/emailStore.js';
import { useSmsStore } from '../stores/smsStore.js';
import { unreadCount, useInteractionsStore } from '../stores/interactionsStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';
import { systemText } from './systemText.js';
import { useLocale } from './useLocale.js';

/** One conversation in the inbox: who, last words, unread count, wrap-up mark. */
export function InboxItem({ interactionId, index }: { interactionId: string; index: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const interaction = useInteractionsStore((s) => s.byId[interactionId]);
  const messages = useInteractionsStore((s) => s.messages[interactionId]);
  const lastPending = useInteractionsStore((s) => s.pending[interactionId]?.at(-1));
  const typing = useInteractionsStore((s) => s.typing[interactionId] ?? false);
  const latestMail = useEmailStore((s) => s.threads[interactionId]?.conversation?.messages.at(-1));
  const latestSms = useSmsStore((s) => s.threads[interactionId]?.conversation?.messages.at(-1));
  const active = useUiStore((s) => s.activeId === interactionId);
  const select = useUiStore((s) => s.select);
  if (!interaction) return null;

  const last = messages?.at(-1);
  const unread = unreadCount(messages);
  const wrapUp = interaction.state === 'wrapUp';
  const preview = ((): string => {
    if (interaction.channel === 'email') return latestMail?.subject ?? t('inbox.noMessages');
    if (interaction.channel === 'sms') return latestSms?.text ?? t('inbox.noMessages');
    if (lastPending) return lastPending.text;
    if (last) return last.sender === 'system' ? systemText(t, last.text) : last.text;
    return interaction.channel === 'voice' ? t('inbox.phoneCall', { number: interaction.customer.phone ?? '' }) : t('inbox.noMessages');
  })();
  const latestAt = interaction.channel === 'email' ? latestMail?.at : interaction.channel === 'sms' ? latestSms?.at : (lastPending?.createdAt ?? last?.sentAt);
  const at = latestAt ?? interaction.assignedAt ?? interaction.createdAt;

  return (
    <li>
      <button
        type="button"
        className={`inbox-item${active ? ' is-active' : ''}${wrapUp ? ' is-wrap-up' : ''}${unread > 0 ? ' has-unread' : ''}`}
        aria-current={active ? 'true' : undefined}
        aria-keyshortcuts={index < 9 ? `Alt+${index + 1}` : undefined}
        onClick={() => select(interactionId, true)}
        data-testid={TEST_IDS.inboxItem}
        data-interaction-id={interactionId}
        data-state={interaction.state}
      >
        <span className="inbox-item__row">
          <ChannelIcon channel={interaction.channel} label={t(`channel.${interaction.channel}`)} />
          <span className="inbox-item__name">{interaction.customer.name}</span>
          <time className="inbox-item__time" dateTime={at}>
            {locale.formatTime(at)}
          </time>
        </span>
        <span className="inbox-item__row">
          <span className={`inbox-item__preview${typing ? ' is-typing' : ''}`}>
            {typing ? t('conversation.typing', { name: interaction.customer.name }) : preview}
          </span>
          {wrapUp ? <span className="inbox-item__tag">{t('inbox.wrapUpPending')}</span> : null}
          {unread > 0 ? (
            <span className="inbox-item__badge">
              <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
              <span className="omni-visually-hidden">{t('inbox.unread', { count: unread })}</span>
            </span>
          ) : null}
          {index < 9 ? (
            <kbd className="inbox-item__key" aria-hidden="true">
              Alt+{index + 1}
            </kbd>
          ) : null}
        </span>
      </button>
    </li>
  );
}
