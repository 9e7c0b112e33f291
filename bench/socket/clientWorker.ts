/**
 * A forked process holding a share of the simulated clients (bench/socket).
 *
 * Agents: one /agent socket each; ready; on 'offer:new' the wall clock time
 * is sent to the parent first, then the agent accepts, holds the chat a
 * moment, ends it and wraps it up so its capacity frees again.
 * Bare: plain clients of the bare socket.io server; each push carries the
 * server's send time, the client keeps receive minus send.
 */
import type { Socket } from 'socket.io-client';
import type { Ack, AgentClientToServer, AgentServerToClient } from '../../packages/shared/src/index.js';
import { send, type ToWorker } from './protocol.js';
import { loadSocketIoClient, wallNow } from './serverDeps.js';
import { eachLimited, sleep } from './stats.js';

type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;
interface BarePush {
  t: number;
}
interface BareServerToClient {
  push: (p: BarePush) => void;
}

const { io } = loadSocketIoClient();
const ACK_TIMEOUT_MS = 10_000;
const CONNECT_CONCURRENCY = 50;

const sockets: Socket[] = [];
const counts = { accepted: 0, ended: 0, wrapped: 0, errors: 0 };
const firstErrors: string[] = [];
const bareLatenciesMs: number[] = [];

function fail(what: string, err: unknown): void {
  counts.errors++;
  if (firstErrors.length < 5) firstErrors.push(`${what}: ${err instanceof Error ? err.message : JSON.stringify(err)}`);
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** The ack's value, or throws its error. (socket.io's typings lose the ack type through timeout(), hence the casts.) */
function value<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`${ack.error.code} ${ack.error.message}`);
  return ack.value;
}

async function handleOffer(socket: AgentSocket, offerId: string, interactionId: string, dispositionCode: string, holdMs: number): Promise<void> {
  const s = socket.timeout(ACK_TIMEOUT_MS);
  value((await s.emitWithAck('offer:accept', { offerId })) as Ack<unknown>);
  counts.accepted++;
  // The conversation: the customer's first message lands meanwhile.
  await sleep(holdMs);
  value((await s.emitWithAck('interaction:end', { interactionId })) as Ack<unknown>);
  counts.ended++;
  value((await s.emitWithAck('interaction:wrapUp', { interactionId, dispositionCode, note: '' })) as Ack<unknown>);
  counts.wrapped++;
}

async function startAgents(url: string, tokens: string[], dispositionCode: string, holdMs: number): Promise<void> {
  let failed = 0;
  await eachLimited(tokens, CONNECT_CONCURRENCY, async (token) => {
    const socket: AgentSocket = io(`${url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    socket.on('offer:new', (offer) => {
      // First thing: the time the offer reached the agent.
      const t = wallNow();
      send({ type: 'offer', interactionId: offer.interaction.id, t, bytes: JSON.stringify(offer).length });
      handleOffer(socket, offer.offerId, offer.interaction.id, dispositionCode, holdMs).catch((err: unknown) => fail('offer', err));
    });
    try {
      await connected(socket);
      value((await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('agent:setStatus', { status: 'ready' })) as Ack<unknown>);
    } catch (err) {
      failed++;
      fail('connect', err);
    }
  });
  send({ type: 'ready', connected: tokens.length - failed, failed });
}

async function startBare(url: string, count: number): Promise<void> {
  let failed = 0;
  await eachLimited(Array.from({ length: count }, (_, i) => i), CONNECT_CONCURRENCY, async () => {
    const socket: Socket<BareServerToClient> = io(url, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    socket.on('push', (p) => bareLatenciesMs.push(wallNow() - p.t));
    try {
      await connected(socket);
    } catch (err) {
      failed++;
      fail('connect', err);
    }
  });
  send({ type: 'ready', connected: count - failed, failed });
}

function stop(): void {
  send({ type: 'stats', ...counts, firstErrors, bareLatenciesMs });
  for (const s of sockets) s.disconnect();
  // Let the IPC message flush before leaving.
  setTimeout(() => process.exit(0), 200);
}

process.on('message', (m: ToWorker) => {
  if (m.type === 'agents') startAgents(m.url, m.tokens, m.dispositionCode, m.holdMs).catch((err: unknown) => fail('agents', err));
  else if (m.type === 'bare') startBare(m.url, m.count).catch((err: unknown) => fail('bare', err));
  else stop();
});
// The parent is gone (crashed or killed): never linger.
process.on('disconnect', () => process.exit(0));
