import type { FlowCatalog } from '@omnicc/flows';
import { DEMO_FLOW_CATALOG, WORK_ORDER_CATALOG } from '@omnicc/flows';
import type { Store } from '../../store/Store.js';

/**
 * Add-ins and work-order types a flow may call. The running server lists
 * the enabled add-ins (features/addIns); DECLARED_ADD_INS is the flows
 * package's demo billing entry, for callers without the add-in platform
 * (the demo seed). Work-order types are the work-order feature's
 * (packages/shared WORK_ORDER_TYPE_DEFS: fields with their labels).
 */
export const DECLARED_ADD_INS: FlowCatalog['addIns'] = DEMO_FLOW_CATALOG.addIns;
export const DECLARED_WORK_ORDER_TYPES: FlowCatalog['workOrderTypes'] = WORK_ORDER_CATALOG;

/**
 * The catalog flows are validated against: queues from the store,
 * dispositions from the dictionaries, work-order types declared above, and
 * the enabled add-ins' operations (AddInService.catalog; the declared
 * billing entry when no add-in platform is given, as in the demo seed).
 */
export async function buildFlowCatalog(store: Store, addIns: () => Promise<FlowCatalog['addIns']> = () => Promise.resolve(DECLARED_ADD_INS)): Promise<FlowCatalog> {
  const [queues, dictionaries, enabledAddIns] = await Promise.all([store.queues.list(), store.dictionaries.get(), addIns()]);
  return {
    addIns: enabledAddIns,
    workOrderTypes: DECLARED_WORK_ORDER_TYPES,
    queues: queues.map((q) => ({ id: q.id, name: `${q.nameZh} ${q.nameEn}` })),
    dispositions: dictionaries.dispositions.map((d) => ({ code: d.code, labels: d.labels })),
  };
}
