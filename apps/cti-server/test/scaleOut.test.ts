import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AgentClientToServer, AgentServerToClient, ChatMessage, CustomerClientToServer, CustomerServerToClient, Interaction, Offer, StartChatResponse } from '@omnicc/shared';
import { TokenService } from '../src/features/auth/tokens.js';
import { hashPassword } from '../src/features/auth/passwords.js';
import { createPgStore } from '../src/adapters/db/pgStore.js';
import { openTestDatabase, type TestDatabase } from '../src/adapters/db/testing.js';
import { seedReferenceData } from '../src/seed/demoData.js';
import { freePort, ServerProcess } from './support/serverProcess.js';
import { next } from './support/testServer.js';

const SECRET = 'scale-out-test-secret-'.padEnd(40, 'x');
const REDIS_URL = process.env.OMNICC_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;
type CustomerSocket = Socket<CustomerServerToClient, CustomerClientToServer>;

/**
 * Scale-out on the real engines: three server processes share one
 * PostgreSQL database and one Redis. The first to start owns routing (the
 * lease); the agent works on node A and the customer talks on node B, so
 * every offer, accept and message crosses nodes (HTTP to the owner, pushes
 * through the Redis adapter). Then the owner is killed with SIGKILL, and
 * routing must go on on A or B without the agent or customer reconnecting.
 */
describe('two nodes and a routing owner that dies', () => {
  let db: TestDatabase;
  const prefix = `omnicc-test-${randomBytes(4).toString('hex')}`;
  const nodes: Record<'owner' | 'a' | 'b', ServerProcess | undefined> = { owner: undefined, a: undefined, b: undefined };
  let agentToken = '';
  const sockets: Socket[] = [];

  const node = async (): Promise<ServerProcess> => {
    const server = new ServerProcess({
      DATABASE_URL: db.url,
      PORT: String(await freePort()),
      OMNICC_TOKEN_SECRET: SECRET,
      OMNICC_REDIS_URL: REDIS_URL,
      OMNICC_REDIS_PREFIX: prefix,
      OMNICC_LEASE_TTL_MS: '1500',
    });
    await server.start();
    return server;
  };

  beforeAll(async () => {
    db = await openTestDatabase('machine');
    const store = createPgStore(db.pool);
    await seedReferenceData(store);
    const user = await store.users.upsert({ username: 'a1', displayName: 'Agent One', role: 'agent', passwordHash: await hashPassword('irrelevant') });
    agentToken = (await new TokenService(SECRET, 3600, { now: () => Date.now() }).issue(user)).token;
    // Started one after the other, so the first one takes the routing lease.
    nodes.owner = await node();
    nodes.a = await node();
    nodes.b = await node();
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all(Object.values(nodes).map((n) => n?.stop() ?? Promise.resolve()));
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db?.cleanup();
  });

  it('routes across nodes, and goes on routing after the owner is killed', async () => {
    const { owner, a, b } = nodes as Record<'owner' | 'a' | 'b', ServerProcess>;
    expect(await role(owner)).toBe('routingOwner');
    expect([await role(a), await role(b)]).toEqual(['follower', 'follower']);

    const agent = track(io(`${a.url}/agent`, { auth: { token: agentToken }, transports: ['websocket'] })) as AgentSocket;
    await next(agent, 'connect');
    expect(await call(agent, 'agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true, value: { status: 'ready' } });

    // A chat started on B is offered to the agent on A, and they talk across nodes.
    const first = await chatThrough(b, agent);
    expect(await role(owner)).toBe('routingOwner');

    await owner.kill();
    // The lease expires (1.5 s) and A or B takes routing over from the store; the agent stays on A, still ready.
    await expect.poll(async () => [await role(a), await role(b)].filter((r) => r === 'routingOwner').length, { timeout: 15_000, interval: 200 }).toBe(1);

    // The chat in progress is still the agent's, and a new chat is routed to them through the new owner.
    const inProgress = await call<Interaction>(agent, 'interaction:end', { interactionId: first.interactionId });
    expect(inProgress).toMatchObject({ ok: true, value: { state: 'wrapUp' } });
    await call(agent, 'interaction:wrapUp', { interactionId: first.interactionId, dispositionCode: 'resolved', note: '' });
    const second = await chatThrough(b, agent);
    expect(second.interactionId).not.toBe(first.interactionId);

    // The routing explanation of both offers survived the owner (stored with each offer).
    const explained = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM offers WHERE interaction_id = ANY($1)', [[first.interactionId, second.interactionId]]);
    expect(Number(explained.rows[0]?.n)).toBe(2);
  }, 90_000);

  function track<S extends Socket>(s: S): S {
    sockets.push(s);
    return s;
  }

  /** A customer on `server` starts a chat; the agent gets and accepts the offer; one message each way. */
  async function chatThrough(server: ServerProcess, agent: AgentSocket): Promise<StartChatResponse> {
    const offered = next<Offer>(agent, 'offer:new', 15_000);
    const res = await fetch(`${server.url}/api/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contact: { name: 'Customer', phone: '+8613800138000' } }),
    });
    expect(res.status).toBe(201);
    const chat = (await res.json()) as StartChatResponse;
    const offer = await offered;
    expect(offer.interaction.id).toBe(chat.interactionId);
    expect(await call(agent, 'offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true, value: { state: 'assigned' } });

    const customer = track(io(`${server.url}/customer`, { auth: { customerToken: chat.customerToken }, transports: ['websocket'] })) as CustomerSocket;
    await next(customer, 'connect');
    const atAgent = next<ChatMessage>(agent, 'chat:message');
    await customer.timeout(5000).emitWithAck('chat:send', { clientMessageId: `c-${chat.interactionId}`, text: 'hello from node B' });
    expect((await atAgent).text).toBe('hello from node B');
    const atCustomer = next<ChatMessage>(customer, 'chat:message');
    await call(agent, 'chat:send', { interactionId: chat.interactionId, clientMessageId: `a-${chat.interactionId}`, text: 'hello from node A' });
    expect((await atCustomer).text).toBe('hello from node A');
    return chat;
  }
});

async function role(server: ServerProcess): Promise<string | undefined> {
  const res = await fetch(`${server.url}/healthz`).catch(() => undefined);
  return res?.ok ? ((await res.json()) as { role?: string }).role : undefined;
}

async function call<T = unknown>(socket: AgentSocket, event: string, payload: unknown): Promise<Ack<T>> {
  const timed = socket.timeout(20_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> };
  return (await timed.emitWithAck(event, payload)) as Ack<T>;
}
