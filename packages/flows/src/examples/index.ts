import type { FlowDocument } from '../schema/flowDocument.js';
import { BROADBAND_FAULT_FLOW } from './broadbandFault.js';
import { PLAN_CHANGE_FLOW } from './planChange.js';
import { VIP_COMPLAINT_FLOW } from './vipComplaint.js';

export { DEMO_FLOW_CATALOG, WORK_ORDER_CATALOG } from './demoCatalog.js';
export { BROADBAND_FAULT_FLOW, PLAN_CHANGE_FLOW, VIP_COMPLAINT_FLOW };

/** The example flows the demo seed ships, each with its own flow tests. */
export const EXAMPLE_FLOWS: readonly FlowDocument[] = [BROADBAND_FAULT_FLOW, PLAN_CHANGE_FLOW, VIP_COMPLAINT_FLOW];
