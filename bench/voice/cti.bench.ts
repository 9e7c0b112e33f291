/**
 * The CTI server's own share of a call's setup, without Kamailio, rtpengine
 * or softphones: this process plays Kamailio's evapi (a TCP server speaking
 * netstrings, Nagle left on as Kamailio's evapi leaves it) to the real CTI
 * server (a child process on a fresh database of the machine PostgreSQL,
 * dropped at the end), with 20 agents' desktop sockets ready. Each call is
 * a `call.queued` as Kamailio sends it (with a caller's SDP); the server's
 * `ring` comes back; the "phone" answers after ANSWER_MS and the caller hangs
 * up after TALK_MS, so agents are free again for the next calls.
 *
 * Times are from this process writing `call.queued` to it reading `ring`
 * (performance.now(), this process otherwise idle): what the CTI adds to
 * "INVITE to ringing" in `pnpm bench:voice`. Prints a table, then one JSON
 * line.
 *
 *   pnpm --filter @omnicc/cti-server exec tsx ../../bench/voice/cti.bench.ts
 *   VOICE_CTI_CALLS=500 VOICE_CTI_RATE=20 ...   (calls, and calls per second)
 *   VOICE_BENCH_TRACE=1 ...                     (relays of wireTap.ts on the server's evapi and PostgreSQL connections: its round trips per call)
 *   VOICE_BENCH_SERVER_PROF=/tmp/prof ...       (a CPU profile of the CTI server)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { encodeNetstring, NetstringDecoder } from '../../apps/cti-server/src/adapters/kamailio/netstring.js';
import { freePort } from '../../apps/cti-server/test/support/telephony.js';
import { adminQuery, wallNow } from '../socket/serverDeps.js';
import { latencyFigures, sleep } from '../socket/stats.js';
import { startServerProcess, stopChild } from '../socket/serverProcess.js';
import { busyPct, cpuSeconds, logIn, machineTicks, readyDesktop, runBench, seedVoiceBench } from './rig.js';
import { splitSetup, startTaps } from './trace.js';

const env = process.env;
const AGENTS = 20;
const CALLS = Number(env.VOICE_CTI_CALLS ?? 300);
const RATE = Number(env.VOICE_CTI_RATE ?? 10);
const ANSWER_MS = 50;
const TALK_MS = 300;
const WARM_UP = 20;
const ADMIN_URL = env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SERVER_PROFILE_DIR = env.VOICE_BENCH_SERVER_PROF;
const TRACE = env.VOICE_BENCH_TRACE === '1';
/** VOICE_CTI_NODELAY=1: this fake Kamailio sets TCP_NODELAY, which the real one's evapi does not. */
const NO_DELAY = env.VOICE_CTI_NODELAY === '1';
/** A caller's SDP offer as sipp sends it: Kamailio forwards it in call.queued (for the queue tone). */
const CALLER_SDP = ['v=0', 'o=user1 53655765 2353687637 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 6000 RTP/AVP 8 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', ''].join('\r\n');

/** Times are wall clock (ms, µs resolution), the clock of the trace's relays. */
interface Call {
  n: number;
  callId: string;
  sentAt: number;
  ringAt?: number;
  refused?: string;
}

/** Kamailio's evapi as the CTI sees it: one client, netstring JSON both ways. */
class FakeEvapi {
  private socket: Socket | undefined;
  private readonly calls = new Map<string, Call>();
  private connected!: () => void;
  readonly ready = new Promise<void>((r) => (this.connected = r));
  private readonly server = createServer((socket) => {
    this.socket = socket;
    if (NO_DELAY) socket.setNoDelay(true);
    const decoder = new NetstringDecoder();
    socket.on('data', (chunk: Buffer) => {
      const at = wallNow();
      for (const frame of decoder.push(chunk)) this.command(JSON.parse(frame) as Record<string, unknown>, at);
    });
    socket.on('error', () => undefined);
  });

  listen(port: number): Promise<void> {
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', resolve));
  }

  private send(event: object): void {
    this.socket?.write(encodeNetstring(JSON.stringify(event)));
  }

  private command(m: Record<string, unknown>, at: number): void {
    const call = typeof m.callId === 'string' ? this.calls.get(m.callId) : undefined;
    switch (m.cmd) {
      case 'sync':
        this.send({ event: 'sync.done' });
        this.connected();
        return;
      case 'ring': {
        if (!call || call.ringAt !== undefined) return;
        call.ringAt = at;
        const agent = /^sip:([^@]+)@/.exec(String(m.target))?.[1] ?? '';
        setTimeout(() => this.send({ event: 'call.answered', callId: call.callId, agent, ttag: `agent-${call.n}` }), ANSWER_MS);
        setTimeout(() => this.send({ event: 'call.ended', callId: call.callId, by: '13800138000', fromTag: `caller-${call.n}` }), ANSWER_MS + TALK_MS);
        return;
      }
      case 'reply':
        if (call) call.refused = `${String(m.code)} ${String(m.reason)}`;
        return;
    }
  }

