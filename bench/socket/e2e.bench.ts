/**
 * End to end over socket.io with 1,000 simulated agents: from a customer's
 * chat start (POST /api/chat/sessions, where the interaction is created,
 * committed and enqueued) to the agent's 'offer:new' for it.
 *
 * The real server (src/index.ts) runs as a child process on a fresh database
 * of the machine PostgreSQL (bench_socket_<pid>, dropped at the end). 1,000
 * agents log in over REST and hold /agent sockets in forked client workers;
 * they accept each offer, hold the chat a moment, end it and wrap it up.
 * Customers start chats from this process at a steady rate, then connect to
 * /customer and send their first message. Times are wall clock
 * (performance.timeOrigin + performance.now()) in each process of this one
 * machine. In the same run, a bare socket.io server pushes to one of 1,000
 * clients at the same rate: the baseline. Prints a table, then one JSON line.
 * Figures only: nothing here asserts a time.
 *
 *   pnpm bench:socket                                   (from the repo root)
 *   SOCKET_BENCH_RATES=50 SOCKET_BENCH_SECONDS=10 pnpm bench:socket   (other rates, shorter)
 *   SOCKET_BENCH_AGENTS, SOCKET_BENCH_WORKERS (1-4), SOCKET_BENCH_WARMUP_SECONDS, SOCKET_BENCH_PROD_HASH=1
 *   SOCKET_BENCH_CPU_PROF=/some/dir   (the server writes a V8 CPU profile there when it stops)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Socket } from 'socket.io-client';
import { queueConfigSchema, routingSettingsSchema, type Ack, type CustomerClientToServer, type CustomerServerToClient, type Session, type StartChatResponse } from '../../packages/shared/src/index.js';
import { migrate } from '../../apps/cti-server/src/adapters/db/migrate.js';
import { createPgStore } from '../../apps/cti-server/src/adapters/db/pgStore.js';
import { hashPassword } from '../../apps/cti-server/src/features/auth/passwords.js';
import { DISPOSITIONS, seedReferenceData } from '../../apps/cti-server/src/seed/demoData.js';
import { DEMO_SKILLS } from '../../apps/cti-server/src/seed/demoRouting.js';
import type { FromBareServer, FromWorker, ToBareServer, ToWorker } from './protocol.js';
import { adminQuery, loadArgon2, loadSocketIoClient, pg, wallNow } from './serverDeps.js';
import { eachLimited, latencyFigures, sleep, type LatencyFigures } from './stats.js';
import { killChildren, startServerProcess, stopChild, track } from './serverProcess.js';

const env = process.env;
const AGENTS = Number(env.SOCKET_BENCH_AGENTS ?? 1_000);
const WORKERS = Math.min(4, Math.max(1, Number(env.SOCKET_BENCH_WORKERS ?? 2)));
/** Chat starts per second, one measured stream per rate (on the same server and agents). */
const RATES = (env.SOCKET_BENCH_RATES ?? '20,40').split(',').map(Number).filter((r) => r > 0);
const SECONDS = Number(env.SOCKET_BENCH_SECONDS ?? 30);
/** The bare baseline runs at the highest rate for this long. */
const BARE_SECONDS = Math.min(SECONDS, 15);
const WARMUP_SECONDS = Number(env.SOCKET_BENCH_WARMUP_SECONDS ?? 5);
/** How long an agent keeps a chat before ending it (the customer's first message lands meanwhile). */
const HOLD_MS = 3_000;
/** Chat starts in flight beyond this are skipped (counted), so a stalled server cannot pile up work. */
const MAX_IN_FLIGHT = 500;
const TARGET_P99_MS = 20;
/** argon2's production cost (64 MiB, t=3) makes 1,000 logins take ~90 s here; SOCKET_BENCH_PROD_HASH=1 uses it anyway. */
const PROD_HASH = env.SOCKET_BENCH_PROD_HASH === '1';
const ADMIN_URL = env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const QUEUE_ID = 'bench-chat';
const PASSWORD = 'bench-agent-password';
const DISPOSITION = DISPOSITIONS[0]?.code ?? 'resolved';

