import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AppError,
  createCustomerRequestSchema,
  customerSearchQuerySchema,
  customerSearchReplySchema,
  customerSummarySchema,
  customerViewSchema,
  idParamsSchema,
  interactionCustomerSchema,
  linkContactRequestSchema,
  mergeCustomerRequestSchema,
  type CustomerSummary,
  type CustomerView,
  type Interaction,
  type InteractionCustomer,
  type Role,
} from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { Store } from '../../store/Store.js';
import type { RouteDoc } from '../admin/openapi/routeDoc.js';
import type { Authenticate } from '../auth/guard.js';
import type { Principal } from '../auth/tokens.js';
import { mustGetInteraction } from '../interactions/interactionLookup.js';
import type { CustomerService } from './customerService.js';

/** Who merges customer records: the floor's leads, not agents (a wrong merge mixes two people's data). */
export const MERGE_ROLES: readonly Role[] = ['teamLead', 'supervisor', 'admin'];
/** Who reads any customer; agents read the customers of interactions they hold or are offered. */
const READ_ANY: readonly Role[] = ['teamLead', 'supervisor', 'admin'];

const BASE = '/api/customers';

/** The customer routes, for the OpenAPI document (admin/openapi/coreRoutesDoc.ts lists them). */
export const CUSTOMER_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'GET',
    url: BASE,
    operationId: 'searchCustomers',
    summary: 'The link picker: customers by exact phone (any usual form), email or chat login, or by the start of the name; merged records left out',
    tag: 'customers',
    auth: 'authenticated',
    query: customerSearchQuerySchema,
    reply: customerSearchReplySchema,
    status: 200,
    errors: [],
  },
  {
    method: 'POST',
    url: BASE,
    operationId: 'createCustomer',
    summary: "A new customer from an interaction's contact (agents: interactions they hold); the interaction gets the customer. CONFLICT when a contact point belongs to another customer",
    tag: 'customers',
    auth: 'authenticated',
    body: createCustomerRequestSchema,
    reply: customerSummarySchema,
    status: 201,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'POST',
    url: `${BASE}/:id/contact-points`,
    operationId: 'linkCustomerContact',
    summary: "Link a contact point, or an interaction's contact, to an existing customer; the interaction gets the customer. CONFLICT when another customer has it, INVALID_STATE for a merged record",
    tag: 'customers',
    auth: 'authenticated',
    params: idParamsSchema,
    body: linkContactRequestSchema,
    reply: customerSummarySchema,
    status: 200,
    errors: ['FORBIDDEN', 'CONFLICT', 'INVALID_STATE'],
  },
  {
    method: 'POST',
    url: `${BASE}/:id/merge`,
    operationId: 'mergeCustomers',
    summary: 'Merge `from` into this customer in one transaction (contact points, subscriptions, contracts, interactions move; `from` is marked merged); audited',
    tag: 'customers',
    auth: MERGE_ROLES,
    params: idParamsSchema,
    body: mergeCustomerRequestSchema,
    reply: customerViewSchema,
    status: 200,
    errors: ['INVALID_STATE'],
  },
  {
    method: 'GET',
    url: `${BASE}/:id/view`,
    operationId: 'getCustomerView',
    summary: 'The customer 360 view the card shows, in one round trip (agents: customers of interactions they hold or are offered)',
    tag: 'customers',
    auth: 'authenticated',
    params: idParamsSchema,
    reply: customerViewSchema,
    status: 200,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    url: '/api/interactions/:id/customer',
    operationId: 'getInteractionCustomer',
    summary: "The interaction's customer view, or `{ unknown: contact }` to create or link (agents: interactions they hold or are offered)",
    tag: 'customers',
    auth: 'authenticated',
    params: idParamsSchema,
    reply: interactionCustomerSchema,
    status: 200,
    errors: ['FORBIDDEN'],
  },
];

/** An interaction the principal may read (readableInteraction's rule), counting an offer still ringing on their desk. */
async function interactionFor(store: Store, principal: Principal, id: string): Promise<Interaction> {
  const interaction = await mustGetInteraction(store, id);
  if (READ_ANY.includes(principal.role) || interaction.agentId === principal.userId) return interaction;
  // The card pops on the offer, before the accept: the offered agent may read it too.
  if (interaction.state === 'offered' && (await store.offers.ofInteraction(id)).some((o) => o.agentId === principal.userId && o.endedAt === undefined)) return interaction;
  throw new AppError('FORBIDDEN', 'not your interaction');
}

/** The interaction named in a create or link body: an agent must hold it (or have it ringing). */
async function bodyInteraction(store: Store, principal: Principal, id: string | undefined): Promise<Interaction | undefined> {
  if (id === undefined) {
    if (!READ_ANY.includes(principal.role)) throw new AppError('FORBIDDEN', 'agents create and link customers from an interaction they hold');
    return undefined;
  }
  return interactionFor(store, principal, id);
}

/** Mounts the customer routes. */
export function registerCustomerRoutes(app: FastifyInstance, deps: { store: Store; authenticate: Authenticate; customers: CustomerService }): void {
  const { store, customers } = deps;
  const customerId = (request: FastifyRequest): string => parseWith(idParamsSchema, request.params, 'params').id;

  app.get(BASE, async (request): Promise<{ items: CustomerSummary[] }> => {
    await deps.authenticate(request);
    const q = parseWith(customerSearchQuerySchema, request.query, 'query');
    return { items: await customers.search(q.query, q.limit) };
  });

  app.post(BASE, async (request, reply): Promise<CustomerSummary> => {
    const principal = await deps.authenticate(request);
    const body = parseWith(createCustomerRequestSchema, request.body, 'body');
    const interaction = await bodyInteraction(store, principal, body.interactionId);
    const created = await customers.create(body, interaction, principal.userId);
    void reply.code(201);
    return created;
  });

  app.post(`${BASE}/:id/contact-points`, async (request): Promise<CustomerSummary> => {
    const principal = await deps.authenticate(request);
    const id = customerId(request);
    const body = parseWith(linkContactRequestSchema, request.body, 'body');
    const interaction = await bodyInteraction(store, principal, body.interactionId);
    return customers.link(id, body.contactPoint, interaction, principal.userId);
  });

  app.post(`${BASE}/:id/merge`, async (request): Promise<CustomerView> => {
    const principal = await deps.authenticate(request);
    if (!MERGE_ROLES.includes(principal.role)) throw new AppError('FORBIDDEN', 'merging customers is for team leads, supervisors and admins');
    const id = customerId(request);
    const body = parseWith(mergeCustomerRequestSchema, request.body, 'body');
    return customers.merge(id, body.from, principal.userId);
  });

  app.get(`${BASE}/:id/view`, async (request): Promise<CustomerView> => {
    const principal = await deps.authenticate(request);
    const id = customerId(request);
    if (!READ_ANY.includes(principal.role) && !(await customers.agentServes(id, principal.userId))) {
      throw new AppError('FORBIDDEN', 'agents read the customers of interactions they hold');
    }
    return customers.view(id);
  });

  app.get('/api/interactions/:id/customer', async (request): Promise<InteractionCustomer> => {
    const principal = await deps.authenticate(request);
    const { id } = parseWith(idParamsSchema, request.params, 'params');
    const interaction = await interactionFor(store, principal, id);
    return customers.ofInteraction(interaction);
  });
}
