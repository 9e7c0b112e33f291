import { useTranslation } from 'react-i18next';
import type { Interaction } from '@omnicc/shared';
import { KNOWLEDGE_TEST_IDS, useKnowledgePanel } from './knowledgePanelStore.js';

/** Opens the knowledge panel (知识库) for this conversation; Alt+L does the same from anywhere on the desk. */
export function KnowledgeButton({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const open = useKnowledgePanel((s) => s.open);
  return (
    <button type="button" className="omni-button omni-button--small" aria-haspopup="dialog" aria-keyshortcuts="Alt+L" onClick={() => open(interaction.id)} data-testid={KNOWLEDGE_TEST_IDS.open}>
      {t('knowledge.open')}
    </button>
  );
}
