/**
 * Voice end to end: sipp callers into real Kamailio and rtpengine (this
 * process runs them on loopback), the real CTI server (a child process on a
 * fresh database of the machine PostgreSQL, dropped at the end) routing the
 * calls to 20 agents. Each agent is a socket.io desktop client (ready; the
 * queue's wrap-up time is 0) plus a softphone: sip.js in this Node process
 * (nodeSoftphone.ts: `ws` as WebSocket, @roamhq/wrtc for WebRTC), registered
 * over WebSocket with the ephemeral credentials GET /api/voice/softphone
 * issued, as the desktop does. On an INVITE it sends 180, answers after
 * 200 ms of ringing with a tone as its microphone, and times the caller's
 * audio; the caller (caller-media.xml) streams an A-law tone from its ACK on
 * and hangs up after its talk time.
 *
 * Phase A (free agents): calls at 5/s, 1 s of talk: an agent is always free,
 * so the figure is call setup itself. Phase B (the issue's load): 50
 * concurrent calls against the 20 agents, 2 s of talk: calls wait in the
 * queue, and none may fail.
 *
 * Times are wall clock in ms with µs resolution: the caller's from sipp's
 * message log, the agents' from performance.timeOrigin + performance.now()
 * where sip.js meets its WebSocket. Setup: caller's INVITE sent -> the agent
 * gets it, and -> the agent sends 180 (the target: p99 <= 20 ms). Answer to
 * media: the agent's 200 -> its first decoded frame of the caller's tone.
 * CPU of Kamailio (all its processes), rtpengine and the CTI server from
 * /proc, of the agents from this process. Prints a table, then one JSON line.
 *
 *   pnpm bench:voice
 *   VOICE_BENCH_CALLS_A=100 VOICE_BENCH_CALLS_B=200 pnpm bench:voice
 *   VOICE_BENCH_SERVER_LOG=debug pnpm bench:voice   (prints the end of the CTI server's log)
 *   VOICE_BENCH_TRACE=1 pnpm bench:voice   (splits the setup at the CTI's evapi and PostgreSQL connections, see trace.ts)
 *   VOICE_BENCH_SERVER_PROF=/tmp/prof pnpm bench:voice   (a CPU profile of the CTI server)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { softphoneSettingsSchema } from '../../packages/shared/src/index.js';
import { missingTelephony, TelephonyStack } from '../../apps/cti-server/src/adapters/kamailio/telephonyStack.js';
import { sipAuthSecret } from '../../apps/cti-server/src/features/voice/sipCredentials.js';
import { adminQuery, loadPino, wallNow } from '../socket/serverDeps.js';
import { latencyFigures, sleep, type LatencyFigures } from '../socket/stats.js';
import { startServerProcess, stopChild, track } from '../socket/serverProcess.js';
import { freePort } from '../../apps/cti-server/test/support/telephony.js';
import { CallLog, installWebRtcGlobals, NodeSoftphone, ToneSource } from './nodeSoftphone.js';
import { firstBy, readSippLog } from './sippLog.js';
import { busyPct, cpuSeconds, logIn, machineTicks, readyDesktop, runBench, seedVoiceBench } from './rig.js';
import { alawToneWav } from './toneWav.js';
import { splitSetup, startTaps, type SetupSplit } from './trace.js';

const env = process.env;
const AGENTS = 20;
const CALLS_A = Number(env.VOICE_BENCH_CALLS_A ?? 100);
const CALLS_B = Number(env.VOICE_BENCH_CALLS_B ?? 200);
const CONCURRENT_B = 50;
const RING_MS = 200;
const TARGET_P99_MS = 20;
const SERVER_LOG_LEVEL = env.VOICE_BENCH_SERVER_LOG;
const TRACE = env.VOICE_BENCH_TRACE === '1';
/** A folder: the CTI server runs with --cpu-prof and writes its profile there when it stops. */
const SERVER_PROFILE_DIR = env.VOICE_BENCH_SERVER_PROF;
const ADMIN_URL = env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOKEN_SECRET = 'bench-voice-secret-'.padEnd(48, 'x');
const DOMAIN = 'omnicc.local';
const CALLER_SCENARIO = fileURLToPath(new URL('./caller-media.xml', import.meta.url));
/** sipp gets this long for a phase; it is killed a little after. */
const SIPP_TIMEOUT_S = 300;

