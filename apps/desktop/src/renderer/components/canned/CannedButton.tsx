import { useTranslation } from 'react-i18next';
import type { Interaction } from '@omnicc/shared';
import { useUiStore } from '../../stores/uiStore.js';
import { TEST_IDS } from '../../testIds.js';

/** Opens the canned-response picker (常用语) for this interaction; Alt+Q does the same from anywhere on the desk. */
export function CannedButton({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const open = useUiStore((s) => s.openCanned);
  return (
    <button
      type="button"
      className="omni-button omni-button--small"
      aria-haspopup="dialog"
      aria-keyshortcuts="Alt+Q"
      disabled={interaction.state !== 'assigned'}
      onClick={() => open(interaction.id)}
      data-testid={TEST_IDS.cannedOpen}
    >
      {t('canned.open')}
    </button>
  );
}
