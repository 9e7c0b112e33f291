import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath, type OpenApiDocument } from '../src/features/admin/openapi/openApiDocument.js';
import { allowedRoles } from '../src/features/admin/policy.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * Every route Fastify has, from its own route tree (`printRoutes`), as
 * method + URL. The tree nests shared prefixes four columns per level.
 */
function registeredRoutes(tree: string): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    prefixes.length = depth;
    const url = (prefixes[depth - 1] ?? '') + (m[2] ?? '');
    prefixes[depth] = url;
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

type Operation = { security?: unknown[]; responses: Record<string, unknown>; 'x-roles'?: string[]; requestBody?: unknown };

describe('OpenAPI document', () => {
  let server: TestServer;
  let doc: OpenApiDocument;
  let text: string;
  beforeAll(async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    text = await res.text();
    doc = JSON.parse(text) as OpenApiDocument;
  });
  afterAll(async () => {
    await server.close();
  });

  const operation = (method: string, url: string) => doc.paths[openApiPath(url)]?.[method.toLowerCase()] as Operation | undefined;

  it('is an OpenAPI 3.1 document with components and bearer auth, served without a token', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }) as unknown });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['QueueConfig', 'QueueCreate', 'Agent', 'AgentCreate', 'RoutingSettings', 'Error', 'Session']));
  });

  it('describes every registered /api route, and nothing that is not registered', () => {
    const api = registeredRoutes(server.app.http.printRoutes({ commonPrefix: false })).filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    // Sanity check of the tree parser: it must find the routes we know.
    expect(api).toContainEqual({ method: 'GET', url: '/api/admin/agents/:id' });
    expect(api).toContainEqual({ method: 'PUT', url: '/api/admin/agents/:id/profile' });
    expect(api).toContainEqual({ method: 'POST', url: '/api/chat/sessions' });
    const undocumented = api.filter((r) => operation(r.method, r.url) === undefined);
    expect(undocumented).toEqual([]);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const url = path.replace(/\{([^}]+)\}/g, ':$1');
        expect(server.app.http.hasRoute({ method: method.toUpperCase(), url }), `${method} ${path} is documented but not registered`).toBe(true);
      }
    }
  });

  it('states auth and roles per operation as the policy has them', () => {
    for (const route of server.app.adminRoutes) {
      const op = operation(route.doc.method, route.doc.url);
      expect(op?.['x-roles'], route.doc.operationId).toEqual(allowedRoles(route.policy));
      const parsesInput = Boolean(route.doc.params ?? route.doc.query ?? route.doc.body);
      expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining([String(route.doc.status), '401', '403', ...(parsesInput ? ['400'] : [])]));
      if (route.doc.params) expect(op?.responses).toHaveProperty('404');
    }
    expect(operation('POST', '/api/auth/login')?.security).toEqual([]);
    expect(operation('POST', '/api/chat/sessions')?.security).toEqual([]);
    expect(operation('GET', '/api/dictionaries')?.security).toBeUndefined();
  });

  it('resolves every $ref to a component', () => {
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(20);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty([name]);
  });

  it('describes bodies as sent (strict, defaults optional) and replies as returned (every field present)', () => {
    const create = doc.components.schemas.QueueCreate as { required: string[]; additionalProperties: boolean; properties: Record<string, { maximum?: number }> };
    expect(create.additionalProperties).toBe(false);
    expect(create.required.sort()).toEqual(['channel', 'id', 'nameEn', 'nameZh']);
    expect(create.properties.priority?.maximum).toBe(100);
    const reply = doc.components.schemas.QueueConfig as { required: string[] };
    expect(reply.required).toEqual(expect.arrayContaining(['requiredSkills', 'priority', 'serviceLevel', 'selection']));
    const agent = doc.components.schemas.Agent as { properties: Record<string, unknown> };
    expect(Object.keys(agent.properties)).not.toContain('password');
    expect(operation('GET', '/api/admin/queues')).toMatchObject({
      parameters: [
        { name: 'limit', in: 'query', required: false },
        { name: 'offset', in: 'query', required: false },
      ],
    });
  });
});
