/**
 * decide() latency and throughput at 100 / 1,000 / 5,000 agents x 1,000 /
 * 10,000 / 50,000 queued interactions, over 20 skills, 60 queues and all
 * tiers. Each size runs a steady mix of accept, end, wrap-up done, enqueue
 * and tick events, timing every decide() with hrtime. Prints a table, then
 * JSON. Figures only: nothing here asserts a time.
 *
 *   pnpm bench:routing            (from the repo root)
 *   ROUTING_BENCH_ONLY=5000x50000 pnpm bench:routing   (one size, e.g. for a profile)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkInvariants, type AcdEvent } from '../../apps/cti-server/src/domain/acd/index.js';
import { buildWorld, enqueueEvent, rng, step, type World } from './world.js';

const AGENTS = [100, 1_000, 5_000];
const QUEUED = [1_000, 10_000, 50_000];
const WARMUP = 10_000;
const MEASURED = 100_000;

// A full GC before each memory reading, so the figures are what the world retains, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMB = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

interface Row {
  agents: number;
  queued: number;
  events: number;
  p50us: number;
  p99us: number;
  p999us: number;
  /** The slowest event; at these heap sizes it is a garbage-collection pause, not routing work. */
  maxUs: number;
  meanUs: number;
  decisionsPerSec: number;
  offers: number;
  waitingAfter: number;
  setupMs: number;
  /** Heap the world (ACD state) retains after a full GC. */
  stateMB: number;
  rssMB: number;
}

/** What the mix can act on next, fed from the commands. */
interface Backlog {
  ringing: { offerId: string; agentId: string }[];
  assigned: string[];
  wrapping: string[];
}

/**
 * A steady mix in cycles of five: accept the oldest ringing offer, end the
 * oldest assignment, finish the oldest wrap-up, enqueue, tick. Enqueues are
 * held back while more than the target size waits (a tick instead), so
 * every size is measured at its own queue length.
 */
function nextEvent(i: number, world: World, b: Backlog, r: () => number, below: boolean): AcdEvent {
  switch (i % 5) {
    case 0: {
      const offer = b.ringing.shift();
      if (offer) return { type: 'offerAccepted', offerId: offer.offerId, agentId: offer.agentId };
      break;
    }
    case 1: {
      const id = b.assigned.shift();
      if (id) return { type: 'interactionEnded', interactionId: id };
      break;
    }
    case 2: {
      const agentId = b.wrapping.shift();
      if (agentId) return { type: 'wrapUpDone', agentId };
      break;
    }
    case 4:
      return { type: 'tick' };
  }
  return below ? enqueueEvent(world, r) : { type: 'tick' };
}

function waiting(world: World): number {
  let n = 0;
  for (const q of world.state.queues.values()) n += q.waiting;
  return n;
}

function feed(b: Backlog, commands: ReturnType<typeof step>['commands']): number {
  let offers = 0;
  for (const c of commands) {
    if (c.type === 'offer') {
      offers++;
      b.ringing.push({ offerId: c.offerId, agentId: c.agentId });
    } else if (c.type === 'assigned') b.assigned.push(c.interactionId);
    else if (c.type === 'ended') b.wrapping.push(c.agentId);
  }
  return offers;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function run(agents: number, queued: number): Row {
  const heapBefore = heapMB();
  const t0 = process.hrtime.bigint();
  const world = buildWorld(agents, queued);
  const setupMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const r = rng(7);
  const b: Backlog = { ringing: [], assigned: [], wrapping: [] };
  // The world starts loaded: its assignments end first-in first-out.
  for (const ix of world.state.interactions.values()) if (ix.state === 'assigned') b.assigned.push(ix.id);
  const samples = new Float64Array(MEASURED);
  let offers = 0;
  for (let i = 0; i < WARMUP + MEASURED; i++) {
    const event = nextEvent(i, world, b, r, waiting(world) < queued);
    const start = process.hrtime.bigint();
    const d = step(world, event);
    const ns = Number(process.hrtime.bigint() - start);
    if (i >= WARMUP) {
      samples[i - WARMUP] = ns / 1000;
      offers += feed(b, d.commands);
    } else {
      feed(b, d.commands);
    }
  }
  const problems = checkInvariants(world.state);
  if (problems.length > 0) throw new Error(`invariants broken: ${problems.slice(0, 3).join('; ')}`);
  const total = samples.reduce((a, x) => a + x, 0);
  const sorted = samples.slice().sort();
  const stateMB = heapMB() - heapBefore;
  const waitingAfter = waiting(world);
  return {
    agents,
    queued,
    events: MEASURED,
    p50us: round(percentile(sorted, 0.5)),
    p99us: round(percentile(sorted, 0.99)),
    p999us: round(percentile(sorted, 0.999)),
    maxUs: round(sorted[sorted.length - 1] ?? 0),
    meanUs: round(total / MEASURED),
    decisionsPerSec: Math.round((MEASURED / total) * 1e6),
    offers,
    waitingAfter,
    setupMs: Math.round(setupMs),
    stateMB: Math.round(stateMB),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}

const round = (x: number): number => Math.round(x * 100) / 100;

function main(): void {
  const rows: Row[] = [];
  const only = process.env.ROUTING_BENCH_ONLY;
  for (const agents of AGENTS) {
    for (const queued of QUEUED) {
      if (only !== undefined && only !== `${agents}x${queued}`) continue;
      const row = run(agents, queued);
      rows.push(row);
      process.stderr.write(`done ${agents} x ${queued}\n`);
    }
  }
  const header = ['agents', 'queued', 'p50 µs', 'p99 µs', 'p99.9 µs', 'max µs', 'mean µs', 'decisions/s', 'offers', 'waiting after', 'state MB', 'rss MB'];
  const lines = rows.map((x) => [x.agents, x.queued, x.p50us, x.p99us, x.p999us, x.maxUs, x.meanUs, x.decisionsPerSec, x.offers, x.waitingAfter, x.stateMB, x.rssMB].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  console.log(`decide() per event, ${MEASURED} events per size after ${WARMUP} warm-up (node ${process.version})`);
  console.log(fmt(header));
  for (const l of lines) console.log(fmt(l));
  const target = rows.find((x) => x.agents === 5_000 && x.queued === 50_000);
  if (target) console.log(`target at 5,000 x 50,000: p99 ${target.p99us} µs (<= 50), ${target.decisionsPerSec} decisions/s (>= 50,000)`);
  console.log(JSON.stringify({ bench: 'routing.decide', node: process.version, warmup: WARMUP, events: MEASURED, rows }, null, 2));
}

main();
