import { useTranslation } from 'react-i18next';
import type { DraftSaveState } from '../../network/draftSaver.js';
import { reasonText } from '../errorText.js';
import { useLocale } from '../useLocale.js';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';

/** "Saved 10:32" / "Saving…" / "Not saved: …" next to the designer's tools; a conflict offers a reload. */
export function SaveStatus({ state, onReload }: { state: DraftSaveState; onReload: () => void }) {
  const { t } = useTranslation();
  const { formatTime } = useLocale();
  const text = (() => {
    switch (state.kind) {
      case 'saved':
        return state.at ? t('flows.savedAt', { time: formatTime(state.at) }) : t('flows.saved');
      case 'pending':
      case 'saving':
        return t('flows.saving');
      case 'retrying':
        return t('flows.retrying', { reason: reasonText(t, state.code) });
      case 'conflict':
        return t('flows.conflict');
      case 'refused':
        return t('flows.refused', { reason: reasonText(t, state.code) });
    }
  })();
  const bad = state.kind === 'conflict' || state.kind === 'refused' || state.kind === 'retrying';
  return (
    <span className={`flows-save${bad ? ' flows-save--bad' : ''}`} role="status" data-testid={FLOWS_TEST_IDS.saveState} data-state={state.kind}>
      {text}
      {state.kind === 'conflict' || state.kind === 'refused' ? (
        <button type="button" className="omni-button omni-button--small" onClick={onReload} data-testid={FLOWS_TEST_IDS.reload}>
          {t('flows.reload')}
        </button>
      ) : null}
    </span>
  );
}
