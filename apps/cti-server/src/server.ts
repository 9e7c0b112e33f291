import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { systemClock } from './clock.js';
import { createApplication, type Application } from './app.js';
import { openDatabase } from './adapters/db/openDatabase.js';
import { migrate } from './adapters/db/migrate.js';
import { createPgStore } from './adapters/db/pgStore.js';
import type { Store } from './store/Store.js';
import type pg from 'pg';
import { startEmbeddedTelephony } from './features/voice/embeddedTelephony.js';

export interface RunningServer {
  url: string;
  app: Application;
  store: Store;
  databaseUrl: string;
  embeddedDatabase: boolean;
  stop(): Promise<void>;
}

/**
 * Opens the database (the given PostgreSQL, or the embedded one), migrates
 * it, builds the application and listens. `prepare` runs after migration and
 * before routing recovers (the demo seeds there).
 */
export async function startServer(given: Config, logger: Logger, prepare?: (store: Store, pool: pg.Pool) => Promise<void>): Promise<RunningServer> {
  // One secret per run when none is configured (dev): tokens and the softphones' SIP credentials must agree.
  const config = { ...given, tokenSecret: given.tokenSecret ?? randomBytes(32).toString('base64url') };
  const db = await openDatabase({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: path.resolve(config.dataDir, 'pg'),
    port: config.embeddedPgPort,
    log: (msg) => logger.info(msg),
  });
  let telephony: Awaited<ReturnType<typeof startEmbeddedTelephony>> = {};
  try {
    await migrate(db.pool);
    const store = createPgStore(db.pool);
    await prepare?.(store, db.pool);
    telephony = await startEmbeddedTelephony(config.voice, { dataDir: config.dataDir, tokenSecret: config.tokenSecret, log: logger });
    const app = await createApplication({
      config,
      store,
      pool: db.pool,
      clock: systemClock,
      logger,
      ...(telephony.running === undefined ? {} : { voiceStackRunning: telephony.running }),
    });
    const url = await app.listen();
    let stopping: Promise<void> | undefined;
    return {
      url,
      app,
      store,
      databaseUrl: db.url,
      embeddedDatabase: db.embedded,
      stop: () =>
        (stopping ??= (async () => {
          await app.close();
          await telephony.stack?.stop();
          await db.close();
        })()),
    };
  } catch (err) {
    await telephony.stack?.stop();
    await db.close();
    throw err;
  }
}

/** Stops cleanly on SIGINT/SIGTERM (the embedded PostgreSQL must not be orphaned). */
export function stopOnSignals(server: RunningServer, logger: Logger): void {
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
