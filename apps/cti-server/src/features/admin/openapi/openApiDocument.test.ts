import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument, openApiPath } from './openApiDocument.js';
import type { RouteDoc } from './routeDoc.js';

describe('buildOpenApiDocument', () => {
  const info = { title: 't', version: '1', description: 'd' };
  const thing = z.object({ name: z.string(), size: z.number().default(1) });
  const routes: RouteDoc[] = [
    { method: 'PUT', url: '/api/things/:id', operationId: 'putThing', summary: 's', tag: 'things', auth: ['admin'], params: z.object({ id: z.string() }), body: thing, reply: thing, status: 200, errors: [] },
    { method: 'GET', url: '/api/open', operationId: 'open', summary: 's', tag: 'meta', auth: 'public', status: 204, errors: [] },
  ];
  const doc = buildOpenApiDocument(routes, info);

  it('turns Fastify parameters into OpenAPI templates', () => {
    expect(openApiPath('/api/a/:id/b/:other_id')).toBe('/api/a/{id}/b/{other_id}');
    expect(Object.keys(doc.paths)).toEqual(['/api/things/{id}', '/api/open']);
  });

  it('gives one schema used as body and reply two components: defaults optional in, present out', () => {
    const op = doc.paths['/api/things/{id}']?.put as { requestBody: { content: Record<string, { schema: { $ref: string } }> } };
    expect(op.requestBody.content['application/json']?.schema.$ref).toBe('#/components/schemas/putThingBody');
    expect(doc.components.schemas.putThingBody).toMatchObject({ required: ['name'] });
    expect(doc.components.schemas.putThingReply).toMatchObject({ required: ['name', 'size'] });
  });

  it('lists the error statuses a route implies, and marks public routes', () => {
    expect(Object.keys((doc.paths['/api/things/{id}']?.put as { responses: object }).responses).sort()).toEqual(['200', '400', '401', '403', '404']);
    expect(doc.paths['/api/open']?.get).toMatchObject({ security: [], responses: { 204: { description: 'No content' } } });
  });
});