const { io } = loadSocketIoClient();
type CustomerSocket = Socket<CustomerServerToClient, CustomerClientToServer>;

// ---- child processes: every one is killed at the end, even on error or Ctrl+C (see serverProcess.ts) ----
function forkChild<In extends object>(file: string, onMessage: (m: In) => void): ChildProcess {
  const child = track(fork(fileURLToPath(new URL(file, import.meta.url)), [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  child.on('message', (m) => onMessage(m as In));
  return child;
}

function waitFor<T>(what: string, ms: number, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const v = check();
      if (v !== undefined) resolve(v);
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

function rssMB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

const admin = (sql: string): Promise<void> => adminQuery(ADMIN_URL, sql);

// ---- seeding ----
async function seed(databaseUrl: string): Promise<{ seedMs: number; hashMs: number }> {
  const t0 = wallNow();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  const store = createPgStore(pool);
  try {
    await migrate(pool);
    await seedReferenceData(store);
    const billing = DEMO_SKILLS.find((s) => s.code === 'billing') ?? { code: 'billing', labels: { en: 'Billing', 'zh-CN': '话费账务' } };
    await store.skills.create(billing);
    await store.queueConfigs.create(
      queueConfigSchema.parse({ id: QUEUE_ID, channel: 'chat', nameEn: 'Bench chat', nameZh: '压测在线客服', requiredSkills: [{ skill: 'billing', minLevel: 1 }] }),
    );
    await store.routingSettings.put(routingSettingsSchema.parse({}));
    // One hash for every agent: hashing is not what this measures.
    const h0 = wallNow();
    const argon2 = loadArgon2();
    const passwordHash = PROD_HASH ? await hashPassword(PASSWORD) : await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    const hashMs = wallNow() - h0;
    await eachLimited(
      Array.from({ length: AGENTS }, (_, i) => i + 1),
      8,
      async (n) => {
        await store.agents.create({
          username: `bench${n}`,
          displayName: `Bench Agent ${n}`,
          role: 'agent',
          skills: [{ skill: 'billing', level: 1 + (n % 10) }],
          capacity: { voice: 1, chat: 3, email: 5, sms: 5 },
          passwordHash,
        });
      },
    );
    return { seedMs: Math.round(wallNow() - t0), hashMs: Math.round(hashMs) };
  } finally {
    await store.close();
  }
}

// ---- the server under test ----
function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const profile = env.SOCKET_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.SOCKET_BENCH_CPU_PROF}`] : [];
  return startServerProcess({ DATABASE_URL: databaseUrl, OMNICC_TOKEN_SECRET: 'bench-secret-'.padEnd(48, 'x'), OMNICC_CHAT_STARTS_PER_MINUTE: '100000' }, profile);
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as Session).token;
}

// ---- client workers ----
interface WorkerStats {
  accepted: number;
  ended: number;
  wrapped: number;
  errors: number;
  firstErrors: string[];
  bareLatenciesMs: number[];
}

interface Workers {
  /** Sends each worker its own message. */
  sendEach(make: (worker: number) => ToWorker): void;
  ready(): Promise<{ connected: number; failed: number }>;
  stop(): Promise<WorkerStats>;
}

function startWorkers(onOffer: (interactionId: string, t: number, bytes: number) => void): Workers {
  const ready: { connected: number; failed: number }[] = [];
  const stats: WorkerStats[] = [];
  const procs = Array.from({ length: WORKERS }, () =>
    forkChild<FromWorker>('./clientWorker.ts', (m) => {
      if (m.type === 'offer') onOffer(m.interactionId, m.t, m.bytes);
      else if (m.type === 'ready') ready.push(m);
      else stats.push(m);
    }),
  );
  return {
    sendEach: (make) => procs.forEach((p, w) => p.send(make(w))),
    ready: () =>
      waitFor('client workers to connect', 120_000, () =>
        ready.length === procs.length ? { connected: ready.reduce((a, r) => a + r.connected, 0), failed: ready.reduce((a, r) => a + r.failed, 0) } : undefined,
      ),
    async stop() {
      for (const p of procs) p.send({ type: 'stop' } satisfies ToWorker);
      await waitFor('client worker figures', 30_000, () => (stats.length === procs.length ? true : undefined)).catch(() => undefined);
      await Promise.all(procs.map((p) => stopChild(p)));
      return {
        accepted: stats.reduce((a, s) => a + s.accepted, 0),
        ended: stats.reduce((a, s) => a + s.ended, 0),
        wrapped: stats.reduce((a, s) => a + s.wrapped, 0),
        errors: stats.reduce((a, s) => a + s.errors, 0),
        firstErrors: stats.flatMap((s) => s.firstErrors).slice(0, 5),
        bareLatenciesMs: stats.flatMap((s) => s.bareLatenciesMs),
      };
    },
  };
}

/** Splits `items` into `n` nearly equal slices. */
const slices = <T>(items: readonly T[], n: number): T[][] => Array.from({ length: n }, (_, w) => items.filter((_, i) => i % n === w));

// ---- customers ----
interface Started {
  t0: number;
  /** When the POST answered (the offer is usually pushed before: enqueue runs inside the request). */
  tResponse: number;
  measured: boolean;
}

interface CustomerCounts {
  started: number;
  startFailed: number;
  skipped: number;
  messageFailed: number;
  firstErrors: string[];
}

function customerConnected(socket: CustomerSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

async function customerChat(url: string, n: number, measured: boolean, started: Map<string, Started>, counts: CustomerCounts): Promise<void> {
  const t0 = wallNow();
  const res = await fetch(`${url}/api/chat/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contact: { name: `Customer ${n}`, phone: '+8613800138000' }, queueId: QUEUE_ID }),
  });
  const tResponse = wallNow();
  if (res.status !== 201) {
    counts.startFailed++;
    if (counts.firstErrors.length < 5) counts.firstErrors.push(`start ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return;
  }
  const chat = (await res.json()) as StartChatResponse;
  started.set(chat.interactionId, { t0, tResponse, measured });
  counts.started++;
  const socket: CustomerSocket = io(`${url}/customer`, { auth: { customerToken: chat.customerToken }, transports: ['websocket'], reconnection: false });
  try {
    await customerConnected(socket);
    const ack = (await socket.timeout(10_000).emitWithAck('chat:send', { clientMessageId: `bench-${n}-first`, text: 'Hello, my bill looks wrong.' })) as Ack<unknown>;
    if (!ack.ok) throw new Error(`${ack.error.code} ${ack.error.message}`);
  } catch (err) {
    counts.messageFailed++;
    if (counts.firstErrors.length < 5) counts.firstErrors.push(`first message: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    socket.disconnect();
  }
}

