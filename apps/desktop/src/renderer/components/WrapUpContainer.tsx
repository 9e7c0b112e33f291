import { useTranslation } from 'react-i18next';
import { WrapUpDialog } from '@omnicc/ui';
import { LIMITS, type DictionaryEntry } from '@omnicc/shared';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { useFlowDisposition } from './flowRun/useFlowDisposition.js';
import { reasonText } from './errorText.js';
import { useLocale } from './useLocale.js';

// Selectors must return stable references: a fresh [] per call would re-render forever.
const NO_DISPOSITIONS: readonly DictionaryEntry[] = [];

/** The wrap-up dialog (话后处理) of the interaction in ui.wrapUpFor, if any. */
export function WrapUpContainer() {
  const { t } = useTranslation();
  const locale = useLocale();
  const actions = useActions();
  const { wrapUpFor, wrapUpSubmitting, wrapUpErrorCode, closeWrapUp } = useUiStore();
  const interaction = useInteractionsStore((s) => (wrapUpFor ? s.byId[wrapUpFor] : undefined));
  const dispositions = useSessionStore((s) => s.dictionaries?.dispositions) ?? NO_DISPOSITIONS;
  const open = interaction?.state === 'wrapUp';
  // The service flow's outcome is a suggestion: preselected, and said so, the agent may choose another.
  const suggested = useFlowDisposition(wrapUpFor ?? undefined);
  if (!interaction || !open) return null;

  const contact = interaction.customer.phone ?? interaction.customer.email ?? '';
  const suggestion = suggested ? t('flowRun.suggested', { disposition: locale.label(dispositions.find((d) => d.code === suggested), suggested) }) : undefined;
  const context = contact ? t('wrapUp.description', { channel: t(`channel.${interaction.channel}`), contact }) : t(`channel.${interaction.channel}`);
  return (
    <WrapUpDialog
      key={interaction.id}
      title={t('wrapUp.title', { name: interaction.customer.name })}
      description={suggestion ? `${context} · ${suggestion}` : context}
      dispositions={dispositions.map((d) => ({ code: d.code, label: locale.label(d, d.code) }))}
      suggestedCode={suggested}
      noteMaxChars={LIMITS.wrapUpNoteChars}
      submitting={wrapUpSubmitting}
      error={wrapUpErrorCode ? t('errors.actionFailed', { action: t('action.wrapUp'), reason: reasonText(t, wrapUpErrorCode) }) : undefined}
      labels={{
        disposition: t('wrapUp.disposition'),
        choose: t('wrapUp.choose'),
        note: t('wrapUp.note'),
        submit: t('wrapUp.submit'),
        cancel: t('wrapUp.cancel'),
        close: t('common.close'),
        required: t('wrapUp.required'),
        noteTooLong: (count) => t('wrapUp.noteTooLong', { count }),
      }}
      onSubmit={({ dispositionCode, note }) => void actions.wrapUp(interaction.id, dispositionCode, note)}
      onCancel={closeWrapUp}
      testIds={{ dialog: TEST_IDS.wrapUpDialog, disposition: TEST_IDS.wrapUpDisposition, note: TEST_IDS.wrapUpNote, submit: TEST_IDS.wrapUpSubmit }}
    />
  );
}
