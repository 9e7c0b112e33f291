import { useTranslation } from 'react-i18next';
import { Composer } from '@omnicc/ui';
import { SMS_REPLY_MAX_CHARS, smsSegments, type Interaction } from '@omnicc/shared';
import { useUiStore } from '../../stores/uiStore.js';
import { TEST_IDS } from '../../testIds.js';
import { composerLabels } from '../composerLabels.js';
import { CannedButton } from '../canned/CannedButton.js';
import { KnowledgeButton } from '../knowledge/KnowledgeButton.js';
import { useComposerFocus } from '../useComposerFocus.js';
import { useReplySender } from '../useReplySender.js';
import { useSmsDesk } from './SmsDeskContext.js';

/**
 * The agent's SMS: Enter sends, as in chat. Under the box, what the text
 * costs as the network will carry it (GSM-7 or UCS-2 for Chinese, parts,
 * characters left in the last one), and a refusal past the longest message
 * the server sends. A send lost on the way keeps its id for the retry.
 */
export function SmsComposer({ interaction, maxParts }: { interaction: Interaction; maxParts: number }) {
  const { t } = useTranslation();
  const desk = useSmsDesk();
  const draft = useUiStore((s) => s.drafts[interaction.id] ?? '');
  const setDraft = useUiStore((s) => s.setDraft);
  const { sending, error, send: post } = useReplySender('sendSms');
  const box = useComposerFocus();
  const open = interaction.state === 'assigned';
  const cost = smsSegments(draft.trim());
  const tooLong = cost.parts > maxParts;

  const send = async (text: string): Promise<void> => {
    if (sending || tooLong) return;
    if (await post(text, (clientMessageId) => desk.reply(interaction.id, { clientMessageId, text }))) setDraft(interaction.id, '');
  };

  return (
    <div className="conversation__composer">
      <Composer
        textareaRef={box}
        value={open ? draft : ''}
        onChange={(text) => setDraft(interaction.id, text)}
        onSend={(text) => void send(text)}
        maxChars={SMS_REPLY_MAX_CHARS}
        disabled={!open || sending}
        labels={composerLabels(t, { label: t('sms.composerLabel', { name: interaction.customer.name }), placeholder: open ? t('sms.placeholder') : t('sms.closed') })}
        testIds={{ textarea: TEST_IDS.composer, send: TEST_IDS.sendButton }}
      />
      <div className="sms-composer__bar">
        <CannedButton interaction={interaction} />
        <KnowledgeButton interaction={interaction} />
        <p className={`sms-cost${tooLong ? ' sms-cost--over' : ''}`} aria-live="polite" data-testid={TEST_IDS.smsCost}>
        {cost.parts === 0
          ? t('sms.costEmpty', { max: maxParts })
          : tooLong
            ? t('sms.costTooLong', { count: cost.parts, max: maxParts })
            : t(cost.encoding === 'gsm7' ? 'sms.costGsm7' : 'sms.costUcs2', { count: cost.parts, left: cost.leftInPart })}
        </p>
      </div>
      {error ? (
        <p className="sms-error" role="alert" data-testid={TEST_IDS.smsSendError}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
