/**
 * SMS submitted per second over SMPP, against the SMSC simulator on
 * 127.0.0.1 (in a child process, so the figures are our side's).
 *
 * 1. gateway: N short messages through SmppSmsGateway.send, 100 callers
 *    at once over one transceiver bind (window 10), no receipts asked:
 *    the bind's own rate and each send's latency (call to submit_sm_resp).
 * 2. outbox: N agent replies stored `pending` in PostgreSQL (machine
 *    database), then submitted by the SmsOutbox as the routing owner does
 *    (100 read per query, 10 in flight, ids stored per message), and the
 *    simulator's receipts (20 ms after each submit) applied until every
 *    message is `delivered`.
 * Prints a table and one JSON line; asserts nothing.
 *
 *   pnpm bench:sms                       (from the repo root)
 *   SMS_BENCH_MESSAGES=1000 pnpm bench:sms
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type PinoModule from 'pino';
import { openTestStore } from '../../apps/cti-server/src/adapters/db/testing.js';
import { createPgSmsStore } from '../../apps/cti-server/src/adapters/db/smsStore.js';
import { SmppSmsGateway } from '../../apps/cti-server/src/adapters/smpp/smppGateway.js';
import type { SmsGateway } from '../../apps/cti-server/src/features/sms/smsGateway.js';
import { SmsOutbox } from '../../apps/cti-server/src/features/sms/smsOutbox.js';
import { eachLimited, latencyFigures, sleep } from '../socket/stats.js';
import { startSmscChild } from './smscChild.js';

const MESSAGES = Number(process.env.SMS_BENCH_MESSAGES ?? 10_000);
const CALLERS = 100;
const CREDENTIALS = { systemId: 'omnicc', password: 'sim-pass' };
const SERVER_DIR = fileURLToPath(new URL('../../apps/cti-server/', import.meta.url));
// pino is the server's dependency, not the root's: loaded from there (as bench/email does).
const pino = createRequire(new URL('../../apps/cti-server/package.json', import.meta.url))('pino') as typeof PinoModule;
const log = pino({ level: 'silent' });

const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);
const memory = () => ({ rssMiB: mib(process.memoryUsage().rss), heapMiB: mib(process.memoryUsage().heapUsed) });
/** This process's CPU time over `wallMs`, in percent of one core: near 100 means our side is the limit. */
const cpuPercent = (since: NodeJS.CpuUsage, wallMs: number): number => {
  const used = process.cpuUsage(since);
  return Math.round(((used.user + used.system) / 1000 / wallMs) * 100);
};
const numberOf = (i: number): string => `+86139${String(i).padStart(8, '0')}`;

const startSmsc = () => startSmscChild(CREDENTIALS, SERVER_DIR);

