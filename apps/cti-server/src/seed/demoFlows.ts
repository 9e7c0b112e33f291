import { AppError, type FlowBindingWrite } from '@omnicc/shared';
import { BROADBAND_FAULT_FLOW, PLAN_CHANGE_FLOW, VIP_COMPLAINT_FLOW, type FlowDocument } from '@omnicc/flows';
import { systemClock } from '../clock.js';
import type { FlowStore } from '../store/FlowStore.js';
import type { Store } from '../store/Store.js';
import type { Principal } from '../features/auth/tokens.js';
import { buildFlowCatalog } from '../features/flows/flowCatalog.js';
import { FlowDesigner } from '../features/flows/flowDesigner.js';
import { liveFlowEngine } from '../features/flows/flowEngineLive.js';

/** The example flows of packages/flows and where the demo binds them. */
export const DEMO_FLOW_BINDINGS: readonly { flow: FlowDocument; binding: Omit<FlowBindingWrite, 'flowKey' | 'priority'> }[] = [
  { flow: BROADBAND_FAULT_FLOW, binding: { queueId: 'chat-general' } },
  { flow: PLAN_CHANGE_FLOW, binding: { channel: 'voice' } },
  { flow: VIP_COMPLAINT_FLOW, binding: { queueId: 'chat-vip' } },
];

/**
 * Publishes the example flows as the demo team lead (through the designer's
 * own checks: validation and flow tests) and binds them: broadband fault to
 * team A's chat queue, plan change to voice, VIP complaint to the VIP chat
 * queue. Idempotent: a flow already there, a version already live or a
 * binding already made is left as it is.
 */
export async function seedDemoFlows(store: Store, flows: FlowStore, leadUsername: string): Promise<void> {
  const lead = await store.users.findByUsername(leadUsername);
  if (!lead) throw new Error(`demo flows: no user ${leadUsername}`);
  const who: Principal = { userId: lead.id, role: lead.role, displayName: lead.displayName, expiresAt: Number.MAX_SAFE_INTEGER };
  const designer = new FlowDesigner({ flows, engine: liveFlowEngine, catalog: () => buildFlowCatalog(store), clock: systemClock });
  const bound = await flows.bindings.list();
  for (const { flow, binding } of DEMO_FLOW_BINDINGS) {
    const stored = (await flows.flows.get(flow.key)) ?? (await designer.create(flow, who));
    if (stored.liveVersion === null) await designer.publish(flow.key, { revision: stored.draftRevision, comment: '示例流程 Example flow' }, who);
    const same = (b: Omit<FlowBindingWrite, 'flowKey' | 'priority'>) => b.queueId === binding.queueId && b.channel === binding.channel && b.interactionType === binding.interactionType;
    if (bound.some(same)) continue;
    await designer.createBinding({ flowKey: flow.key, priority: 0, ...binding }, who).catch((err: unknown) => {
      // Another start seeding at the same moment made it.
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    });
  }
}
