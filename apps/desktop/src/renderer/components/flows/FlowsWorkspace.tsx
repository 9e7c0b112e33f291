import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowCatalog } from '@omnicc/flows';
import type { FlowSummary } from '@omnicc/shared';
import { useServices } from '../../services.js';
import { errorCodeOf } from '../../network/commands.js';
import { reasonText } from '../errorText.js';
import { FlowEditor } from './FlowEditor.js';
import { FlowList } from './FlowList.js';
import { NewFlowDialog } from './NewFlowDialog.js';
import { catalogOf, currentToken } from './flowsSession.js';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';
import './FlowsWorkspace.css';

/**
 * The team lead's flow workspace (流程设计): the flows on the left, the
 * selected one in the designer with autosave, tests, publish, versions and
 * bindings. The server checks the role on every call; this screen is only
 * offered to team leads and admins.
 */
export function FlowsWorkspace() {
  const { t } = useTranslation();
  const { flows } = useServices();
  const [catalog, setCatalog] = useState<FlowCatalog | null>(null);
  const [items, setItems] = useState<readonly FlowSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const reloadList = useCallback(async () => {
    const list = await flows.list(currentToken());
    setItems(list.items);
    return list.items;
  }, [flows]);

  useEffect(() => {
    let live = true;
    Promise.all([flows.catalog(currentToken()), reloadList()]).then(
      ([view, list]) => {
        if (!live) return;
        setCatalog(catalogOf(view));
        setSelected((current) => current ?? list[0]?.key ?? null);
      },
      (err: unknown) => {
        if (live) setLoadError(reasonText(t, errorCodeOf(err)));
      },
    );
    return () => {
      live = false;
    };
  }, [flows, reloadList, t]);

  if (loadError) {
    return (
      <main className="flows-workspace flows-workspace--message" data-testid={FLOWS_TEST_IDS.workspace}>
        <p role="alert">{t('flows.loadFailed', { reason: loadError })}</p>
      </main>
    );
  }
  if (!catalog || !items) {
    return (
      <main className="flows-workspace flows-workspace--message" data-testid={FLOWS_TEST_IDS.workspace} aria-busy="true">
        <p>{t('flows.loading')}</p>
      </main>
    );
  }
  return (
    <main className="flows-workspace" data-testid={FLOWS_TEST_IDS.workspace} aria-label={t('workspace.flows')}>
      <FlowList items={items} selected={selected} onSelect={setSelected} onCreate={() => setCreating(true)} />
      {selected ? (
        <FlowEditor key={selected} flowKey={selected} catalog={catalog} onChanged={() => void reloadList().catch(() => undefined)} />
      ) : (
        <section className="flows-workspace__empty">
          <p>{t('flows.none')}</p>
        </section>
      )}
      {creating ? (
        <NewFlowDialog
          catalog={catalog}
          taken={items.map((i) => i.key)}
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            void reloadList().then(() => setSelected(key), () => setSelected(key));
          }}
        />
      ) : null}
    </main>
  );
}