/** The bench's sipp caller against Kamailio; resolves with its exit code (0: every call ran to its end). */
function sippCaller(dir: string, sipPort: number, args: string[], log: string): Promise<number> {
  return Promise.all([freePort(), freePort()]).then(([port, mediaPort]) => {
    // -nostdin: sipp otherwise watches its terminal; -timeout_error: a timed-out run fails instead of passing.
    const child = track(
      spawn('/usr/bin/sipp', ['-sf', CALLER_SCENARIO, '-i', '127.0.0.1', '-p', String(port), '-mp', String(mediaPort), '-trace_msg', '-message_file', log, '-trace_err', '-error_file', `${log}.errors`, '-nostdin', '-timeout', `${SIPP_TIMEOUT_S}s`, '-timeout_error', ...args, `127.0.0.1:${sipPort}`], {
        cwd: dir,
        stdio: 'ignore',
      }),
    );
    const guard = setTimeout(() => child.kill('SIGKILL'), (SIPP_TIMEOUT_S + 5) * 1000);
    return new Promise<number>((resolve) =>
      child.on('exit', (code) => {
        clearTimeout(guard);
        resolve(code ?? -1);
      }),
    );
  });
}

/** CPU seconds of this process: the 20 softphones (sip.js, wrtc's threads) and the desktop sockets. */
function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

interface PhaseFigures {
  calls: number;
  failed: number;
  /** Answered calls in which the agent never decoded the caller's tone. */
  noMedia: number;
  /** INVITEs an agent already in a call turned away (routing then offers the call again). */
  busy: number;
  agentErrors: string[];
  /** Calls that did not complete, by the last SIP message the caller got for them (or "no answer"). */
  failures: Record<string, number>;
  /** sipp's error file: how many events, and the last one. */
  sippErrors: string;
  setup: LatencyFigures;
  ringing: LatencyFigures;
  callerRinging: LatencyFigures;
  agentRinging: LatencyFigures;
  answerRelay: LatencyFigures;
  answerToMedia: LatencyFigures;
  seconds: number;
  kamailioCpuSeconds: number;
  rtpengineCpuSeconds: number;
  ctiServerCpuSeconds: number;
  agentsCpuSeconds: number;
  /** The machine's CPU busy over the phase, all processes (ours and anyone else's), % of all cores. */
  machineBusyPct: number;
}

interface Rig {
  dir: string;
  sipPort: number;
  pids: Record<string, number | undefined>;
  phones: NodeSoftphone[];
  /** Where the softphones record; a new one per phase. */
  setLog(log: CallLog): void;
}

interface PhaseResult {
  figures: PhaseFigures;
  /** Per Call-ID: the caller's INVITE sent, and the agent's softphone got it (for the trace). */
  invited: Map<string, number>;
  agentGotInvite: Map<string, number>;
}

