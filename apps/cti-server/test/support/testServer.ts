import { io, type Socket } from 'socket.io-client';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import pino from 'pino';
import type {
  AgentClientToServer,
  AgentServerToClient,
  CustomerClientToServer,
  CustomerServerToClient,
  Offer,
  Session,
  StartChatResponse,
} from '@omnicc/shared';
import { createApplication, type Application } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/clock.js';
import { openTestStore, TEST_DB_KINDS } from '../../src/adapters/db/testing.js';
import { seedReferenceData } from '../../src/seed/demoData.js';
import { hashPassword } from '../../src/features/auth/passwords.js';
import type { Store } from '../../src/store/Store.js';

export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;
export type CustomerSocket = Socket<CustomerServerToClient, CustomerClientToServer>;

/** Test users; one hash shared to keep argon2's cost out of every test. */
export const USERS = [
  { username: 'alice', displayName: 'Alice', role: 'agent' },
  { username: 'bob', displayName: 'Bob', role: 'agent' },
  { username: 'sam', displayName: 'Sam', role: 'supervisor' },
  { username: 'root', displayName: 'Root', role: 'admin' },
  { username: 'tina', displayName: 'Tina', role: 'teamLead' },
] as const;
export const PASSWORD = 'correct horse battery';

export interface TestServer {
  url: string;
  app: Application;
  store: Store;
  /** The test database, for what no repository reads (a channel's own tables, a trigger). */
  pool: pg.Pool;
  login(username: string, password?: string): Promise<Session>;
  agent(token: string): AgentSocket;
  customer(customerToken: string): CustomerSocket;
  startChat(name?: string): Promise<StartChatResponse>;
  /** Starts a chat and waits for the offer a ready agent gets for it (the listener is on before the chat starts). */
  offeredChat(agent: AgentSocket): Promise<{ chat: StartChatResponse; offer: Offer }>;
  close(): Promise<void>;
}

/** A real server on a random port, on a fresh database of the first configured kind. */
export async function startTestServer(options: { clock?: Clock; env?: Record<string, string>; seed?: (store: Store) => Promise<void> } = {}): Promise<TestServer> {
  const db = await openTestStore(TEST_DB_KINDS[0] ?? 'machine');
  await seedReferenceData(db.store);
  const passwordHash = await hashPassword(PASSWORD);
  for (const u of USERS) await db.store.users.upsert({ ...u, passwordHash });
  // Routing config is read when the server starts, so a test's queues and settings go in first.
  await options.seed?.(db.store);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', OMNICC_TOKEN_SECRET: 'x'.repeat(40), ...options.env });
  const app = await createApplication({
    config,
    store: db.store,
    pool: db.pool,
    clock: options.clock ?? { now: () => Date.now() },
    logger: testLogger(),
  });
  const url = await app.listen();
  const sockets: Socket[] = [];
  const track = <S extends Socket>(s: S): S => {
    sockets.push(s);
    return s;
  };
  const startChat = async (name = 'Customer'): Promise<StartChatResponse> => {
    const res = await fetch(`${url}/api/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contact: { name, phone: '+8613800138000' } }) });
    if (res.status !== 201) throw new Error(`start chat ${res.status}: ${await res.text()}`);
    return (await res.json()) as StartChatResponse;
  };
  return {
    url,
    app,
    store: db.store,
    pool: db.pool,
    async login(username, password = PASSWORD) {
      const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      if (!res.ok) throw new Error(`login ${res.status}: ${await res.text()}`);
      return (await res.json()) as Session;
    },
    agent: (token) => track(io(`${url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false })),
    customer: (customerToken) => track(io(`${url}/customer`, { auth: { customerToken }, transports: ['websocket'], reconnection: false })),
    startChat,
    async offeredChat(agent) {
      const offered = next<Offer>(agent, 'offer:new');
      const chat = await startChat();
      return { chat, offer: await offered };
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
      await db.cleanup();
    },
  };
}

/** Resolves with the next emission of `event` (with a timeout, so a missing push fails the test). */
/**
 * Silent, unless OMNICC_TEST_LOG names a level: then each test server writes
 * its log to $TMPDIR/omnicc-test-<pid>.log, to see what a failing test did.
 */
function testLogger(): pino.Logger {
  const level = process.env.OMNICC_TEST_LOG;
  if (!level) return pino({ level: 'silent' });
  return pino({ level }, pino.destination(path.join(tmpdir(), `omnicc-test-${process.pid}.log`)));
}

export function next<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** The connect_error a refused socket gets: its message is the code. */
export function refused(socket: Socket): Promise<{ message: string; data?: unknown }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, expected a refusal')));
    socket.once('connect_error', (err: Error & { data?: unknown }) => resolve({ message: err.message, data: err.data }));
  });
}
