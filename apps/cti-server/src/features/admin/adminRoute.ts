import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ErrorCode, Role } from '@omnicc/shared';
import { parseWith } from '../../http/errors.js';
import type { Authenticate } from '../auth/guard.js';
import type { Principal } from '../auth/tokens.js';
import type { RouteDoc } from './openapi/routeDoc.js';
import { allowedRoles, type PolicyKey } from './policy.js';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: every part already parsed by its schema. */
export interface AdminInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
}

/** An admin route as mounted: its documentation, its policy entry and a runner that parses and handles. */
export interface AdminRoute {
  doc: RouteDoc;
  policy: PolicyKey;
  bodyLimit?: number;
  run(raw: { params: unknown; query: unknown; body: unknown }, principal: Principal): Promise<unknown>;
}

/** A route's declaration; the schemas feed both the parsing and the OpenAPI document. */
export interface AdminRouteSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  method: RouteDoc['method'];
  url: string;
  operationId: string;
  summary: string;
  tag: string;
  policy: PolicyKey;
  params?: P;
  query?: Q;
  body?: B;
  /** Reply schema; omitted for 204. */
  reply?: z.ZodType;
  status: RouteDoc['status'];
  /** Codes beyond those the parts imply; default CONFLICT for POST and DELETE (duplicates, references), none otherwise. */
  errors?: readonly ErrorCode[];
  /** A larger body than the server's default (a campaign's recipient list). */
  bodyLimit?: number;
  handle(input: AdminInput<Out<P>, Out<Q>, Out<B>>): Promise<unknown>;
}

/** Declares a route; the generics keep the handler's input typed by the schemas. */
export function adminRoute<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: AdminRouteSpec<P, Q, B>,
): AdminRoute {
  const roles: readonly Role[] = allowedRoles(spec.policy);
  const parse = (schema: z.ZodType | undefined, value: unknown, what: string): unknown => (schema === undefined ? undefined : parseWith(schema, value, what));
  return {
    doc: {
      method: spec.method,
      url: spec.url,
      operationId: spec.operationId,
      summary: spec.summary,
      tag: spec.tag,
      auth: roles,
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.reply ? { reply: spec.reply } : {}),
      status: spec.status,
      errors: spec.errors ?? (spec.method === 'POST' || spec.method === 'DELETE' ? ['CONFLICT'] : []),
    },
    policy: spec.policy,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    run: (raw, principal) =>
      spec.handle({
        // Each part is its schema's output, or undefined where the spec has no schema: what Out<> says.
        params: parse(spec.params, raw.params, 'params') as Out<P>,
        query: parse(spec.query, raw.query, 'query') as Out<Q>,
        body: parse(spec.body, raw.body, 'body') as Out<B>,
        principal,
      }),
  };
}

/**
 * Mounts routes on Fastify. The role check runs before any parsing or
 * lookup: a forbidden caller learns neither what is wrong with the body nor
 * whether the id exists.
 */
export function mountAdminRoutes(
  app: FastifyInstance,
  routes: readonly AdminRoute[],
  authenticate: Authenticate,
  /** Told of every committed write (not reads), before the reply. */
  afterWrite?: (route: AdminRoute, input: { params: unknown; body: unknown }, result: unknown) => Promise<void>,
): void {
  for (const route of routes) {
    const roles = allowedRoles(route.policy);
    app.route({
      method: route.doc.method,
      url: route.doc.url,
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      handler: async (request, reply) => {
        const principal = await authenticate(request, roles);
        const result = await route.run({ params: request.params, query: request.query, body: request.body }, principal);
        if (route.doc.method !== 'GET') await afterWrite?.(route, { params: request.params, body: request.body }, result);
        if (route.doc.status === 204) return reply.status(204).send();
        return reply.status(route.doc.status).send(result);
      },
    });
  }
}
