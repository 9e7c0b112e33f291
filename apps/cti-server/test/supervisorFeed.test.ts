import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { routingSettingsSchema, type Offer, type QueueSnapshot, type Session, type SupervisorClientToServer, type SupervisorServerToClient } from '@omnicc/shared';
import { createApplication, type Application } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openTestStore, TEST_DB_KINDS, type TestStore } from '../src/adapters/db/testing.js';
import { seedReferenceData } from '../src/seed/demoData.js';
import { hashPassword } from '../src/features/auth/passwords.js';
import { connected, next, PASSWORD, USERS, type AgentSocket } from './support/testServer.js';

type SupervisorSocket = Socket<SupervisorServerToClient, SupervisorClientToServer>;
const QUEUE = 'chat-general';

/** Resolves with the first `queues:update` whose queue satisfies `test`, or fails after `timeoutMs`. */
function update(socket: SupervisorSocket, test: (q: QueueSnapshot) => boolean, timeoutMs = 2500): Promise<QueueSnapshot> {
  return new Promise((resolve, reject) => {
    let last: QueueSnapshot | undefined;
    const onUpdate = (e: { queues: QueueSnapshot[] }): void => {
      last = e.queues.find((q) => q.queueId === QUEUE);
      if (last && test(last)) {
        clearTimeout(timer);
        socket.off('queues:update', onUpdate);
        resolve(last);
      }
    };
    const timer = setTimeout(() => {
      socket.off('queues:update', onUpdate);
      reject(new Error(`no matching queues:update within ${timeoutMs} ms; last: ${JSON.stringify(last)}`));
    }, timeoutMs);
    socket.on('queues:update', onUpdate);
  });
}

describe('live queue metrics on /supervisor', () => {
  let db: TestStore | undefined;
  const apps: Application[] = [];
  const sockets: Socket[] = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const a of apps.splice(0)) await a.close().catch(() => undefined);
    await db?.cleanup();
    db = undefined;
  });

  async function start(store: TestStore): Promise<{ app: Application; url: string }> {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', OMNICC_TOKEN_SECRET: 'x'.repeat(40) });
    const app = await createApplication({ config, store: store.store, pool: store.pool, clock: { now: () => Date.now() }, logger: pino({ level: 'silent' }) });
    apps.push(app);
    return { app, url: await app.listen() };
  }

  async function login(url: string, username: string): Promise<Session> {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (!res.ok) throw new Error(`login ${res.status}`);
    return (await res.json()) as Session;
  }

  async function supervisor(url: string): Promise<SupervisorSocket> {
    const { token } = await login(url, 'sam');
    const s: SupervisorSocket = io(`${url}/supervisor`, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(s);
    await connected(s);
    return s;
  }

  async function startChat(url: string): Promise<void> {
    const res = await fetch(`${url}/api/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contact: { name: 'Customer', phone: '+8613800138000' } }) });
    if (res.status !== 201) throw new Error(`start chat ${res.status}`);
  }

  it('pushes waiting, answers, ASA and service level within seconds, and keeps the day across a restart', async () => {
    db = await openTestStore(TEST_DB_KINDS[0] ?? 'machine');
    await seedReferenceData(db.store);
    const passwordHash = await hashPassword(PASSWORD);
    for (const u of USERS) await db.store.users.upsert({ ...u, passwordHash });

    const first = await start(db);
    const sup = await supervisor(first.url);
    const initial = await sup.emitWithAck('queues:snapshot', {});
    if (!initial.ok) throw new Error('snapshot refused');
    const before = initial.value.queues.find((q) => q.queueId === QUEUE);
    expect(before).toMatchObject({ waiting: 0, serviceLevelTarget: { percent: 80, seconds: 20 } });
    expect(before?.windows.today).toEqual({ offered: 0, answered: 0, abandoned: 0, serviceLevel: null, asaMs: null, ahtMs: null, abandonRate: null });

    // Two chats arrive with no agent ready: the push shows them waiting and offered.
    await startChat(first.url);
    await startChat(first.url);
    const waiting = await update(sup, (q) => q.waiting === 2);
    expect(waiting.windows['15m']).toMatchObject({ offered: 2, answered: 0 });
    expect(waiting.windows.today).toMatchObject({ offered: 2, answered: 0, serviceLevel: null, asaMs: null });
    expect(waiting.longestWaitMs).toBeGreaterThanOrEqual(0);

    // An agent gets ready and accepts one.
    const alice = io(`${first.url}/agent`, { auth: { token: (await login(first.url, 'alice')).token }, transports: ['websocket'], reconnection: false }) as AgentSocket;
    sockets.push(alice);
    await connected(alice);
    const offered = next<Offer>(alice, 'offer:new');
    await alice.emitWithAck('agent:setStatus', { status: 'ready' });
    const offer = await offered;
    expect(await alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    const answered = await update(sup, (q) => q.windows.today.answered === 1);
    expect(answered.waiting).toBe(1);
    expect(answered.windows.today).toMatchObject({ offered: 2, answered: 1, abandoned: 0, serviceLevel: 1, abandonRate: 0 });
    expect(answered.windows['60m']).toMatchObject({ offered: 2, answered: 1, serviceLevel: 1 });
    const asa = answered.windows.today.asaMs;
    expect(asa).toBeGreaterThan(0);
    expect(asa).toBeLessThan(20_000);

    // Restart on the same database: today's counts come back from the log.
    for (const s of sockets.splice(0)) s.disconnect();
    await apps.splice(0)[0]?.close();
    // Alice will not come back: after this grace her chat waits again.
    await db.store.routingSettings.put(routingSettingsSchema.parse({ ...(await db.store.routingSettings.get()), disconnectGraceSeconds: 2 }));
    const second = await start(db);
    const sup2 = await supervisor(second.url);
    const after = await sup2.emitWithAck('queues:snapshot', {});
    if (!after.ok) throw new Error('snapshot refused');
    const restored = after.value.queues.find((q) => q.queueId === QUEUE);
    expect(restored?.windows.today).toMatchObject({ offered: 2, answered: 1, abandoned: 0, serviceLevel: 1, asaMs: asa });
    expect(restored?.waiting).toBe(1);
    // And the 1 s push carries the same.
    const pushed = await update(sup2, () => true);
    expect(pushed.windows.today).toMatchObject({ offered: 2, answered: 1, serviceLevel: 1 });

    // Alice's chat goes back to the queue: waiting again, her handling complete, still answered once.
    const requeued = await update(sup2, (q) => q.waiting === 2, 6000);
    expect(requeued.windows.today).toMatchObject({ offered: 2, answered: 1, abandoned: 0, serviceLevel: 1 });
    expect(requeued.windows.today.ahtMs).toBeGreaterThan(0);
    expect(requeued.longestWaitMs).toBeGreaterThan(0);
  });
});