async function phase(rig: Rig, name: string, args: string[]): Promise<PhaseResult> {
  const callerLog = path.join(rig.dir, `${name}-caller.log`);
  const calls = Number(args[args.indexOf('-m') + 1]);
  const log = new CallLog();
  rig.setLog(log);
  const cpu = (): Record<string, number> => ({ kamailio: cpuSeconds(rig.pids.kamailio), rtpengine: cpuSeconds(rig.pids.rtpengine), server: cpuSeconds(rig.pids.server), own: ownCpuSeconds() });
  const cpu0 = cpu();
  const machine0 = machineTicks();
  const t0 = wallNow();
  const caller = await sippCaller(rig.dir, rig.sipPort, [...args, '-s', '10086', '-key', 'caller', '13800138000', '-key', 'caller_name', 'Bench Caller'], callerLog);
  // The last BYEs are answered by now; give the softphones a moment to let their calls go (bounded).
  for (let wait = 0; wait < 50 && rig.phones.some((p) => p.inCall); wait++) await sleep(100);
  const seconds = (wallNow() - t0) / 1000;
  const cpu1 = cpu();
  const machine1 = machineTicks();
  const callerMsgs = await readSippLog(callerLog);
  const invited = firstBy(callerMsgs, (m) => m.sent && m.firstLine.startsWith('INVITE'));
  const ringingSeen = firstBy(callerMsgs, (m) => !m.sent && m.firstLine.startsWith('SIP/2.0 180'));
  const answerSeen = firstBy(callerMsgs, (m) => !m.sent && m.firstLine.startsWith('SIP/2.0 200') && invited.has(m.callId));
  const diff = (from: Map<string, number>, to: Map<string, number>): number[] => [...from].flatMap(([id, t]) => (to.has(id) ? [(to.get(id) ?? t) - t] : []));
  const completed = [...invited.keys()].filter((id) => answerSeen.has(id)).length;
  const failures: Record<string, number> = {};
  for (const id of invited.keys()) {
    if (answerSeen.has(id)) continue;
    const last = callerMsgs.filter((m) => m.callId === id && !m.sent).at(-1)?.firstLine ?? 'no answer';
    failures[last] = (failures[last] ?? 0) + 1;
  }
  // sipp's error file: one event per line that starts with a date (a message it quotes runs over several).
  const sippEvents = (await readFile(`${callerLog}.errors`, 'utf8').catch(() => '')).split('\n').filter((l) => /^\d{4}-\d{2}-\d{2}\t/.test(l) || /'\d{4}-\d{2}-\d{2}\t/.test(l));
  const sippErrors = `${sippEvents.length} events${sippEvents.length ? `, the last: ${(sippEvents.at(-1) ?? '').replace(/^.*?(\d{4}-\d{2}-\d{2}\t)/, '$1').slice(0, 240)}` : ''}`;
  const cpuDelta = (k: string): number => Math.round(((cpu1[k] ?? 0) - (cpu0[k] ?? 0)) * 100) / 100;
  const figures: PhaseFigures = {
    calls,
    failed: caller === 0 ? calls - completed : Math.max(1, calls - completed),
    noMedia: [...log.answerSent.keys()].filter((id) => !log.firstAudio.has(id)).length,
    busy: log.busy,
    agentErrors: log.errors,
    failures,
    sippErrors,
    setup: latencyFigures(diff(invited, log.inviteReceived)),
    ringing: latencyFigures(diff(invited, log.ringingSent)),
    callerRinging: latencyFigures(diff(invited, ringingSeen)),
    agentRinging: latencyFigures(diff(log.inviteReceived, log.ringingSent)),
    answerRelay: latencyFigures(diff(log.answerSent, answerSeen)),
    answerToMedia: latencyFigures(diff(log.answerSent, log.firstAudio)),
    seconds: Math.round(seconds * 10) / 10,
    kamailioCpuSeconds: cpuDelta('kamailio'),
    rtpengineCpuSeconds: cpuDelta('rtpengine'),
    ctiServerCpuSeconds: cpuDelta('server'),
    agentsCpuSeconds: cpuDelta('own'),
    machineBusyPct: busyPct(machine0, machine1),
  };
  return { figures, invited, agentGotInvite: log.inviteReceived };
}

async function main(): Promise<void> {
  const missing = missingTelephony();
  if (missing.length > 0) throw new Error(`voice bench needs ${missing.join(', ')}: run apps/cti-server/telephony/install.sh`);
  if (!(CALLS_A > 0 && CALLS_B > 0)) throw new Error('VOICE_BENCH_CALLS_A and VOICE_BENCH_CALLS_B must be at least 1 (sipp -m 0 would not stop)');
  installWebRtcGlobals();
  const dir = await mkdtemp(path.join(tmpdir(), 'omnicc-voice-bench-'));
  await writeFile(path.join(dir, 'tone.wav'), alawToneWav());
  const db = `bench_voice_${process.pid}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${db}`);
  const ports = { sip: await freePort(), ws: await freePort(), evapi: await freePort(), rtpengineNg: await freePort(), rtpMin: 30000, rtpMax: 40000 };
  const stackLog = loadPino().pino({ level: 'warn' });
  const stack = new TelephonyStack({ dir: path.join(dir, 'telephony'), ports, domain: DOMAIN, authSecret: sipAuthSecret(TOKEN_SECRET), log: stackLog });
  let server: { child: ChildProcess; url: string; log: () => string } | undefined;
  const sockets: { disconnect(): void }[] = [];
  const tone = new ToneSource();
  let callLog = new CallLog();
  const phones: NodeSoftphone[] = [];
  await adminQuery(ADMIN_URL, `CREATE DATABASE ${db}`);
  try {
    await seedVoiceBench(databaseUrl, AGENTS);
    await stack.start();
    const taps = TRACE ? await startTaps(dir, ports.evapi, databaseUrl) : undefined;
    server = await startServerProcess({
      DATABASE_URL: taps?.databaseUrl ?? databaseUrl,
      OMNICC_TOKEN_SECRET: TOKEN_SECRET,
      OMNICC_VOICE: 'external',
      OMNICC_SIP_HOST: '127.0.0.1',
      OMNICC_SIP_DOMAIN: DOMAIN,
      OMNICC_SIP_PORT: String(ports.sip),
      OMNICC_SIP_WS_PORT: String(ports.ws),
      OMNICC_EVAPI_PORT: String(taps?.evapiPort ?? ports.evapi),
      // The queue tone's early media (callers who wait in phase B): the CTI talks ng to this rtpengine.
      OMNICC_RTPENGINE_NG_PORT: String(ports.rtpengineNg),
      OMNICC_SERVICE_NUMBERS: '10086=voice-general',
      ...(SERVER_LOG_LEVEL ? { LOG_LEVEL: SERVER_LOG_LEVEL } : {}),
    }, SERVER_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(SERVER_PROFILE_DIR)] : []);
    const url = server.url;
    for (let wait = 0; wait < 100; wait++) {
      const health = (await (await fetch(`${url}/healthz`)).json()) as { voice?: string };
      if (health.voice === 'connected') break;
      await sleep(100);
    }
    // Agents: a softphone registered with the credentials the server issues, and a desktop socket set ready.
    for (let n = 1; n <= AGENTS; n++) {
      const token = await logIn(url, n);
      const settings = softphoneSettingsSchema.parse(await (await fetch(`${url}/api/voice/softphone`, { headers: { authorization: `Bearer ${token}` } })).json());
      const phone = new NodeSoftphone(tone, () => callLog, RING_MS);
      phones.push(phone);
      await phone.register(settings);
      sockets.push(await readyDesktop(url, token));
    }
    const rig: Rig = { dir, sipPort: ports.sip, pids: { ...stack.pids(), server: server.child.pid }, phones, setLog: (log) => (callLog = log) };
    console.log(`${AGENTS} agents ready (sip.js + wrtc softphones); phase A: ${CALLS_A} calls at 5/s; phase B: ${CALLS_B} calls, ${CONCURRENT_B} concurrent`);
    tone.start();
    const a = await phase(rig, 'a', ['-m', String(CALLS_A), '-r', '5', '-l', '10', '-d', '1000']);
    const b = await phase(rig, 'b', ['-m', String(CALLS_B), '-r', '50', '-l', String(CONCURRENT_B), '-d', '2000']);
    // Read before the taps stop: the server complains when its connections through them close.
    const complaints = serverComplaints(server.log());
    let trace: { a: SetupSplit; b: SetupSplit } | undefined;
    if (taps) {
      const { evapi, pg: pgTrips } = await taps.stop();
      trace = { a: splitSetup(a.invited, a.agentGotInvite, evapi, pgTrips), b: splitSetup(b.invited, b.agentGotInvite, evapi, pgTrips) };
    }
    report(a.figures, b.figures, trace, complaints);
    if (SERVER_LOG_LEVEL) console.log(`\nCTI server log (LOG_LEVEL=${SERVER_LOG_LEVEL}), last 200 lines:\n${server.log().split('\n').slice(-200).join('\n')}`);
  } finally {
    // Kamailio's complaints while everything shuts down would follow the JSON line.
    stackLog.level = 'silent';
    // wrtc can crash at exit with live peer connections: every call, sink and track is closed first.
    tone.stop();
    await Promise.all(phones.map((p) => p.stop()));
    for (const s of sockets) s.disconnect();
    if (server) await stopChild(server.child);
    await stack.stop();
    await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** The CTI server's warnings and errors (pino levels 40 and up) over the run, counted by message. */
function serverComplaints(log: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      // The web bundles are not built for a bench: that warning is expected.
      if ((entry.level ?? 0) < 40 || / not built \(/.test(entry.msg ?? '')) continue;
      const why = entry.err?.message ? ` (${entry.err.message.slice(0, 200)})` : '';
      // Ids left out, so that the same complaint about many calls counts as one kind.
      const key = `${entry.level === 40 ? 'warn' : 'error'}: ${String(entry.msg).slice(0, 120)}${why}`.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
      out[key] = (out[key] ?? 0) + 1;
    } catch {
      // not a log line
    }
  }
  return out;
}