/** Starts `count` chats at `perSecond`, open loop (a slow server does not slow the arrivals). */
async function customerStream(url: string, count: number, perSecond: number, offset: number, measured: boolean, started: Map<string, Started>, counts: CustomerCounts): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const start = wallNow();
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / perSecond - wallNow();
    if (wait > 0) await sleep(wait);
    if (inFlight.size >= MAX_IN_FLIGHT) {
      counts.skipped++;
      continue;
    }
    const p = customerChat(url, offset + i, measured, started, counts).catch((err: unknown) => {
      counts.startFailed++;
      if (counts.firstErrors.length < 5) counts.firstErrors.push(`start: ${err instanceof Error ? err.message : String(err)}`);
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
}

// ---- phases ----
interface RateResult {
  perSecond: number;
  seconds: number;
  offerLatency: LatencyFigures;
  startResponse: LatencyFigures;
  /** Share of offers that reached the agent before the customer's POST was answered. */
  offerBeforeResponsePct: number;
  missingOffers: number;
  achievedPerSecond: number;
  offerBytes: number;
  customers: CustomerCounts;
  serverRssPeakMB: number;
}

interface E2eResult {
  setup: { seedMs: number; hashMs: number; loginMs: number; connectMs: number; agentsConnected: number; agentsFailed: number };
  rates: RateResult[];
  agents: Omit<WorkerStats, 'bareLatenciesMs'>;
  serverRssMB: { afterStart?: number; agentsIdle?: number; peak: number; end?: number };
}

interface Live {
  url: string;
  offers: Map<string, { t: number; bytes: number }>;
  /** Peak server RSS since the last reset. */
  peak: { mb: number };
  nextCustomer: number;
}

/** A warm-up stream, then the measured stream at `rate`; latencies of the measured chats only. */
async function runRate(live: Live, rate: number): Promise<RateResult> {
  const started = new Map<string, Started>();
  const counts: CustomerCounts = { started: 0, startFailed: 0, skipped: 0, messageFailed: 0, firstErrors: [] };
  const warmupCount = Math.round(rate * WARMUP_SECONDS);
  const measuredCount = Math.round(rate * SECONDS);
  await customerStream(live.url, warmupCount, rate, live.nextCustomer, false, started, counts);
  live.nextCustomer += warmupCount;
  await sleep(HOLD_MS + 500);
  live.peak.mb = 0;
  await customerStream(live.url, measuredCount, rate, live.nextCustomer, true, started, counts);
  live.nextCustomer += measuredCount;
  process.stderr.write(`${rate}/s: ${warmupCount} warm-up + ${measuredCount} measured chats\n`);
  const measured = [...started].filter(([, x]) => x.measured);
  await waitFor('the last offers', 15_000, () => (measured.every(([id]) => live.offers.has(id)) ? true : undefined)).catch(() => undefined);
  // Let the agents finish (hold, end, wrap-up) before the next rate.
  await sleep(HOLD_MS + 2_000);

  const latencies: number[] = [];
  const responses: number[] = [];
  let before = 0;
  let bytes = 0;
  let firstStart = Infinity;
  let lastOffer = 0;
  for (const [id, x] of measured) {
    responses.push(x.tResponse - x.t0);
    firstStart = Math.min(firstStart, x.t0);
    const o = live.offers.get(id);
    if (!o) continue;
    latencies.push(o.t - x.t0);
    if (o.t <= x.tResponse) before++;
    bytes += o.bytes;
    lastOffer = Math.max(lastOffer, o.t);
  }
  return {
    perSecond: rate,
    seconds: SECONDS,
    offerLatency: latencyFigures(latencies),
    startResponse: latencyFigures(responses),
    offerBeforeResponsePct: Math.round((before / Math.max(1, latencies.length)) * 1000) / 10,
    missingOffers: measured.length - latencies.length,
    achievedPerSecond: Math.round((latencies.length / Math.max(1, lastOffer - firstStart)) * 1000 * 10) / 10,
    offerBytes: Math.round(bytes / Math.max(1, latencies.length)),
    customers: counts,
    serverRssPeakMB: live.peak.mb,
  };
}

async function endToEnd(databaseUrl: string): Promise<E2eResult> {
  const seeded = await seed(databaseUrl);
  process.stderr.write(`seeded ${AGENTS} agents in ${seeded.seedMs} ms\n`);
  const server = await startServer(databaseUrl);
  const pid = server.child.pid;
  const peak = { mb: 0 };
  let overallPeak = 0;
  const sampler = setInterval(() => {
    const mb = rssMB(pid) ?? 0;
    peak.mb = Math.max(peak.mb, mb);
    overallPeak = Math.max(overallPeak, mb);
  }, 200);
  try {
    const afterStart = rssMB(pid);
    const l0 = wallNow();
    const tokens: string[] = new Array<string>(AGENTS);
    await eachLimited(
      Array.from({ length: AGENTS }, (_, i) => i),
      4,
      async (i) => {
        tokens[i] = await login(server.url, `bench${i + 1}`);
      },
    );
    const loginMs = Math.round(wallNow() - l0);
    process.stderr.write(`${AGENTS} logins in ${loginMs} ms\n`);

    const offers = new Map<string, { t: number; bytes: number }>();
    const workers = startWorkers((interactionId, t, bytes) => offers.set(interactionId, { t, bytes }));
    const c0 = wallNow();
    const parts = slices(tokens, WORKERS);
    workers.sendEach((w) => ({ type: 'agents', url: server.url, tokens: parts[w] ?? [], dispositionCode: DISPOSITION, holdMs: HOLD_MS }));
    const connected = await workers.ready();
    const connectMs = Math.round(wallNow() - c0);
    process.stderr.write(`${connected.connected} agents ready in ${connectMs} ms (${connected.failed} failed)\n`);
    await sleep(1_000);
    const agentsIdle = rssMB(pid);

    const live: Live = { url: server.url, offers, peak, nextCustomer: 0 };
    const rates: RateResult[] = [];
    for (const rate of RATES) rates.push(await runRate(live, rate));
    const end = rssMB(pid);
    const { bareLatenciesMs: _unused, ...agents } = await workers.stop();
    return {
      setup: { ...seeded, loginMs, connectMs, agentsConnected: connected.connected, agentsFailed: connected.failed },
      rates,
      agents,
      serverRssMB: { ...(afterStart !== undefined ? { afterStart } : {}), ...(agentsIdle !== undefined ? { agentsIdle } : {}), peak: overallPeak, ...(end !== undefined ? { end } : {}) },
    };
  } catch (err) {
    process.stderr.write(`server log:\n${server.log().slice(-5_000)}\n`);
    throw err;
  } finally {
    clearInterval(sampler);
    await stopChild(server.child);
  }
}

/** The baseline: a bare socket.io server pushing to one of AGENTS clients, same rate and payload size. */
async function bare(rate: number, count: number, payloadBytes: number): Promise<{ latency: LatencyFigures; clients: number; serverRssMB?: number }> {
  let port: number | undefined;
  let done: { sent: number; clients: number } | undefined;
  const server = forkChild<FromBareServer>('./bareServer.ts', (m) => {
    if (m.type === 'listening') port = m.port;
    else done = m;
  });
  try {
    const p = await waitFor('the bare server', 30_000, () => port);
    const workers = startWorkers(() => undefined);
    const per = slices(Array.from({ length: AGENTS }, (_, i) => i), WORKERS);
    workers.sendEach((w) => ({ type: 'bare', url: `http://127.0.0.1:${p}`, count: per[w]?.length ?? 0 }));
    const ready = await workers.ready();
    await sleep(500);
    const warmup = Math.round(rate * WARMUP_SECONDS);
    server.send({ type: 'run', count: warmup + count, perSecond: rate, payloadBytes } satisfies ToBareServer);
    await waitFor('the bare pushes', ((warmup + count) / rate + 30) * 1000, () => done);
    await sleep(500);
    const serverRssMB = rssMB(server.pid);
    const stats = await workers.stop();
    // Arrival order is send order per client, and sends are spread evenly: drop the first `warmup` by time.
    const all = stats.bareLatenciesMs;
    return { latency: latencyFigures(all.slice(Math.min(warmup, all.length / 2))), clients: ready.connected, ...(serverRssMB !== undefined ? { serverRssMB } : {}) };
  } finally {
    server.send({ type: 'stop' } satisfies ToBareServer);
    await stopChild(server);
  }
}

async function main(): Promise<void> {
  const database = `bench_socket_${process.pid}`;
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${database}`;
  let dropped = false;
  const drop = async (): Promise<void> => {
    if (dropped) return;
    dropped = true;
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  };
  const onSignal = (): void => {
    killChildren();
    void drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  await admin(`CREATE DATABASE ${database}`);
  let e2e: E2eResult;
  try {
    e2e = await endToEnd(dbUrl.toString());
  } finally {
    await drop();
  }
  const topRate = Math.max(...RATES);
  process.stderr.write(`bare socket.io baseline at ${topRate}/s...\n`);
  const offerBytes = Math.max(...e2e.rates.map((r) => r.offerBytes));
  const baseline = await bare(topRate, Math.round(topRate * BARE_SECONDS), offerBytes);

  const b = baseline.latency;
  const ratio = (x: number, y: number): number => Math.round((x / Math.max(y, 1e-9)) * 10) / 10;
  const header = ['path', 'chats/s', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms'];
  const rows: [string, number, LatencyFigures][] = [
    ...e2e.rates.flatMap((r): [string, number, LatencyFigures][] => [
      ['chat start -> agent offer:new (real server, PG)', r.perSecond, r.offerLatency],
      ['chat start -> POST 201 answered', r.perSecond, r.startResponse],
    ]),
    [`bare socket.io push to 1 of ${baseline.clients} clients`, topRate, b],
  ];
  const lines = rows.map(([name, rate, f]) => [name, rate, f.count, f.p50ms, f.p95ms, f.p99ms, f.maxMs, f.meanMs].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((x) => (x[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(
    `End to end over socket.io: ${e2e.setup.agentsConnected} agents (logged in over REST) in ${WORKERS} client workers; per rate ${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up; node ${process.version}`,
  );
  console.log(fmt(header));
  for (const x of lines) console.log(fmt(x));
  for (const r of e2e.rates) {
    console.log(
      `${r.perSecond}/s: ${r.achievedPerSecond} offers/s achieved; missing offers ${r.missingOffers}; offer before the POST answered ${r.offerBeforeResponsePct}%; ` +
        `start failed ${r.customers.startFailed}, skipped ${r.customers.skipped}, first message failed ${r.customers.messageFailed}; server RSS peak ${r.serverRssPeakMB} MB; ` +
        `p99 ${r.offerLatency.p99ms} ms vs target ${TARGET_P99_MS}: ${r.offerLatency.p99ms <= TARGET_P99_MS ? 'met' : 'NOT met'}, x${ratio(r.offerLatency.p99ms, b.p99ms)} the bare push p99`,
    );
  }
  const a = e2e.agents;
  console.log(`agents: accepted ${a.accepted}, ended ${a.ended}, wrapped up ${a.wrapped}, errors ${a.errors}`);
  const rss = e2e.serverRssMB;
  console.log(`server RSS MB: after start ${rss.afterStart ?? '?'}, ${AGENTS} agents idle ${rss.agentsIdle ?? '?'}, peak ${rss.peak}, end ${rss.end ?? '?'}; bare server ${baseline.serverRssMB ?? '?'}`);
  for (const e of [...a.firstErrors, ...e2e.rates.flatMap((r) => r.customers.firstErrors)].slice(0, 8)) console.log(`  error: ${e}`);
  console.log(
    JSON.stringify({
      bench: 'socket.e2e',
      node: process.version,
      agentCount: AGENTS,
      workers: WORKERS,
      holdMs: HOLD_MS,
      ...e2e,
      bare: { perSecond: topRate, ...baseline },
      ratiosToBare: e2e.rates.map((r) => ({ perSecond: r.perSecond, p50: ratio(r.offerLatency.p50ms, b.p50ms), p99: ratio(r.offerLatency.p99ms, b.p99ms) })),
      target: { p99ms: TARGET_P99_MS, met: e2e.rates.map((r) => ({ perSecond: r.perSecond, met: r.offerLatency.p99ms <= TARGET_P99_MS })) },
    }),
  );
}

try {
  await main();
} finally {
  killChildren();
}
