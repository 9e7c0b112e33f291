import type { z } from 'zod';
import { codeParamsSchema, pageQuerySchema, pageSchema, AppError, type ErrorCode, type Page } from '@omnicc/shared';
import type { CodedRepository } from '../../store/Store.js';
import type { Principal } from '../auth/tokens.js';
import { adminRoute, type AdminRoute } from './adminRoute.js';
import type { ADMIN_POLICY, AdminResource } from './policy.js';

/** Resources of the policy table that have the plain create/update/delete actions. */
type CrudResource = { [R in AdminResource]: 'create' | 'update' | 'delete' extends keyof (typeof ADMIN_POLICY)[R] ? R : never }[AdminResource];

/** How one code-keyed resource maps onto the five CRUD routes; W is what a write stores, when it differs from what is read (T). */
export interface CodedResource<T, U, W = T> {
  resource: CrudResource;
  /** Collection URL, e.g. `/api/admin/queues`. */
  path: string;
  tag: string;
  /** Singular and plural names for summaries and operation ids ("queue", "Queue", "Queues"). */
  noun: string;
  Noun: string;
  Nouns: string;
  repo: CodedRepository<T, W>;
  item: z.ZodType;
  create: z.ZodType<W>;
  update: z.ZodType<U>;
  /** The entity an update stores: the body plus the key from the path. */
  withKey(key: string, body: U): W;
  /** Adds who writes to what a create or update stores (resources that record their last editor). */
  stamp?(entity: W, principal: Principal): W;
  /** Codes an update can answer beyond BAD_REQUEST and NOT_FOUND (e.g. CONFLICT for a queue's channel). */
  updateErrors?: readonly ErrorCode[];
  /** Throws to refuse a delete the repository would allow (e.g. a code the server itself uses). */
  guardDelete?(key: string): void;
}

/**
 * list, get, create, update (PUT, full replace) and delete for one resource.
 * The path parameter is always `:id`; for skills and codes it is the code.
 */
export function codedCrudRoutes<T, U, W = T>(r: CodedResource<T, U, W>): AdminRoute[] {
  const one = `${r.path}/:id`;
  const notFound = (id: string) => new AppError('NOT_FOUND', `${r.noun} ${id} not found`);
  const stamped = (entity: W, principal: Principal): W => r.stamp?.(entity, principal) ?? entity;
  return [
    adminRoute({
      method: 'GET',
      url: r.path,
      operationId: `list${r.Nouns}`,
      summary: `List ${r.noun} entries, a page at a time`,
      tag: r.tag,
      policy: { resource: r.resource, action: 'read' },
      query: pageQuerySchema,
      reply: pageSchema(r.item),
      status: 200,
      handle: async ({ query }): Promise<Page<T>> => ({ ...(await r.repo.list(query)), ...query }),
    }),
    adminRoute({
      method: 'GET',
      url: one,
      operationId: `get${r.Noun}`,
      summary: `Read one ${r.noun}`,
      tag: r.tag,
      policy: { resource: r.resource, action: 'read' },
      params: codeParamsSchema,
      reply: r.item,
      status: 200,
      handle: async ({ params }) => (await r.repo.get(params.id)) ?? Promise.reject(notFound(params.id)),
    }),
    adminRoute({
      method: 'POST',
      url: r.path,
      operationId: `create${r.Noun}`,
      summary: `Create a ${r.noun}`,
      tag: r.tag,
      policy: { resource: r.resource, action: 'create' },
      body: r.create,
      reply: r.item,
      status: 201,
      handle: ({ body, principal }) => r.repo.create(stamped(body, principal)),
    }),
    adminRoute({
      method: 'PUT',
      url: one,
      operationId: `update${r.Noun}`,
      summary: `Replace a ${r.noun} (fields left out go back to their defaults)`,
      tag: r.tag,
      policy: { resource: r.resource, action: 'update' },
      params: codeParamsSchema,
      body: r.update,
      reply: r.item,
      status: 200,
      errors: r.updateErrors ?? [],
      handle: ({ params, body, principal }) => r.repo.update(stamped(r.withKey(params.id, body), principal)),
    }),
    adminRoute({
      method: 'DELETE',
      url: one,
      operationId: `delete${r.Noun}`,
      summary: `Delete a ${r.noun} nothing refers to any more`,
      tag: r.tag,
      policy: { resource: r.resource, action: 'delete' },
      params: codeParamsSchema,
      status: 204,
      handle: async ({ params }) => {
        r.guardDelete?.(params.id);
        await r.repo.delete(params.id);
      },
    }),
  ];
}