function report(a: PhaseFigures, b: PhaseFigures, trace: { a: SetupSplit; b: SetupSplit } | undefined, complaints: Record<string, number>): void {
  const row = (phaseName: string, what: string, f: LatencyFigures): string => [phaseName, what.padEnd(48), String(f.count).padStart(5), ...[f.p50ms, f.p95ms, f.p99ms, f.maxMs].map((x) => x.toFixed(3).padStart(9))].join('  ');
  console.log(`\nVoice end to end: ${AGENTS} agents (desktop socket + sip.js/wrtc softphone in Node), real Kamailio + rtpengine + CTI server; node ${process.version}`);
  console.log(['phase', 'path'.padEnd(48), 'count', '   p50 ms', '   p95 ms', '   p99 ms', '   max ms'].join('  '));
  for (const [name, f] of [
    ['A', a],
    ['B', b],
  ] as const) {
    console.log(row(name, 'caller INVITE -> agent gets INVITE', f.setup));
    console.log(row(name, 'caller INVITE -> agent sends 180 (ringing)', f.ringing));
    console.log(row(name, 'caller INVITE -> caller gets 180', f.callerRinging));
    console.log(row(name, 'agent gets INVITE -> agent sends 180 (sip.js)', f.agentRinging));
    console.log(row(name, 'agent 200 -> caller gets 200', f.answerRelay));
    console.log(row(name, 'agent 200 -> first tone frame at agent (media)', f.answerToMedia));
  }
  for (const [name, f] of [
    ['A', a],
    ['B', b],
  ] as const) {
    const pct = (s: number): string => `${((100 * s) / f.seconds).toFixed(1)}%`;
    console.log(`${name}: ${f.calls} calls in ${f.seconds} s, failed ${f.failed}, answered without media ${f.noMedia}, busy 486 ${f.busy}; CPU s: Kamailio ${f.kamailioCpuSeconds} (${pct(f.kamailioCpuSeconds)}), rtpengine ${f.rtpengineCpuSeconds} (${pct(f.rtpengineCpuSeconds)}), CTI server ${f.ctiServerCpuSeconds} (${pct(f.ctiServerCpuSeconds)}), agents ${f.agentsCpuSeconds} (${pct(f.agentsCpuSeconds)}); machine ${f.machineBusyPct}% busy (${cpus().length} cores, everyone's work)`);
    for (const e of f.agentErrors.slice(0, 5)) console.log(`  agent error: ${e}`);
    for (const [last, n] of Object.entries(f.failures)) console.log(`  ${n} failed, the caller's last message: ${last}`);
    if (f.failed > 0) console.log(`  sipp's errors: ${f.sippErrors}`);
  }
  if (trace) {
    console.log('\nTrace (VOICE_BENCH_TRACE=1): the setup split at the CTI server\'s evapi and PostgreSQL connections (relays of wireTap.ts)');
    for (const [name, t] of [
      ['A', trace.a],
      ['B', trace.b],
    ] as const) {
      console.log(row(name, 'caller INVITE -> CTI gets call.queued (Kamailio)', t.kamailioIn));
      console.log(row(name, 'call.queued -> CTI sends ring (CTI server)', t.cti));
      console.log(row(name, '  of it PostgreSQL round trips (union)', t.pgMs));
      console.log(row(name, '  of it not PostgreSQL', t.ctiNotPgMs));
      console.log(row(name, 'ring -> agent gets INVITE (Kamailio, rtpengine)', t.kamailioOut));
      console.log(`${name}: PostgreSQL round trips per call p50 ${t.pgRoundTrips.p50ms} (max ${t.pgRoundTrips.maxMs}), commits per call p50 ${t.pgCommits.p50ms}${name === 'A' ? `; the median call's: ${t.typicalPgSequence.join(', ')}` : ' (queueing: other calls\' work shares the window)'}`);
    }
  }
  const complaintList = Object.entries(complaints);
  console.log(`CTI server warnings and errors: ${complaintList.length === 0 ? 'none' : complaintList.map(([msg, n]) => `${n} x ${msg}`).join('; ')}`);
  const met = a.ringing.p99ms <= TARGET_P99_MS;
  const noFailures = a.failed + b.failed + a.noMedia + b.noMedia === 0;
  console.log(`target: INVITE -> agent ringing p99 <= ${TARGET_P99_MS} ms with free agents (phase A): ${met ? 'met' : 'NOT met'} (${a.ringing.p99ms} ms); 0 failed calls (and none without media): ${noFailures ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify({ bench: 'voice.calls', node: process.version, agents: AGENTS, softphone: 'sip.js 0.21.2 + @roamhq/wrtc 0.10.0 in Node', phaseA: a, phaseB: b, serverWarnings: complaints, target: { ringingP99Ms: TARGET_P99_MS, met, noFailures }, ...(trace ? { trace: { phaseA: trace.a, phaseB: trace.b } } : {}) }));
}

// wrtc's native threads can keep the process alive (or crash it) at a natural exit: runBench ends it.
await runBench(main);
