import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_REPLY_MODES, type Interaction } from '@omnicc/shared';
import { useUiStore } from '../../stores/uiStore.js';
import { CannedButton } from '../canned/CannedButton.js';
import { KnowledgeButton } from '../knowledge/KnowledgeButton.js';
import { useComposerFocus } from '../useComposerFocus.js';
import { useReplySender } from '../useReplySender.js';
import { useEmailDesk } from './EmailDeskContext.js';
import { TEST_IDS, emailModeTestId } from '../../testIds.js';

type Mode = (typeof EMAIL_REPLY_MODES)[number];

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** Addresses typed for a forward, or undefined when one of them is not an address. */
export function parseAddresses(input: string): string[] | undefined {
  const parts = input.split(/[,;\s]+/).filter(Boolean);
  return parts.length > 0 && parts.length <= 20 && parts.every((p) => EMAIL.test(p) && p.length <= 254) ? parts : undefined;
}

/**
 * The agent's answer: reply, reply all or forward, in plain text (the
 * server writes the quote, the threading headers and the ticket reference).
 * Ctrl+Enter sends. The draft stays until the server has stored the mail; a
 * send that failed on the way keeps its id, so trying again never sends twice.
 */
export function EmailComposer({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const desk = useEmailDesk();
  const draft = useUiStore((s) => s.drafts[interaction.id] ?? '');
  const setDraft = useUiStore((s) => s.setDraft);
  const [mode, setMode] = useState<Mode>('reply');
  const [forwardTo, setForwardTo] = useState('');
  const { sending, error, send: post } = useReplySender('sendEmail');
  const box = useComposerFocus();
  const open = interaction.state === 'assigned';
  const recipients = mode === 'forward' ? parseAddresses(forwardTo) : [];
  const canSend = open && !sending && draft.trim().length > 0 && recipients !== undefined;

  const send = async (): Promise<void> => {
    if (!canSend) return;
    const text = draft.trim();
    // The same words, mode and addresses are the same request: a retry of it keeps its id.
    const stored = await post(JSON.stringify([text, mode, forwardTo]), (clientMessageId) =>
      desk.reply(interaction.id, { clientMessageId, text, mode, ...(mode === 'forward' ? { to: recipients } : {}) }),
    );
    if (!stored) return;
    setDraft(interaction.id, '');
    setForwardTo('');
    setMode('reply');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <form
      className="email-composer"
      aria-label={t('emailComposer.label', { name: interaction.customer.name })}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="email-composer__modes" role="radiogroup" aria-label={t('emailComposer.modes')}>
        {EMAIL_REPLY_MODES.map((m) => (
          <label key={m} className={`email-composer__mode${mode === m ? ' email-composer__mode--on' : ''}`}>
            <input type="radio" name={`email-mode-${interaction.id}`} value={m} checked={mode === m} disabled={!open} onChange={() => setMode(m)} data-testid={emailModeTestId(m)} />
            {t(`emailComposer.${m}`)}
          </label>
        ))}
      </div>
      {mode === 'forward' ? (
        <label className="email-composer__to">
          <span>{t('emailComposer.forwardTo')}</span>
          <input
            type="text"
            inputMode="email"
            autoComplete="off"
            value={forwardTo}
            onChange={(e) => setForwardTo(e.target.value)}
            placeholder={t('emailComposer.forwardToHint')}
            aria-invalid={forwardTo.trim() !== '' && recipients === undefined ? true : undefined}
            data-testid={TEST_IDS.emailForwardTo}
          />
        </label>
      ) : null}
      <textarea
        ref={box}
        className="email-composer__text"
        aria-label={t('emailComposer.text')}
        placeholder={open ? t('emailComposer.placeholder') : t('emailComposer.closed')}
        value={open ? draft : ''}
        disabled={!open}
        rows={4}
        maxLength={100_000}
        onChange={(e) => setDraft(interaction.id, e.target.value)}
        onKeyDown={onKeyDown}
        data-testid={TEST_IDS.emailReplyText}
      />
      <div className="email-composer__bar">
        <CannedButton interaction={interaction} />
        <KnowledgeButton interaction={interaction} />
        <span className="email-composer__hint">{t('emailComposer.hint')}</span>
        {error ? (
          <span className="email-composer__error" role="alert" data-testid={TEST_IDS.emailSendError}>
            {error}
          </span>
        ) : null}
        <button type="submit" className="omni-button omni-button--primary" disabled={!canSend} aria-keyshortcuts="Control+Enter" data-testid={TEST_IDS.emailSend}>
          {sending ? t('emailComposer.sending') : t('emailComposer.send')}
        </button>
      </div>
    </form>
  );
}
