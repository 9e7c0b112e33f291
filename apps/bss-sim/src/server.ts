import Fastify from 'fastify';
import { createDataset, type Dataset } from './data/dataset.js';
import { installAuth } from './api/auth.js';
import { catalogRoutes } from './api/catalogRoutes.js';
import { installErrorHandlers } from './api/errors.js';
import { PaymentOverlay } from './api/overlay.js';
import { subscriberRoutes } from './api/subscriberRoutes.js';
import { adminRoutes } from './faults/adminRoutes.js';
import { installFaults } from './faults/faultHooks.js';
import type { FaultRuleInput } from './faults/faultSchema.js';
import { FaultTable } from './faults/faultTable.js';

/** The keys used when none are given: fine on a loopback-only simulator, printed at start. */
export const DEV_API_KEY = 'bss-sim-dev-key';
export const DEV_ADMIN_KEY = 'bss-sim-dev-admin-key';

/** How to start a simulator. */
export interface BssSimOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  subscribers?: number;
  seed?: number;
  /** The day the data describes ('YYYY-MM-DD'); default today in China. */
  asOf?: string;
  apiKey?: string;
  adminKey?: string;
  /** Fault rules in force from the start. */
  faults?: readonly FaultRuleInput[];
  /** Fastify's request log; off by default. */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

/** A running simulator. */
export interface BssSim {
  /** Base URL, e.g. http://127.0.0.1:8090 */
  url: string;
  port: number;
  dataset: Dataset;
  faults: FaultTable;
  /** Stops listening and ends every connection, held or not. Idempotent. */
  close(): Promise<void>;
}

/** Starts the simulator on 127.0.0.1 (loopback only: it has no real security). */
export async function createBssSim(options: BssSimOptions = {}): Promise<BssSim> {
  const apiKey = options.apiKey ?? DEV_API_KEY;
  const adminKey = options.adminKey ?? DEV_ADMIN_KEY;
  if (apiKey.length < 8 || adminKey.length < 8) throw new RangeError('API and admin keys need 8 characters or more');
  if (apiKey === adminKey) throw new RangeError('the admin key must differ from the API key');
  const dataset = createDataset({
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.subscribers === undefined ? {} : { subscribers: options.subscribers }),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
  });
  const faults = new FaultTable();
  faults.replace(options.faults ?? []);
  const overlay = new PaymentOverlay(dataset);
  const closing = new AbortController();

  const app = Fastify({
    logger: options.logLevel && options.logLevel !== 'silent' ? { level: options.logLevel } : false,
    bodyLimit: 16 * 1024,
    // Held (`hang`) and trickling (`slowBody`) answers must not keep close() waiting.
    forceCloseConnections: true,
  });
  installErrorHandlers(app);
  // Faults first: a gateway fails before the billing system ever checks the key.
  installFaults(app, faults, closing.signal);
  installAuth(app, { apiKey, adminKey });
  app.get('/health', () => ({ status: 'ok', subscribers: dataset.size, seed: dataset.seed, asOf: dataset.asOf, faultRules: faults.size }));
  subscriberRoutes(app, dataset, overlay);
  catalogRoutes(app, dataset, overlay);
  adminRoutes(app, faults, overlay);

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataset,
    faults,
    close: () =>
      (closed ??= (async () => {
        closing.abort();
        await app.close();
      })()),
  };
}