/** Phase 1: the bind alone. */
async function gatewayPhase(gateway: SmsGateway) {
  const latencies: number[] = [];
  const before = memory();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await eachLimited(
    Array.from({ length: MESSAGES }, (_, i) => i),
    CALLERS,
    async (i) => {
      const t = performance.now();
      await gateway.send(numberOf(i), `Your verification code is ${100000 + i}. It expires in 5 minutes.`, { ref: `bench-${i}`, receipt: false });
      latencies.push(performance.now() - t);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSec: Math.round(MESSAGES / seconds), seconds: Number(seconds.toFixed(2)), latency: latencyFigures(latencies), cpuPercent: cpuPercent(cpu, seconds * 1000), memory: { before, after: memory() } };
}

/** Phase 2: stored replies through the outbox, until every receipt is applied. */
async function outboxPhase(gateway: SmsGateway) {
  const db = await openTestStore('machine');
  try {
    const sms = createPgSmsStore(db.pool);
    await db.store.queues.upsert({ id: 'sms-general', channel: 'sms', nameEn: 'SMS', nameZh: '短信' });
    const opened = await sms.ingest.ingest(
      { number: numberOf(0), serviceNumber: '10086', gateway: gateway.name, text: '你好', parts: 1, missingParts: [], contentHash: 'bench', at: new Date().toISOString() },
      { queueId: 'sms-general', threadWindowMs: 3600_000, duplicateWindowMs: 0 },
    );
    if (opened.kind !== 'created') throw new Error('no conversation opened');
    const authorId = (await db.store.users.upsert({ username: 'bench', displayName: 'Bench', role: 'agent', passwordHash: 'x' })).id;
    const storeStarted = performance.now();
    await eachLimited(
      Array.from({ length: MESSAGES }, (_, i) => i),
      10,
      async (i) => {
        await sms.outbox.add({ interactionId: opened.interaction.id, number: numberOf(i), serviceNumber: '10086', gateway: gateway.name, text: `您好，您的工单 ${i} 已处理完毕。`, parts: 1, clientMessageId: `bench-${i}`, authorId, at: new Date().toISOString() });
      },
    );
    const storeSeconds = (performance.now() - storeStarted) / 1000;

    const latencies: number[] = [];
    const timed: SmsGateway = Object.create(gateway, {
      send: {
        value: async (...args: Parameters<SmsGateway['send']>) => {
          const t = performance.now();
          const result = await gateway.send(...args);
          latencies.push(performance.now() - t);
          return result;
        },
      },
    }) as SmsGateway;
    // One query a poll, every 100 ms: the poll shares the database with what it measures.
    const progress = async () => {
      const { rows } = await db.pool.query<{ submitted: string; delivered: string }>(
        "SELECT count(*) FILTER (WHERE delivery_status IN ('submitted', 'delivered')) AS submitted, count(*) FILTER (WHERE delivery_status = 'delivered') AS delivered FROM sms_messages WHERE direction = 'out'",
      );
      return { submitted: Number(rows[0]?.submitted ?? 0), delivered: Number(rows[0]?.delivered ?? 0) };
    };
    const outbox = new SmsOutbox({ store: sms.outbox, clock: { now: () => Date.now() }, log, retryBaseMs: 1000, maxAttempts: 5 });
    const before = memory();
    const cpu = process.cpuUsage();
    const started = performance.now();
    outbox.start(timed);
    let submittedAt = 0;
    for (;;) {
      const done = await progress();
      if (!submittedAt && done.submitted >= MESSAGES) submittedAt = performance.now();
      if (done.delivered >= MESSAGES) break;
      if (performance.now() - started > 600_000) throw new Error('outbox did not finish in 10 minutes');
      await sleep(100);
    }
    const deliveredAt = performance.now();
    submittedAt ||= deliveredAt;
    outbox.halt();
    await outbox.idle();
    return {
      storedPerSec: Math.round(MESSAGES / storeSeconds),
      submittedPerSec: Math.round(MESSAGES / ((submittedAt - started) / 1000)),
      deliveredPerSec: Math.round(MESSAGES / ((deliveredAt - started) / 1000)),
      seconds: Number(((deliveredAt - started) / 1000).toFixed(2)),
      latency: latencyFigures(latencies),
      cpuPercent: cpuPercent(cpu, deliveredAt - started),
      memory: { before, after: memory() },
    };
  } finally {
    await db.cleanup();
  }
}

async function main(): Promise<void> {
  const smsc = await startSmsc();
  const gateway = new SmppSmsGateway({ host: '127.0.0.1', port: smsc.port, ...CREDENTIALS, sourceAddr: '10086', log });
  gateway.on('receipt', () => undefined);
  try {
    await gateway.start();
    const bind = await gatewayPhase(gateway);
    const outbox = await outboxPhase(gateway);
    const accepted = await smsc.submits();
    console.log(`SMS over SMPP to the simulator on 127.0.0.1: ${MESSAGES} messages per phase, one transceiver bind (window 10)`);
    console.table({
      'gateway.send (100 callers)': { 'per s': bind.perSec, 'p50 ms': bind.latency.p50ms, 'p99 ms': bind.latency.p99ms, seconds: bind.seconds, 'cpu %': bind.cpuPercent, 'rss MiB': `${bind.memory.before.rssMiB} -> ${bind.memory.after.rssMiB}` },
      'outbox: stored -> submitted': { 'per s': outbox.submittedPerSec, 'p50 ms': outbox.latency.p50ms, 'p99 ms': outbox.latency.p99ms, seconds: '', 'cpu %': '', 'rss MiB': '' },
      'outbox: stored -> delivered': { 'per s': outbox.deliveredPerSec, 'p50 ms': '', 'p99 ms': '', seconds: outbox.seconds, 'cpu %': outbox.cpuPercent, 'rss MiB': `${outbox.memory.before.rssMiB} -> ${outbox.memory.after.rssMiB}` },
      'replies stored (POST path)': { 'per s': outbox.storedPerSec, 'p50 ms': '', 'p99 ms': '', seconds: '', 'cpu %': '', 'rss MiB': '' },
    });
    console.log(JSON.stringify({ bench: 'sms', messages: MESSAGES, accepted, gateway: bind, outbox }));
  } finally {
    await gateway.close();
    smsc.child.send('close');
  }
}

await main();
