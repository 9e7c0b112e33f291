import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '@omnicc/shared';
import { useSmsStore } from '../../stores/smsStore.js';
import { TEST_IDS } from '../../testIds.js';
import { ThreadStatus } from '../ThreadStatus.js';
import { SmsComposer } from './SmsComposer.js';
import { useSmsDesk } from './SmsDeskContext.js';
import { SmsMessages } from './SmsMessages.js';
import './SmsView.css';

/** An SMS interaction: the exchange with the number (earlier conversations too), its opt-out, and the reply box. */
export function SmsView({ interaction }: { interaction: Interaction }) {
  const { t, i18n } = useTranslation();
  const desk = useSmsDesk();
  const thread = useSmsStore((s) => s.threads[interaction.id]);
  const conversation = thread?.conversation;
  useEffect(() => {
    if (!useSmsStore.getState().threads[interaction.id]?.conversation) void desk.load(interaction.id);
  }, [desk, interaction.id]);

  if (!conversation) {
    return <ThreadStatus error={thread?.error} loading={t('sms.loading')} onRetry={() => void desk.load(interaction.id)} className="sms sms--status" testId={TEST_IDS.smsStatus} />;
  }

  return (
    <div className="sms" data-testid={TEST_IDS.smsView}>
      {conversation.optedOut ? (
        <p className="sms__opted-out" data-testid={TEST_IDS.smsOptedOut}>
          {t('sms.optedOut', { word: conversation.optedOut.word, at: new Date(conversation.optedOut.at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) })}
        </p>
      ) : null}
      {conversation.truncated ? <p className="sms__truncated">{t('sms.truncated', { count: conversation.messages.length })}</p> : null}
      <SmsMessages messages={conversation.messages} customerName={interaction.customer.name} />
      <SmsComposer interaction={interaction} maxParts={conversation.maxParts} />
    </div>
  );
}
