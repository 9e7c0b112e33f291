import { useTranslation } from 'react-i18next';
import { Composer } from '@omnicc/ui';
import { LIMITS, type Interaction } from '@omnicc/shared';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { CannedButton } from './canned/CannedButton.js';
import { KnowledgeButton } from './knowledge/KnowledgeButton.js';
import { composerLabels } from './composerLabels.js';
import { useComposerFocus } from './useComposerFocus.js';

/** The composer bound to one conversation: draft kept per conversation, typing notices throttled. */
export function ConversationComposer({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const actions = useActions();
  const draft = useUiStore((s) => s.drafts[interaction.id] ?? '');
  const setDraft = useUiStore((s) => s.setDraft);
  const box = useComposerFocus();
  const open = interaction.state === 'assigned';

  return (
    <div className="conversation__composer">
      <Composer
        textareaRef={box}
        value={open ? draft : ''}
        onChange={(text) => setDraft(interaction.id, text)}
        onTyping={() => actions.typing(interaction.id)}
        onSend={(text) => {
          setDraft(interaction.id, '');
          void actions.sendMessage(interaction.id, text);
        }}
        maxChars={LIMITS.chatMessageChars}
        disabled={!open}
        labels={composerLabels(t, { label: t('composer.label', { name: interaction.customer.name }), placeholder: open ? t('composer.placeholder') : t('composer.closedPlaceholder') })}
        testIds={{ textarea: TEST_IDS.composer, send: TEST_IDS.sendButton }}
      />
      <div className="conversation__composer-tools">
        <CannedButton interaction={interaction} />
        <KnowledgeButton interaction={interaction} />
      </div>
    </div>
  );
}
