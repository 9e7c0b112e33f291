import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Composer } from '@omnicc/ui';
import { SMS_REPLY_MAX_CHARS, smsSegments, type Interaction } from '@omnicc/shared';
import { errorCodeOf } from '../../network/commands.js';
import { useUiStore } from '../../stores/uiStore.js';
import { TEST_IDS } from '../../testIds.js';
import { composerLabels } from '../composerLabels.js';
import { errorText } from '../errorText.js';
import { CannedButton } from '../canned/CannedButton.js';
import { useSmsDesk } from './SmsDeskContext.js';

/** Codes after which the same request may be sent again as is: it may have been stored (the server de-duplicates by clientMessageId). */
const MAYBE_STORED = new Set(['NETWORK', 'TIMEOUT', 'INTERNAL', 'UNAVAILABLE']);

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
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const focusTick = useUiStore((s) => s.focusComposerTick);
  useEffect(() => {
    if (focusTick > 0) box.current?.focus();
  }, [focusTick]);
  const attempt = useRef<{ id: string; text: string } | null>(null);
  const open = interaction.state === 'assigned';
  const cost = smsSegments(draft.trim());
  const tooLong = cost.parts > maxParts;

  const send = async (text: string): Promise<void> => {
    if (sending || tooLong) return;
    const id = attempt.current?.text === text ? attempt.current.id : crypto.randomUUID();
    attempt.current = { id, text };
    setSending(true);
    setError(null);
    try {
      await desk.reply(interaction.id, { clientMessageId: id, text });
      attempt.current = null;
      setDraft(interaction.id, '');
    } catch (err) {
      const code = errorCodeOf(err);
      if (!MAYBE_STORED.has(code)) attempt.current = null;
      setError(errorText(t, 'sendSms', code));
    } finally {
      setSending(false);
    }
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
