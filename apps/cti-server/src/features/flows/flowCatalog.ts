import type { FlowCatalog } from '@omnicc/flows';
import { DEMO_FLOW_CATALOG } from '@omnicc/flows';
import type { Store } from '../../store/Store.js';

/**
 * Add-ins and work-order types a flow may call. Issue 8 builds the add-in
 * platform and work orders; until then the server declares the billing
 * add-in and the glossary's work-order types here (the same entries as the
 * flows package's demo catalog), and the run service answers their nodes
 * with a clear error (flowEffects.ts).
 */
export const DECLARED_ADD_INS: FlowCatalog['addIns'] = DEMO_FLOW_CATALOG.addIns;
export const DECLARED_WORK_ORDER_TYPES: FlowCatalog['workOrderTypes'] = DEMO_FLOW_CATALOG.workOrderTypes;

/** The catalog flows are validated against: queues from the store, dispositions from the dictionaries, add-ins and work-order types declared above. */
export async function buildFlowCatalog(store: Store): Promise<FlowCatalog> {
  const [queues, dictionaries] = await Promise.all([store.queues.list(), store.dictionaries.get()]);
  return {
    addIns: DECLARED_ADD_INS,
    workOrderTypes: DECLARED_WORK_ORDER_TYPES,
    queues: queues.map((q) => ({ id: q.id, name: `${q.nameZh} ${q.nameEn}` })),
    dispositions: dictionaries.dispositions.map((d) => ({ code: d.code, labels: d.labels })),
  };
}
