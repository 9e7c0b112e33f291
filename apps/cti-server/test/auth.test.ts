import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@omnicc/shared';
import { startTestServer, type TestServer } from './support/testServer.js';

describe('login and tokens', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const login = (body: unknown) => fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('gives softphone credentials only when voice runs, and only to agents and team leads', async () => {
    const softphone = async (token?: string) => fetch(`${server.url}/api/voice/softphone`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect((await softphone()).status).toBe(401);
    const sup = await (await login({ username: 'sam', password: 'correct horse battery' })).json() as { token: string };
    expect((await softphone(sup.token)).status).toBe(403);
    const agent = await (await login({ username: 'alice', password: 'correct horse battery' })).json() as { token: string };
    const off = await softphone(agent.token);
    expect(off.status).toBe(503);
    expect(await off.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
  });

  it('logs in with the right password and returns a short-lived token with the user', async () => {
    const session = await server.login('alice');
    expect(session.user).toMatchObject({ username: 'alice', role: 'agent', displayName: 'Alice' });
    const ttl = Date.parse(session.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(25 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(await me.json()).toMatchObject({ username: 'alice' });
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    for (const body of [{ username: 'alice', password: 'nope' }, { username: 'nobody', password: 'nope' }]) {
      const res = await login(body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'wrong username or password' } });
    }
  });

  it('refreshes a valid token and refuses a missing one', async () => {
    const session = await server.login('bob');
    const res = await fetch(`${server.url}/api/auth/refresh`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Session).user.username).toBe('bob');
    const none = await fetch(`${server.url}/api/auth/refresh`, { method: 'POST' });
    expect(none.status).toBe(401);
  });

  it('never returns or logs password hashes', async () => {
    const res = await login({ username: 'alice', password: 'correct horse battery' });
    expect(JSON.stringify(await res.json())).not.toMatch(/argon2/);
  });

  it('blocks password guessing after repeated failures', async () => {
    for (let i = 0; i < 10; i++) await login({ username: 'root', password: `guess-${i}` });
    const res = await login({ username: 'root', password: 'correct horse battery' });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('serves health and Prometheus metrics', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok', role: 'routingOwner', voice: 'off', sms: 'off' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('omnicc_socket_events_total');
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });

  it('sets a strict content security policy', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Voice off: the page may connect to its own origin only.
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
