import type { z } from 'zod';
import { errorBodySchema, HTTP_STATUS, type ErrorCode } from '@omnicc/shared';
import { isOptional, jsonSchemaOf, type JsonSchema } from './jsonSchema.js';
import type { RouteDoc } from './routeDoc.js';
import { SCHEMA_NAMES } from './schemaNames.js';

/** The OpenAPI 3.1 document, as plain JSON data. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  security: Record<string, string[]>[];
  tags: { name: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, unknown>;
  };
}

/** `/api/admin/queues/:id` -> `/api/admin/queues/{id}` */
export const openApiPath = (fastifyUrl: string): string => fastifyUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Error codes a route can answer with, from what it declares. */
function errorCodes(route: RouteDoc): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors);
  if (route.auth !== 'public') {
    codes.add('UNAUTHENTICATED');
    codes.add('TOKEN_EXPIRED');
  }
  if (Array.isArray(route.auth)) codes.add('FORBIDDEN');
  if (route.params || route.query || route.body) codes.add('BAD_REQUEST');
  if (route.params) codes.add('NOT_FOUND');
  return [...codes];
}

/**
 * Builds the document from route descriptions whose schemas are the same zod
 * objects the routes parse with, so the two cannot drift apart. Named
 * contract schemas become components; the rest are inlined.
 */
export function buildOpenApiDocument(routes: readonly RouteDoc[], info: OpenApiDocument['info']): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { Error: jsonSchemaOf(errorBodySchema, 'output') };
  // Keyed by schema and direction: one zod schema can be a body (input) and a reply (output).
  const named = new Map<string, string>();
  const ref = (schema: z.ZodType, io: 'input' | 'output', fallback: string): { $ref: string } => {
    const base = SCHEMA_NAMES.get(schema) ?? fallback;
    const key = `${base}|${io}`;
    let name = named.get(key);
    if (name === undefined) {
      name = base in schemas ? `${base}${io === 'input' ? 'Input' : 'Output'}` : base;
      schemas[name] = jsonSchemaOf(schema, io);
      named.set(key, name);
    }
    return { $ref: `#/components/schemas/${name}` };
  };
  const parameters = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    const shape = (schema as z.ZodObject | undefined)?.shape ?? {};
    return Object.entries(shape).map(([name, s]) => ({ name, in: where, required: where === 'path' || !isOptional(s as z.ZodType), schema: jsonSchemaOf(s as z.ZodType, 'input') }));
  };

  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const success = route.reply
      ? { description: 'OK', content: { 'application/json': { schema: ref(route.reply, 'output', `${route.operationId}Reply`) } } }
      : { description: 'No content' };
    const responses: Record<string, unknown> = { [String(route.status)]: success };
    for (const code of errorCodes(route)) {
      const status = String(HTTP_STATUS[code]);
      const described = responses[status] as { description: string } | undefined;
      responses[status] = { description: described ? `${described.description}, ${code}` : code, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const roles = Array.isArray(route.auth) ? route.auth : undefined;
    (paths[openApiPath(route.url)] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(roles ? { description: `Roles: ${roles.join(', ')}.`, 'x-roles': roles } : {}),
      ...(route.auth === 'public' ? { security: [] } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.body, 'input', `${route.operationId}Body`) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    security: [{ bearerAuth: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Token from POST /api/auth/login' } },
    },
  };
}
