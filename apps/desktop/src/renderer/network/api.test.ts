// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { makeSession } from '../testing/fixtures.js';
import { ApiError, createApi } from './api.js';

const reply = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('REST client', () => {
  it('logs in and parses the session', async () => {
    const session = makeSession();
    const fetchImpl = vi.fn(() => reply(200, session));
    const api = createApi('http://desk.test', fetchImpl);
    await expect(api.login({ username: 'wang', password: 'pw' })).resolves.toEqual(session);
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://desk.test/api/auth/login');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ username: 'wang', password: 'pw' });
  });

  it('sends the bearer token', async () => {
    const fetchImpl = vi.fn(() => reply(200, makeSession()));
    await createApi('', fetchImpl).refresh('tok');
    const [, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('turns the error body into an ApiError with its code', async () => {
    const api = createApi('', () => reply(401, { error: { code: 'TOKEN_EXPIRED', message: 'token expired' } }));
    await expect(api.dictionaries('t')).rejects.toMatchObject({ name: 'ApiError', code: 'TOKEN_EXPIRED' });
  });

  it('falls back to the HTTP status without an error body, and to NETWORK when fetch fails', async () => {
    await expect(createApi('', () => Promise.resolve(new Response('busy', { status: 429 }))).dictionaries('t')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(createApi('', () => Promise.reject(new TypeError('Failed to fetch'))).dictionaries('t')).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('refuses a reply that does not match the contract', async () => {
    const err = await createApi('', () => reply(200, { token: 1 }))
      .login({ username: 'a', password: 'b' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('INTERNAL');
  });
});
