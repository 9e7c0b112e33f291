/**
 * SMS group send (短信群发) to many recipients over SMPP, against the SMSC
 * simulator on 127.0.0.1 in a child process (receipts 20 ms after each
 * submit). The recipients are written by PostgreSQL itself
 * (generate_series, machine database), so this process never holds the
 * list: what it shows is the CampaignRunner's own footprint, claiming and
 * recording in batches at the campaign's rate, and applying every receipt.
 * Prints throughput, submit latency (gateway.send to submit_sm_resp),
 * RSS sampled every 250 ms (start, peak, end) as a table and one JSON
 * line; asserts nothing.
 *
 *   pnpm bench:sms:group                                   (from the repo root)
 *   SMS_GROUP_RECIPIENTS=10000 SMS_GROUP_RATE=500 pnpm bench:sms:group
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type PinoModule from 'pino';
import { openTestStore } from '../../apps/cti-server/src/adapters/db/testing.js';
import { createPgSmsCampaignStore } from '../../apps/cti-server/src/adapters/db/smsCampaignStore.js';
import { SmppSmsGateway } from '../../apps/cti-server/src/adapters/smpp/smppGateway.js';
import { systemClock } from '../../apps/cti-server/src/clock.js';
import type { SmsGateway } from '../../apps/cti-server/src/features/sms/smsGateway.js';
import { CampaignRunner } from '../../apps/cti-server/src/features/smsCampaigns/campaignRunner.js';
import { latencyFigures, sleep } from '../socket/stats.js';
import { startSmscChild } from './smscChild.js';

const RECIPIENTS = Number(process.env.SMS_GROUP_RECIPIENTS ?? 100_000);
const RATE = Number(process.env.SMS_GROUP_RATE ?? 2000);
const CREDENTIALS = { systemId: 'omnicc', password: 'sim-pass' };
const SERVER_DIR = fileURLToPath(new URL('../../apps/cti-server/', import.meta.url));
const pino = createRequire(new URL('../../apps/cti-server/package.json', import.meta.url))('pino') as typeof PinoModule;
const log = pino({ level: 'silent' });
const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);

const startSmsc = () => startSmscChild(CREDENTIALS, SERVER_DIR);

/** The gateway, with each send timed into a preallocated array (no growth while sampling memory). */
function timed(gateway: SmsGateway, samples: Float64Array, counter: { n: number }): SmsGateway {
  const send = gateway.send.bind(gateway);
  gateway.send = async (to, text, options) => {
    const started = performance.now();
    const result = await send(to, text, options);
    if (counter.n < samples.length) samples[counter.n++] = performance.now() - started;
    return result;
  };
  return gateway;
}

async function main(): Promise<void> {
  const smsc = await startSmsc();
  const db = await openTestStore('machine');
  const gateway = new SmppSmsGateway({ host: '127.0.0.1', port: smsc.port, ...CREDENTIALS, sourceAddr: '10086', log });
  const campaigns = createPgSmsCampaignStore(db.pool);
  const runner = new CampaignRunner({ store: campaigns, clock: systemClock, log, serviceNumber: '10086', timeZone: 'Asia/Shanghai' });
  try {
    const userId = (await db.store.users.upsert({ username: 'bench', displayName: 'Bench', role: 'teamLead', passwordHash: 'x' })).id;
    const made = await campaigns.create({ name: 'bench', body: '{{customer.name}}您好，您的账单已出，请登录APP查看。', language: 'zh-CN', ratePerSecond: RATE, createdBy: userId, at: new Date().toISOString(), recipients: [] });
    const written = performance.now();
    await db.pool.query(
      `INSERT INTO sms_campaign_recipients (campaign_id, seq, number, name, state, updated_at)
       SELECT $1, g, '+86139' || lpad(g::text, 8, '0'), '客户' || g, 'pending', now() FROM generate_series(1, $2::int) g`,
      [made.id, RECIPIENTS],
    );
    await db.pool.query('UPDATE sms_campaigns SET total = $2 WHERE id = $1', [made.id, RECIPIENTS]);
    await db.pool.query('ANALYZE sms_campaign_recipients');
    const writeSeconds = (performance.now() - written) / 1000;

    const samples = new Float64Array(RECIPIENTS);
    const counter = { n: 0 };
    await gateway.start();
    global.gc?.();
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 250);
    const rssStart = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    await campaigns.transition(made.id, ['draft'], 'running', new Date().toISOString());
    const started = performance.now();
    runner.start(timed(gateway, samples, counter));
    let submittedAt = 0;
    let [lastEnded, lastChange] = [0, performance.now()];
    for (;;) {
      await sleep(500);
      const c = await campaigns.get(made.id);
      if (!c) throw new Error('campaign gone');
      if (!submittedAt && c.state === 'done') submittedAt = performance.now();
      if (c.state === 'done' && c.counts.delivered + c.counts.failed + c.counts.undelivered + c.counts.skipped >= RECIPIENTS) break;
      // Receipts that never came would keep it waiting: after 30 s without one, the figures are printed as they stand.
      const ended = c.counts.delivered + c.counts.failed + c.counts.undelivered + c.counts.skipped;
      if (ended !== lastEnded) [lastEnded, lastChange] = [ended, performance.now()];
      else if (c.state === 'done' && performance.now() - lastChange > 30_000) break;
    }
    const deliveredAt = performance.now();
    clearInterval(sampler);
    const rssEnd = process.memoryUsage().rss;
    await runner.halt();
    const final = await campaigns.get(made.id);
    const seconds = (submittedAt - started) / 1000;
    const cpuUsed = process.cpuUsage(cpu);
    const result = {
      bench: 'sms-group',
      recipients: RECIPIENTS,
      ratePerSecond: RATE,
      recipientsWrittenSeconds: Number(writeSeconds.toFixed(2)),
      submittedPerSec: Math.round(RECIPIENTS / seconds),
      seconds: Number(seconds.toFixed(1)),
      deliveredSeconds: Number(((deliveredAt - started) / 1000).toFixed(1)),
      latency: latencyFigures(Array.from(samples.subarray(0, counter.n))),
      cpuPercent: Math.round(((cpuUsed.user + cpuUsed.system) / 1000 / (deliveredAt - started)) * 100),
      rssMiB: { start: mib(rssStart), peak: mib(Math.max(rssStart, ...rss)), end: mib(rssEnd) },
      accepted: await smsc.submits(),
      counts: final?.counts,
    };
    console.log(`SMS group send over SMPP to the simulator on 127.0.0.1: ${RECIPIENTS} recipients at ${RATE}/s, one transceiver bind (window 10, 8 for campaigns)`);
    console.table({
      'group send': {
        'per s': result.submittedPerSec,
        'p50 ms': result.latency.p50ms,
        'p99 ms': result.latency.p99ms,
        'seconds (submitted)': result.seconds,
        'seconds (delivered)': result.deliveredSeconds,
        'cpu %': result.cpuPercent,
        'rss MiB start/peak/end': `${result.rssMiB.start} / ${result.rssMiB.peak} / ${result.rssMiB.end}`,
      },
    });
    console.log(JSON.stringify(result));
  } finally {
    await runner.halt();
    await gateway.close();
    smsc.child.send('close');
    await db.cleanup();
  }
}

await main();
