import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../apps/cti-server/test/support/telephony.js';
import { latencyFigures, sleep, type LatencyFigures } from '../socket/stats.js';
import { track } from '../socket/serverProcess.js';
import type { EvapiRecord, PgRecord } from './wireTap.js';

/**
 * The voice bench's trace mode (VOICE_BENCH_TRACE=1): wireTap.ts relays
 * between the CTI server and Kamailio's evapi, and between the server and
 * PostgreSQL, so each call's setup splits into Kamailio before the CTI, the
 * CTI itself (and its PostgreSQL round trips), and Kamailio after it.
 */

const SERVER_DIR = fileURLToPath(new URL('../../apps/cti-server/', import.meta.url));
const TAP = fileURLToPath(new URL('./wireTap.ts', import.meta.url));

interface Tap {
  port: number;
  file: string;
  child: ChildProcess;
}

async function startTap(kind: 'evapi' | 'pg', targetPort: number, file: string): Promise<Tap> {
  const port = await freePort();
  const child = track(spawn(process.execPath, ['--import', 'tsx', TAP, kind, String(port), String(targetPort), file], { cwd: SERVER_DIR, stdio: ['ignore', 'pipe', 'inherit'] }));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${kind} tap exited (${code})`)));
  });
  await Promise.race([ready, sleep(15_000).then(() => Promise.reject(new Error(`${kind} tap did not start`)))]);
  return { port, file, child };
}

async function stopTap(tap: Tap): Promise<void> {
  if (tap.child.exitCode !== null || tap.child.signalCode !== null) return;
  const gone = new Promise((r) => tap.child.once('exit', r));
  tap.child.kill('SIGTERM');
  await Promise.race([gone, sleep(5000)]);
  if (tap.child.exitCode === null && tap.child.signalCode === null) tap.child.kill('SIGKILL');
}

export interface Taps {
  /** The port the server connects to instead of Kamailio's evapi. */
  evapiPort: number;
  /** The database URL with the PostgreSQL tap in place of the server. */
  databaseUrl: string;
  /** Stops both taps and reads what they recorded. */
  stop(): Promise<{ evapi: EvapiRecord[]; pg: PgRecord[] }>;
}

export async function startTaps(dir: string, evapiPort: number, databaseUrl: string): Promise<Taps> {
  const url = new URL(databaseUrl);
  const evapi = await startTap('evapi', evapiPort, path.join(dir, 'evapi-tap.jsonl'));
  const pg = await startTap('pg', Number(url.port || 5432), path.join(dir, 'pg-tap.jsonl'));
  url.hostname = '127.0.0.1';
  url.port = String(pg.port);
  return {
    evapiPort: evapi.port,
    databaseUrl: url.toString(),
    async stop() {
      await Promise.all([stopTap(evapi), stopTap(pg)]);
      const lines = async (file: string): Promise<unknown[]> =>
        (await readFile(file, 'utf8').catch(() => ''))
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as unknown);
      return { evapi: (await lines(evapi.file)) as EvapiRecord[], pg: (await lines(pg.file)) as PgRecord[] };
    },
  };
}

export interface SetupSplit {
  /** caller INVITE sent -> the CTI's tap sees Kamailio's call.queued. */
  kamailioIn: LatencyFigures;
  /** call.queued -> the CTI's ring command (includes queueing when no agent is free). */
  cti: LatencyFigures;
  /** ring command -> the agent's softphone gets the INVITE (t_continue, rtpengine offer, WebSocket). */
  kamailioOut: LatencyFigures;
  /** Per call: PostgreSQL round trips that ran inside its CTI window (any connection, union of their intervals). */
  pgMs: LatencyFigures;
  pgRoundTrips: LatencyFigures;
  /** COMMITs, and writes that committed on their own (one statement, no BEGIN). */
  pgCommits: LatencyFigures;
  /** Per call: the CTI window less its PostgreSQL time. */
  ctiNotPgMs: LatencyFigures;
  /** The command tags of the round trips in the median call's window, in order (the first 20). */
  typicalPgSequence: string[];
}

/** Time covered by a set of intervals (overlaps counted once). */
function covered(intervals: [number, number][]): number {
  let total = 0;
  let until = -Infinity;
  for (const [s, e] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (e <= until) continue;
    total += e - Math.max(s, until);
    until = e;
  }
  return total;
}

/** Splits each call's setup (caller's INVITE -> agent gets it) at the CTI's evapi messages. */
export function splitSetup(invited: Map<string, number>, agentGotInvite: Map<string, number>, evapi: EvapiRecord[], pg: PgRecord[]): SetupSplit {
  const firstOf = (dir: 'in' | 'out', name: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const r of evapi) if (r.dir === dir && r.name === name && r.callId && !m.has(r.callId)) m.set(r.callId, r.at);
    return m;
  };
  const queued = firstOf('in', 'call.queued');
  const ring = firstOf('out', 'ring');
  const kamailioIn: number[] = [];
  const cti: number[] = [];
  const kamailioOut: number[] = [];
  const pgMs: number[] = [];
  const pgRoundTrips: number[] = [];
  const pgCommits: number[] = [];
  const ctiNotPg: number[] = [];
  const sequences: { cti: number; tags: string[] }[] = [];
  for (const [callId, sent] of invited) {
    const q = queued.get(callId);
    const r = ring.get(callId);
    const got = agentGotInvite.get(callId);
    if (q === undefined || r === undefined) continue;
    kamailioIn.push(q - sent);
    cti.push(r - q);
    if (got !== undefined) kamailioOut.push(got - r);
    const inside = pg.filter((t) => t.start >= q && t.end <= r).sort((a, b) => a.start - b.start);
    const time = covered(inside.map((t) => [t.start, t.end]));
    pgMs.push(time);
    pgRoundTrips.push(inside.length);
    pgCommits.push(inside.filter((t) => t.tags.includes('COMMIT') || t.autocommitWrite).length);
    ctiNotPg.push(r - q - time);
    sequences.push({ cti: r - q, tags: inside.map((t) => `${t.tags.join('+') || '?'}${t.autocommitWrite ? ' (a write, committed)' : ''}`) });
  }
  sequences.sort((a, b) => a.cti - b.cti);
  return {
    kamailioIn: latencyFigures(kamailioIn),
    cti: latencyFigures(cti),
    kamailioOut: latencyFigures(kamailioOut),
    pgMs: latencyFigures(pgMs),
    pgRoundTrips: latencyFigures(pgRoundTrips),
    pgCommits: latencyFigures(pgCommits),
    ctiNotPgMs: latencyFigures(ctiNotPg),
    typicalPgSequence: sequences[Math.floor(sequences.length / 2)]?.tags.slice(0, 20) ?? [],
  };
}
