/**
 * Voice end to end: sipp callers into real Kamailio and rtpengine (this
 * process runs them on loopback), the real CTI server (a child process on a
 * fresh database of the machine PostgreSQL, dropped at the end) routing the
 * calls to 20 agents. Each agent is a socket.io desktop client (ready; the
 * queue's wrap-up time is 0) plus a softphone: one sipp UAS registered 20 times with
 * the ephemeral credentials the server issued (third-party registration), so
 * the softphones are real SIP endpoints behind Kamailio, answering after
 * 200 ms of ringing, with plain RTP (sip.js in Node or Chromium agents are the
 * next step, see docs/performance.md).
 *
 * Phase A (free agents): calls at 5/s, 1 s of talk: an agent is always free,
 * so the figure is call setup itself. Phase B (the load): 50
 * concurrent calls against the 20 agents, 2 s of talk: calls wait in the
 * queue, and none may fail.
 *
 * Times come from sipp's message logs (wall clock, microseconds; sipp's own
 * timers tick in 4 ms steps here): the caller's INVITE sent -> the softphone
 * receives the INVITE (setup) and sends 180 (ringing); the softphone's 200
 * sent -> the caller receives it (answer relay). CPU of Kamailio (all its
 * processes) and rtpengine from /proc. Prints a table, then one JSON line.
 *
 *   pnpm bench:voice
 *   VOICE_BENCH_CALLS_A=100 VOICE_BENCH_CALLS_B=200 pnpm bench:voice
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { queueConfigSchema, routingSettingsSchema, type Session } from '../../packages/shared/src/index.js';
import { migrate } from '../../apps/cti-server/src/adapters/db/migrate.js';
import { createPgStore } from '../../apps/cti-server/src/adapters/db/pgStore.js';
import { missingTelephony, TELEPHONY_DIR, TelephonyStack } from '../../apps/cti-server/src/adapters/kamailio/telephonyStack.js';
import { hashPassword } from '../../apps/cti-server/src/features/auth/passwords.js';
import { sipAuthSecret, type SipCredentials } from '../../apps/cti-server/src/features/voice/sipCredentials.js';
import { seedReferenceData } from '../../apps/cti-server/src/seed/demoData.js';
import { adminQuery, loadPino, loadSocketIoClient, pg, wallNow } from '../socket/serverDeps.js';
import { latencyFigures, sleep, type LatencyFigures } from '../socket/stats.js';
import { startServerProcess, stopChild } from '../socket/serverProcess.js';
import { freePort } from '../../apps/cti-server/test/support/telephony.js';
import { firstBy, readSippLog } from './sippLog.js';

const env = process.env;
const AGENTS = 20;
const CALLS_A = Number(env.VOICE_BENCH_CALLS_A ?? 100);
const CALLS_B = Number(env.VOICE_BENCH_CALLS_B ?? 200);
const CONCURRENT_B = 50;
const TARGET_P99_MS = 20;
const ADMIN_URL = env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOKEN_SECRET = 'bench-voice-secret-'.padEnd(48, 'x');
const PASSWORD = 'bench-agent-password';
const DOMAIN = 'omnicc.local';
const SIPP_DIR = path.join(TELEPHONY_DIR, 'sipp');
const { io } = loadSocketIoClient();

function sipp(dir: string, port: number, scenario: string, args: string[], log: string): Promise<number> {
  const child = spawn('/usr/bin/sipp', ['-sf', path.join(SIPP_DIR, `${scenario}.xml`), '-i', '127.0.0.1', '-p', String(port), '-trace_msg', '-message_file', log, '-trace_err', '-error_file', `${log}.errors`, ...args], { cwd: dir, stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
}

/** CPU seconds (user + system) of a process and its direct children, from /proc. */
function cpuSeconds(rootPid: number | undefined): number {
  if (rootPid === undefined) return 0;
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      if (pid === rootPid || ppid === rootPid) total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function seed(databaseUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const store = createPgStore(pool);
  try {
    await migrate(pool);
    await seedReferenceData(store);
    // No wrap-up time: an agent takes the next call as soon as one ends.
    await store.queueConfigs.update(queueConfigSchema.parse({ id: 'voice-general', channel: 'voice', nameEn: 'Hotline', nameZh: '热线', offerTimeoutSeconds: 20, maxWaitSeconds: 600, wrapUpSeconds: 0 }));
    await store.routingSettings.put(routingSettingsSchema.parse({}));
    const passwordHash = await hashPassword(PASSWORD);
    for (let n = 1; n <= AGENTS; n++) {
      await store.agents.create({ username: `phone${n}`, displayName: `Phone Agent ${n}`, role: 'agent', skills: [], capacity: { voice: 1, chat: 0, email: 0, sms: 0 }, passwordHash });
    }
  } finally {
    await store.close();
  }
}

interface PhaseFigures {
  calls: number;
  failed: number;
  setup: LatencyFigures;
  ringing: LatencyFigures;
  answerRelay: LatencyFigures;
  seconds: number;
  kamailioCpuSeconds: number;
  rtpengineCpuSeconds: number;
}

async function phase(dir: string, name: string, sipPort: number, args: string[], pids: Record<string, number | undefined>): Promise<PhaseFigures> {
  const callerLog = path.join(dir, `${name}-caller.log`);
  const phoneLog = path.join(dir, `${name}-phones.log`);
  const phonePort = Number(args[args.indexOf('-phonePort') + 1]);
  const callerArgs = args.filter((_, i) => i !== args.indexOf('-phonePort') && i !== args.indexOf('-phonePort') + 1);
  const calls = Number(callerArgs[callerArgs.indexOf('-m') + 1]);
  const cpu0 = { kamailio: cpuSeconds(pids.kamailio), rtpengine: cpuSeconds(pids.rtpengine) };
  const t0 = wallNow();
  const phones = sipp(dir, phonePort, 'agent-answer', ['-m', String(calls), '-timeout', '600s'], phoneLog);
  const caller = await sipp(dir, await freePort(), 'caller', [...callerArgs, '-s', '10086', '-key', 'caller', '13800138000', '-key', 'caller_name', 'Bench Caller', '-timeout', '600s', `127.0.0.1:${sipPort}`], callerLog);
  await Promise.race([phones, sleep(5000)]);
  const seconds = (wallNow() - t0) / 1000;
  const cpu1 = { kamailio: cpuSeconds(pids.kamailio), rtpengine: cpuSeconds(pids.rtpengine) };
  const callerMsgs = await readSippLog(callerLog);
  const phoneMsgs = await readSippLog(phoneLog);
  const invited = firstBy(callerMsgs, (m) => m.sent && m.firstLine.startsWith('INVITE'));
  const rang = firstBy(phoneMsgs, (m) => !m.sent && m.firstLine.startsWith('INVITE'));
  const ringingSent = firstBy(phoneMsgs, (m) => m.sent && m.firstLine.startsWith('SIP/2.0 180'));
  const answered = firstBy(phoneMsgs, (m) => m.sent && m.firstLine.startsWith('SIP/2.0 200'));
  const answerSeen = firstBy(callerMsgs, (m) => !m.sent && m.firstLine.startsWith('SIP/2.0 200'));
  const diff = (from: Map<string, number>, to: Map<string, number>): number[] => [...from].flatMap(([id, t]) => (to.has(id) ? [(to.get(id) ?? t) - t] : []));
  const completed = [...invited.keys()].filter((id) => answerSeen.has(id)).length;
  return {
    calls,
    failed: caller === 0 ? calls - completed : Math.max(1, calls - completed),
    setup: latencyFigures(diff(invited, rang)),
    ringing: latencyFigures(diff(invited, ringingSent)),
    answerRelay: latencyFigures(diff(answered, answerSeen)),
    seconds: Math.round(seconds * 10) / 10,
    kamailioCpuSeconds: Math.round((cpu1.kamailio - cpu0.kamailio) * 100) / 100,
    rtpengineCpuSeconds: Math.round((cpu1.rtpengine - cpu0.rtpengine) * 100) / 100,
  };
}

async function main(): Promise<void> {
  const missing = missingTelephony();
  if (missing.length > 0) throw new Error(`voice bench needs ${missing.join(', ')}: run apps/cti-server/telephony/install.sh`);
  const dir = await mkdtemp(path.join(tmpdir(), 'omnicc-voice-bench-'));
  const db = `bench_voice_${process.pid}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${db}`);
  const ports = { sip: await freePort(), ws: await freePort(), evapi: await freePort(), rtpengineNg: await freePort(), rtpMin: 30000, rtpMax: 40000 };
  const stack = new TelephonyStack({ dir: path.join(dir, 'telephony'), ports, domain: DOMAIN, authSecret: sipAuthSecret(TOKEN_SECRET), log: loadPino().pino({ level: 'warn' }) });
  let server: { child: ChildProcess; url: string } | undefined;
  const sockets: { disconnect(): void }[] = [];
  await adminQuery(ADMIN_URL, `CREATE DATABASE ${db}`);
  try {
    await seed(databaseUrl);
    await stack.start();
    server = await startServerProcess({
      DATABASE_URL: databaseUrl,
      OMNICC_TOKEN_SECRET: TOKEN_SECRET,
      OMNICC_VOICE: 'external',
      OMNICC_SIP_HOST: '127.0.0.1',
      OMNICC_SIP_DOMAIN: DOMAIN,
      OMNICC_SIP_PORT: String(ports.sip),
      OMNICC_SIP_WS_PORT: String(ports.ws),
      OMNICC_EVAPI_PORT: String(ports.evapi),
      OMNICC_SERVICE_NUMBERS: '10086=voice-general',
    });
    const url = server.url;
    for (let wait = 0; wait < 100; wait++) {
      const health = (await (await fetch(`${url}/healthz`)).json()) as { voice?: string };
      if (health.voice === 'connected') break;
      await sleep(100);
    }
    // Agents: desktop sockets (ready) and one softphone port for all of them.
    const phonePort = await freePort();
    for (let n = 1; n <= AGENTS; n++) {
      const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `phone${n}`, password: PASSWORD }) });
      const { token } = (await login.json()) as Session;
      const { credentials } = (await (await fetch(`${url}/api/voice/softphone`, { headers: { authorization: `Bearer ${token}` } })).json()) as { credentials: SipCredentials };
      const reg = await sipp(dir, await freePort(), 'register', ['-m', '1', '-key', 'agent', `phone${n}`, '-key', 'domain', DOMAIN, '-key', 'contact', `sip:phone${n}@127.0.0.1:${phonePort}`, '-key', 'expires', '3600', '-au', credentials.authorizationUsername, '-ap', credentials.password, '-timeout', '10s', `127.0.0.1:${ports.sip}`], path.join(dir, `register-${n}.log`));
      if (reg !== 0) throw new Error(`registration of phone${n} failed (${reg})`);
      const socket = io(`${url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      await socket.timeout(10_000).emitWithAck('agent:setStatus', { status: 'ready' });
    }
    const pids = stack.pids();
    console.log(`${AGENTS} agents ready; phase A: ${CALLS_A} calls at 5/s; phase B: ${CALLS_B} calls, ${CONCURRENT_B} concurrent`);
    const a = await phase(dir, 'a', ports.sip, ['-m', String(CALLS_A), '-r', '5', '-l', '10', '-d', '1000', '-phonePort', String(phonePort)], pids);
    const b = await phase(dir, 'b', ports.sip, ['-m', String(CALLS_B), '-r', '50', '-l', String(CONCURRENT_B), '-d', '2000', '-phonePort', String(phonePort)], pids);
    report(a, b);
  } finally {
    for (const s of sockets) s.disconnect();
    if (server) await stopChild(server.child);
    await stack.stop();
    await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

function report(a: PhaseFigures, b: PhaseFigures): void {
  const row = (phaseName: string, what: string, f: LatencyFigures): string => [phaseName, what.padEnd(44), String(f.count).padStart(5), ...[f.p50ms, f.p95ms, f.p99ms, f.maxMs].map((x) => x.toFixed(3).padStart(9))].join('  ');
  console.log(`\nVoice end to end: ${AGENTS} agents (desktop socket + sipp softphone), real Kamailio + rtpengine + CTI server; node ${process.version}`);
  console.log(['phase', 'path'.padEnd(44), 'count', '   p50 ms', '   p95 ms', '   p99 ms', '   max ms'].join('  '));
  for (const [name, f] of [
    ['A', a],
    ['B', b],
  ] as const) {
    console.log(row(name, 'caller INVITE -> softphone gets INVITE', f.setup));
    console.log(row(name, 'caller INVITE -> softphone sends 180', f.ringing));
    console.log(row(name, 'softphone 200 -> caller gets 200', f.answerRelay));
  }
  for (const [name, f] of [
    ['A', a],
    ['B', b],
  ] as const) {
    console.log(`${name}: ${f.calls} calls in ${f.seconds} s, failed ${f.failed}; Kamailio CPU ${f.kamailioCpuSeconds} s (${((100 * f.kamailioCpuSeconds) / f.seconds).toFixed(1)}%), rtpengine CPU ${f.rtpengineCpuSeconds} s (${((100 * f.rtpengineCpuSeconds) / f.seconds).toFixed(1)}%)`);
  }
  console.log(`target: setup p99 <= ${TARGET_P99_MS} ms with free agents (phase A): ${a.setup.p99ms <= TARGET_P99_MS ? 'met' : 'NOT met'} (${a.setup.p99ms} ms); 0 failed calls: ${a.failed + b.failed === 0 ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify({ bench: 'voice.calls', node: process.version, agents: AGENTS, phaseA: a, phaseB: b, target: { setupP99Ms: TARGET_P99_MS, met: a.setup.p99ms <= TARGET_P99_MS, noFailures: a.failed + b.failed === 0 } }));
}

await main();
