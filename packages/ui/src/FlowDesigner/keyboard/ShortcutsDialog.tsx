import { Dialog } from '../../Dialog/Dialog.js';
import { useDesigner } from '../DesignerContext.js';
import { FLOW_TEST_IDS } from '../testIds.js';

/** The designer's keyboard shortcuts. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useDesigner();
  return (
    <Dialog title={t.shortcuts.title} onClose={onClose} closeLabel={t.shortcuts.close} testId={FLOW_TEST_IDS.shortcutsDialog} closeOnOverlay>
      <dl className="fd-shortcuts">
        {t.shortcuts.list.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
