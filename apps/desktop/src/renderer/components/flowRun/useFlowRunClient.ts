import { useEffect, useState } from 'react';
import type { FlowCatalogView } from '@omnicc/shared';
import { createFlowRunClient, type FlowRunClient } from '../../network/flowRuns.js';
import type { Api } from '../../network/api.js';
import { useServices } from '../../services.js';
import { useSessionStore } from '../../stores/sessionStore.js';

// One client per API, so the catalog is read once however often the panel remounts.
const clients = new WeakMap<Api, FlowRunClient>();

/** The flow run client of this app's API, with the signed-in session's token. */
export function useFlowRunClient(): FlowRunClient {
  const { api, flows } = useServices();
  let client = clients.get(api);
  if (!client) {
    client = createFlowRunClient({ api, token: () => useSessionStore.getState().session?.token ?? '', catalog: (token) => flows.catalog(token) });
    clients.set(api, client);
  }
  return client;
}

/** The flow catalog once `wanted` (a run is shown); undefined until it comes, or when it cannot be read. */
export function useFlowCatalog(client: FlowRunClient, wanted: boolean): FlowCatalogView | undefined {
  const [catalog, setCatalog] = useState<FlowCatalogView | undefined>(undefined);
  useEffect(() => {
    if (!wanted || catalog) return;
    let live = true;
    void client.catalog().then((c) => {
      if (live) setCatalog(c);
    });
    return () => {
      live = false;
    };
  }, [client, wanted, catalog]);
  return catalog;
}
