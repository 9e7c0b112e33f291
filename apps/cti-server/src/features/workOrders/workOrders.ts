import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Interaction, WorkOrderEscalated } from '@omnicc/shared';
import type { EffectRequest, EffectResult } from '@omnicc/flows';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import { WorkOrdersRepo } from '../../adapters/db/workOrdersRepo.js';
import type { MailStore } from '../../store/MailStore.js';
import type { Store } from '../../store/Store.js';
import type { Authenticate } from '../auth/guard.js';
import { WorkOrderFeedback, type FeedbackSmsChannel } from './workOrderFeedback.js';
import { performCreateWorkOrder } from './workOrderFlowEffect.js';
import { registerWorkOrderRoutes } from './workOrderRoutes.js';
import { WorkOrderService } from './workOrderService.js';
import { WorkOrderSweeper } from './workOrderSweeper.js';

export interface WorkOrdersDeps {
  pool: pg.Pool;
  store: Store;
  clock: Clock;
  log: Logger;
  timeZone: string;
  mail: MailStore;
  kickEmail: () => Promise<void>;
  sms: FeedbackSmsChannel;
  serviceNumber: string;
  maxParts: number;
  /** Pushes an escalation to one agent (their sockets' room). */
  pushEscalated?: (agentId: string, e: WorkOrderEscalated) => void;
}

/** The work-order feature as app.ts mounts it. */
export interface WorkOrders {
  service: WorkOrderService;
  /** Runs on the routing owner (started on takeover, stopped on give-up). */
  sweeper: WorkOrderSweeper;
  /** FlowEffects' answer to a createWorkOrder effect. */
  flowEffect(request: Extract<EffectRequest, { kind: 'createWorkOrder' }>, interaction: Interaction): Promise<EffectResult>;
  register(http: FastifyInstance, authenticate: Authenticate): void;
}

/** Builds the work-order feature (docs/work-orders.md): one place, so app.ts only wires it. */
export function createWorkOrders(deps: WorkOrdersDeps): WorkOrders {
  const repo = new WorkOrdersRepo(deps.pool);
  const feedback = new WorkOrderFeedback({ pool: deps.pool, mail: deps.mail, kickEmail: deps.kickEmail, sms: deps.sms, serviceNumber: deps.serviceNumber, maxParts: deps.maxParts });
  const service = new WorkOrderService({ store: deps.store, repo, feedback, clock: deps.clock, timeZone: deps.timeZone });
  const sweeper = new WorkOrderSweeper({
    pool: deps.pool,
    clock: deps.clock,
    log: deps.log,
    // Every member of the order's group hears of it (a lost push is no loss: the list shows it overdue).
    onEscalated: (orders) => {
      const push = deps.pushEscalated;
      if (!push) return;
      const groups = [...new Set(orders.flatMap((o) => (o.groupId ? [o.groupId] : [])))];
      repo.membersOf(groups).then(
        (members) => {
          for (const o of orders) for (const m of members) if (m.groupId === o.groupId) push(m.userId, { id: o.id, number: o.number, groupId: o.groupId });
        },
        (err: unknown) => deps.log.warn({ err }, 'work orders: escalation push failed'),
      );
    },
  });
  return {
    service,
    sweeper,
    flowEffect: (request, interaction) => performCreateWorkOrder(service, request, interaction),
    register: (http, authenticate) => registerWorkOrderRoutes(http, { authenticate, service }),
  };
}
