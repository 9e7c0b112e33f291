import type { FastifyInstance } from 'fastify';
import { AppError, flowRunEventRequestSchema, flowRunViewSchema, idParamsSchema, type FlowRunView } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { Store } from '../../store/Store.js';
import type { RouteDoc } from '../admin/openapi/routeDoc.js';
import type { Authenticate } from '../auth/guard.js';
import { readInteraction } from '../interactions/readableInteraction.js';
import type { FlowRunService } from './flowRunService.js';

const RUN = '/api/interactions/:id/flow-run';

/** Besides the agent holding the interaction, who may answer its flow's steps. */
const STEP_IN = ['supervisor', 'admin'] as const;

/** The agent's flow run routes, for the OpenAPI document (admin/openapi/coreRoutesDoc.ts lists them). */
export const FLOW_RUN_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'GET',
    url: RUN,
    operationId: 'getFlowRun',
    summary: "The interaction's service flow run: the step it waits at, variables, the path so far and how it ended (agents: interactions they hold)",
    tag: 'flows',
    auth: 'authenticated',
    params: idParamsSchema,
    reply: flowRunViewSchema,
    status: 200,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    url: `${RUN}/events`,
    operationId: 'sendFlowRunEvent',
    summary:
      'The agent goes on at a script step or submits an ask step; UNPROCESSABLE (details: the runtime code and field errors) when refused, state unchanged; CONFLICT when another tab moved the run on',
    tag: 'flows',
    auth: 'authenticated',
    params: idParamsSchema,
    body: flowRunEventRequestSchema,
    reply: flowRunViewSchema,
    status: 200,
    errors: ['FORBIDDEN', 'CONFLICT', 'UNPROCESSABLE'],
  },
];

/** GET and POST of an interaction's flow run, for the agent holding it (and those who may read or step in). */
export function registerFlowRunRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate; runs: FlowRunService }): void {
  app.get(RUN, async (request): Promise<FlowRunView> => {
    const { interaction } = await readInteraction(request, deps);
    return deps.runs.view(interaction.id);
  });
  app.post(`${RUN}/events`, async (request): Promise<FlowRunView> => {
    const { interaction, principal } = await readInteraction(request, deps);
    if (interaction.agentId !== principal.userId && !(STEP_IN as readonly string[]).includes(principal.role)) {
      throw new AppError('FORBIDDEN', 'only the agent holding the interaction answers its flow');
    }
    const body = parseWith(flowRunEventRequestSchema, request.body, 'body');
    return deps.runs.agentEvent(interaction.id, body.event, body.stepCount);
  });
}
