import { formatFen } from './data/money.js';
import { arrearsOf } from './data/ledger.js';
import { DEMO_SUBSCRIBERS } from './data/demo.js';
import { ConfigError, loadConfig } from './config.js';
import { createBssSim, DEV_ADMIN_KEY, DEV_API_KEY } from './server.js';

/**
 * `pnpm --filter @omnicc/bss-sim start`: starts the simulator from the
 * environment, prints where it listens and who the demo subscribers are,
 * and stops cleanly on SIGINT/SIGTERM. The first line is the URL alone, so a
 * script can read it.
 */
let options;
try {
  options = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`bss-sim: ${err.message}`);
  process.exit(2);
}
const sim = await createBssSim(options);
const { dataset } = sim;
console.log(sim.url);
console.log(`BSS simulator: ${dataset.size.toLocaleString('en')} subscribers, seed ${dataset.seed}, as of ${dataset.asOf}`);
console.log(`API key: ${options.apiKey ? '(from BSS_API_KEY)' : DEV_API_KEY}   admin key: ${options.adminKey ? '(from BSS_ADMIN_KEY)' : DEV_ADMIN_KEY}`);
if (sim.faults.size > 0) console.log(`fault rules: ${JSON.stringify(sim.faults.list())}`);
console.log('demo subscribers:');
console.table(
  DEMO_SUBSCRIBERS.map((demo, index) => {
    const sub = dataset.subscriberAt(index);
    return { msisdn: sub.msisdn, name: sub.name, tier: sub.tier, status: sub.status, arrears: formatFen(arrearsOf(sub, dataset.asOfDay).amountFen), role: demo.role };
  }),
);

const stop = (signal: string) => {
  console.log(`bss-sim: ${signal}, stopping`);
  sim.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
