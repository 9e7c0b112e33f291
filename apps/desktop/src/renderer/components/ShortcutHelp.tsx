import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '@omnicc/ui';
import { SHORTCUT_HELP } from '../keyboard/shortcuts.js';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';

/** The list of keyboard shortcuts, opened with "?" or the top bar button. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  const setHelpOpen = useUiStore((s) => s.setHelpOpen);
  return (
    <Dialog title={t('shortcuts.title')} closeLabel={t('common.close')} onClose={() => setHelpOpen(false)} closeOnOverlay testId={TEST_IDS.shortcutsDialog} className="shortcut-help">
      <dl className="shortcut-help__list">
        {SHORTCUT_HELP.map((s) => (
          <Fragment key={s.label}>
            <dt className="shortcut-help__keys">
              {s.keys.map((k, i) => (
                <Fragment key={k}>
                  {i > 0 ? <span aria-hidden="true">+</span> : null}
                  <kbd>{k}</kbd>
                </Fragment>
              ))}
            </dt>
            <dd className="shortcut-help__what">{t(s.label)}</dd>
          </Fragment>
        ))}
      </dl>
    </Dialog>
  );
}
