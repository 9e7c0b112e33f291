import type { z } from 'zod';
import { codeParamsSchema, pageQuerySchema, pageSchema, AppError, type ErrorCode, type Page } from '@omnicc/shared';
import type { CodedRepository } from '../../store/Store.js';
import { adminRoute, type AdminRoute } from './adminRoute.js';
import type { ADMIN_POLICY, AdminResource } from './policy.js';

/** Resources of the policy table that have the plain create/update/delete actions. */
type CrudResource = { [R in AdminResource]: 'create' extends keyof (typeof ADMIN_POLICY)[R] ? R : never }[AdminResource];

/** How one code-keyed resource maps onto the five CRUD routes. */
export interface CodedResource<T, U> {
  resource: CrudResource;
  /** Collection URL, e.g. `/api/admin/queues`. */
  path: string;
  tag: string;
  /** Singular and plural names for summaries and operation ids ("queue", "Queue", "Queues"). */
  noun: string;
  Noun: string;
  Nouns: string;
  repo: CodedRepository<T>;
  item: z.ZodType;
  create: z.ZodType<T>;
  update: z.ZodType<U>;
  /** The entity an update stores: the body plus the key from the path. */
  withKey(key: string, body: U): T;
  /** Codes an update can answer beyond BAD_REQUEST and NOT_FOUND (e.g. CONFLICT for a queue's channel). */
  updateErrors?: readonly ErrorCode[];
  /** Throws to refuse a delete the repository would allow (e.g. a code the server itself uses). */
  guardDelete?(key: string): void;
}

/**
 * list, get, create, update (PUT, full replace) and delete for one resource.
 * The path parameter is always `:id`; for skills and codes it is the code.
 */
export function codedCrudRoutes<T, U>(r: CodedResource<T, U>): AdminRoute[] {
  const one = `${r.path}/:id`;
  const notFound = (id: string) => new AppError('NOT_FOUND', `${r.noun} ${id} not found`);
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
      handle: ({ body }) => r.repo.create(body),
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
      handle: ({ params, body }) => r.repo.update(r.withKey(params.id, body)),
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
