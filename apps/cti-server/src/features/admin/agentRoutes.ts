import {
  AppError,
  adminAgentSchema,
  agentCreateSchema,
  agentProfileUpdateSchema,
  agentUpdateSchema,
  pageQuerySchema,
  pageSchema,
  passwordResetSchema,
  uuidParamsSchema,
  type AdminAgent,
  type Page,
} from '@omnicc/shared';
import type { Store } from '../../store/Store.js';
import { hashPassword } from '../auth/passwords.js';
import { adminRoute, type AdminRoute } from './adminRoute.js';

const PATH = '/api/admin/agents';
const ONE = `${PATH}/:id`;
const tag = 'agents';

/**
 * Agents: accounts of role agent or teamLead with their routing profile.
 * The profile has its own route so that supervisors can change team,
 * skills and capacity without touching the account; passwords have theirs
 * so that no other write carries one.
 */
export function agentRoutes(store: Store): AdminRoute[] {
  const found = async (id: string): Promise<AdminAgent> => (await store.agents.get(id)) ?? Promise.reject(new AppError('NOT_FOUND', `agent ${id} not found`));
  return [
    adminRoute({
      method: 'GET',
      url: PATH,
      operationId: 'listAgents',
      summary: 'List agents and team leads with their profiles, by username',
      tag,
      policy: { resource: 'agents', action: 'read' },
      query: pageQuerySchema,
      reply: pageSchema(adminAgentSchema),
      status: 200,
      handle: async ({ query }): Promise<Page<AdminAgent>> => ({ ...(await store.agents.list(query)), ...query }),
    }),
    adminRoute({
      method: 'GET',
      url: ONE,
      operationId: 'getAgent',
      summary: 'Read one agent',
      tag,
      policy: { resource: 'agents', action: 'read' },
      params: uuidParamsSchema,
      reply: adminAgentSchema,
      status: 200,
      handle: ({ params }) => found(params.id),
    }),
    adminRoute({
      method: 'POST',
      url: PATH,
      operationId: 'createAgent',
      summary: 'Create an agent account with its profile',
      tag,
      policy: { resource: 'agents', action: 'create' },
      body: agentCreateSchema,
      reply: adminAgentSchema,
      status: 201,
      handle: async ({ body }) => {
        const { password, ...rest } = body;
        return store.agents.create({ ...rest, passwordHash: await hashPassword(password) });
      },
    }),
    adminRoute({
      method: 'PUT',
      url: ONE,
      operationId: 'updateAgent',
      summary: 'Replace an agent account and profile (not the password)',
      tag,
      policy: { resource: 'agents', action: 'update' },
      params: uuidParamsSchema,
      body: agentUpdateSchema,
      reply: adminAgentSchema,
      status: 200,
      errors: ['CONFLICT'],
      handle: ({ params, body }) => store.agents.update(params.id, body),
    }),
    adminRoute({
      method: 'PUT',
      url: `${ONE}/profile`,
      operationId: 'updateAgentProfile',
      summary: "Replace an agent's team, skills and capacity",
      tag,
      policy: { resource: 'agents', action: 'updateProfile' },
      params: uuidParamsSchema,
      body: agentProfileUpdateSchema,
      reply: adminAgentSchema,
      status: 200,
      handle: ({ params, body }) => store.agents.updateProfile(params.id, body),
    }),
    adminRoute({
      method: 'PUT',
      url: `${ONE}/password`,
      operationId: 'setAgentPassword',
      summary: "Set a new password for an agent (tokens already issued stay valid until they expire)",
      tag,
      policy: { resource: 'agents', action: 'setPassword' },
      params: uuidParamsSchema,
      body: passwordResetSchema,
      status: 204,
      handle: async ({ params, body }) => {
        // Check first: argon2 costs ~100 ms and 64 MiB, not worth spending on an unknown id.
        await found(params.id);
        await store.agents.setPasswordHash(params.id, await hashPassword(body.password));
      },
    }),
    adminRoute({
      method: 'DELETE',
      url: ONE,
      operationId: 'deleteAgent',
      summary: 'Delete an agent without history (interactions, status changes)',
      tag,
      policy: { resource: 'agents', action: 'delete' },
      params: uuidParamsSchema,
      status: 204,
      handle: ({ params }) => store.agents.delete(params.id),
    }),
  ];
}