  /** A new call, as route[QUEUE] reports it. */
  call(n: number): Call {
    const call: Call = { n, callId: `cti-bench-${n}@127.0.0.1`, sentAt: wallNow() };
    this.calls.set(call.callId, call);
    this.send({ event: 'call.queued', callId: call.callId, tindex: n, tlabel: 1000 + n, cseq: '1', ftag: `caller-${n}`, from: '13800138000', fromName: 'Bench Caller', to: '10086', sdp: CALLER_SDP });
    return call;
  }

  close(): void {
    this.socket?.destroy();
    this.server.close();
  }
}

async function main(): Promise<void> {
  const db = `bench_voice_cti_${process.pid}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${db}`);
  const evapi = new FakeEvapi();
  const evapiPort = await freePort();
  await evapi.listen(evapiPort);
  const sockets: { disconnect(): void }[] = [];
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  const dir = await mkdtemp(path.join(tmpdir(), 'omnicc-voice-cti-bench-'));
  await adminQuery(ADMIN_URL, `CREATE DATABASE ${db}`);
  try {
    await seedVoiceBench(databaseUrl, AGENTS);
    const taps = TRACE ? await startTaps(dir, evapiPort, databaseUrl) : undefined;
    server = await startServerProcess(
      {
        DATABASE_URL: taps?.databaseUrl ?? databaseUrl,
        OMNICC_TOKEN_SECRET: 'bench-voice-secret-'.padEnd(48, 'x'),
        OMNICC_VOICE: 'external',
        OMNICC_SIP_HOST: '127.0.0.1',
        OMNICC_EVAPI_PORT: String(taps?.evapiPort ?? evapiPort),
        OMNICC_QUEUE_ANNOUNCEMENT: 'off',
        OMNICC_SERVICE_NUMBERS: '10086=voice-general',
      },
      SERVER_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(SERVER_PROFILE_DIR)] : [],
    );
    await evapi.ready;
    for (let n = 1; n <= AGENTS; n++) sockets.push(await readyDesktop(server.url, await logIn(server.url, n)));
    const pid = server.child.pid;
    const calls: Call[] = [];
    let cpu0 = 0;
    let machine0 = machineTicks();
    const started = performance.now();
    for (let n = 0; n < WARM_UP + CALLS; n++) {
      if (n === WARM_UP) {
        await sleep(ANSWER_MS + TALK_MS + 500);
        cpu0 = cpuSeconds(pid);
        machine0 = machineTicks();
      }
      const due = started + (n * 1000) / RATE;
      if (due > performance.now()) await sleep(due - performance.now());
      const call = evapi.call(n);
      if (n >= WARM_UP) calls.push(call);
    }
    await sleep(ANSWER_MS + TALK_MS + 1000);
    const cpu = cpuSeconds(pid) - cpu0;
    const busy = busyPct(machine0, machineTicks());
    const rung = calls.flatMap((c) => (c.ringAt === undefined ? [] : [c.ringAt - c.sentAt]));
    const failed = calls.length - rung.length;
    const f = latencyFigures(rung);
    const records = taps ? await taps.stop() : undefined;
    const trace = records && splitSetup(new Map(calls.map((c) => [c.callId, c.sentAt])), new Map(calls.flatMap((c) => (c.ringAt === undefined ? [] : [[c.callId, c.ringAt] as const]))), records.evapi, records.pg);
    console.log(`\nCTI alone: call.queued -> ring over evapi (fake Kamailio in this process), ${AGENTS} agents, ${CALLS} calls at ${RATE}/s; node ${process.version}`);
    console.log(`  p50 ${f.p50ms} ms, p95 ${f.p95ms} ms, p99 ${f.p99ms} ms, max ${f.maxMs} ms; failed ${failed}${calls.some((c) => c.refused) ? ` (refused: ${calls.find((c) => c.refused)?.refused})` : ''}`);
    console.log(`  CTI server CPU ${cpu.toFixed(2)} s, ${((1000 * cpu) / CALLS).toFixed(2)} ms per call (setup, answer, hang-up); machine ${busy}% busy (${cpus().length} cores, everyone's work)`);
    if (trace) {
      const g = (x: { p50ms: number; p95ms: number; p99ms: number }): string => `p50 ${x.p50ms} ms, p95 ${x.p95ms} ms, p99 ${x.p99ms} ms`;
      console.log(`  trace: call.queued -> ring at the server's evapi relay ${g(trace.cti)}; of it PostgreSQL ${g(trace.pgMs)}, not PostgreSQL ${g(trace.ctiNotPgMs)}`);
      console.log(`  PostgreSQL round trips per call p50 ${trace.pgRoundTrips.p50ms}, commits p50 ${trace.pgCommits.p50ms}; the median call's: ${trace.typicalPgSequence.join(', ')}`);
    }
    console.log(JSON.stringify({ bench: 'voice.cti', node: process.version, agents: AGENTS, calls: CALLS, rate: RATE, queuedToRing: f, failed, ctiCpuSeconds: cpu, machineBusyPct: busy, ...(trace ? { trace } : {}) }));
  } finally {
    for (const s of sockets) s.disconnect();
    evapi.close();
    if (server) await stopChild(server.child);
    await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

await runBench(main);
