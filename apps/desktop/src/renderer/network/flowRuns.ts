import { flowRunRefusalSchema, type FlowCatalogView, type FlowRunEventRequest, type FlowRunRefusal, type FlowRunView } from '@omnicc/shared';
import { useFlowRunStore } from '../stores/flowRunStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import type { Api } from './api.js';
import { errorCodeOf } from './commands.js';

/** How an event the agent sent went: taken (the store has the new run), refused by the run, or not taken for another reason. */
export type FlowRunSendResult =
  | { ok: true }
  /** The run refused it (UNPROCESSABLE): its code and the per-field messages; nothing changed. */
  | { ok: false; code: 'UNPROCESSABLE'; refusal?: FlowRunRefusal }
  /** Another tab or window moved the run on first: it has been loaded again. */
  | { ok: false; code: 'CONFLICT' }
  | { ok: false; code: string };

/** The agent's side of service flow runs over REST, feeding the flow run store. */
export interface FlowRunClient {
  /** Loads the interaction's run unless a load is on its way. */
  load(interactionId: string): Promise<void>;
  send(interactionId: string, event: FlowRunEventRequest['event']): Promise<FlowRunSendResult>;
  /** The flow catalog (names of add-ins, work-order types and queues), read once per client. */
  catalog(): Promise<FlowCatalogView | undefined>;
}

const store = () => useFlowRunStore.getState();

/**
 * A client over `api`; `token` is read at every call, so a refreshed token
 * is used. `catalog` reads the flow catalog (the flows API's; without it
 * the panel names add-ins and queues by id).
 */
export function createFlowRunClient(deps: { api: Api; token: () => string; catalog?: (token: string) => Promise<FlowCatalogView> }): FlowRunClient {
  const { api, token } = deps;
  let catalog: Promise<FlowCatalogView | undefined> | undefined;

  const load = async (interactionId: string): Promise<void> => {
    if (store().runs[interactionId]?.loading) return;
    store().loadStarted(interactionId);
    try {
      const view = await api.flowRun(token(), interactionId);
      // The interaction may have left the desk meanwhile: do not bring its run back.
      if (interactionId in useInteractionsStore.getState().byId) store().received(view);
      else store().keepOnly(Object.keys(useInteractionsStore.getState().byId));
    } catch (err) {
      const code = errorCodeOf(err);
      if (code === 'NOT_FOUND') store().noRun(interactionId);
      else store().loadFailed(interactionId, code);
    }
  };

  return {
    load,
    async send(interactionId, event) {
      const stepCount = store().runs[interactionId]?.view?.steps.length;
      try {
        store().received(await api.sendFlowRunEvent(token(), interactionId, { event, ...(stepCount === undefined ? {} : { stepCount }) }));
        return { ok: true };
      } catch (err) {
        const code = errorCodeOf(err);
        if (code === 'CONFLICT') {
          await load(interactionId);
          return { ok: false, code };
        }
        if (code === 'UNPROCESSABLE') {
          const parsed = flowRunRefusalSchema.safeParse((err as { details?: unknown }).details);
          return parsed.success ? { ok: false, code, refusal: parsed.data } : { ok: false, code };
        }
        return { ok: false, code };
      }
    },
    catalog() {
      if (!deps.catalog) return Promise.resolve(undefined);
      catalog ??= deps.catalog(token()).catch(() => {
        // Names are a nicety: without the catalog the panel shows ids; the next panel asks again.
        catalog = undefined;
        return undefined;
      });
      return catalog;
    },
  };
}

/**
 * Keeps the store in step with the desk for the signed-in session: runs
 * dropped as their interactions leave the desk, pushes applied, every run
 * read again after a reconnect (pushes missed meanwhile are not replayed).
 */
export function startFlowRuns(client: FlowRunClient): { pushed(view: FlowRunView): void; reloadAll(): void; stop(): void } {
  let stopped = false;
  const unsubscribe = useInteractionsStore.subscribe((s, prev) => {
    if (s.byId !== prev.byId) store().keepOnly(Object.keys(s.byId));
  });
  return {
    pushed(view) {
      if (!stopped && view.interactionId in useInteractionsStore.getState().byId) store().received(view);
    },
    reloadAll() {
      for (const id of Object.keys(store().runs)) void client.load(id);
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
