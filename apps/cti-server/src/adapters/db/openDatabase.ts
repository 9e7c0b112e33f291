import pg from 'pg';
import { resolveClusterDir } from './clusterDir.js';
import { startEmbeddedCluster } from './embeddedCluster.js';
import { createDatabaseIfMissing, ensureDatabaseFromUrl } from './ensureDatabase.js';

/** Name of the application database inside the embedded cluster. */
export const APP_DATABASE = 'omnicc';

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when absent the embedded server is used. */
  databaseUrl?: string;
  /** Folder of the embedded server (cluster, password, owner file); unused with databaseUrl. */
  dataDir: string;
  /** Port of the embedded server, bound to 127.0.0.1 only. */
  port: number;
  log?: (msg: string) => void;
}

export interface OpenedDatabase {
  /** Connection URL of the app database. The embedded one contains its password: do not log it. */
  url: string;
  pool: pg.Pool;
  embedded: boolean;
  /** Ends the pool (if the Store has not already) and stops the embedded server. Idempotent. */
  close(): Promise<void>;
}

function createPool(url: string, log: (msg: string) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Without a listener an idle client's error (server restart, admin kill) crashes the process.
  pool.on('error', (err) => log(`idle database connection failed: ${err.message}`));
  return pool;
}

const endPool = (pool: pg.Pool): Promise<void> => (pool.ended ? Promise.resolve() : pool.end());

/**
 * Opens the server's database: a pool on `databaseUrl` (creating that
 * database if the server lacks it), or else the embedded PostgreSQL in
 * `dataDir` on `port` (initdb on first run, stale lock recovery after a
 * crash, `omnicc` database created if missing). Does not migrate: call
 * migrate(pool) next.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const log = options.log ?? (() => undefined);
  if (options.databaseUrl !== undefined) {
    await ensureDatabaseFromUrl(options.databaseUrl, log);
    const pool = createPool(options.databaseUrl, log);
    let closing: Promise<void> | undefined;
    return { url: options.databaseUrl, pool, embedded: false, close: () => (closing ??= endPool(pool)) };
  }

  const dir = await resolveClusterDir(options.dataDir, log);
  const cluster = await startEmbeddedCluster({ dir, port: options.port, log });
  try {
    if (await createDatabaseIfMissing(cluster.clientConfig('postgres'), APP_DATABASE)) {
      log(`created database ${APP_DATABASE} in the embedded PostgreSQL`);
    }
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  const url = cluster.url(APP_DATABASE);
  const pool = createPool(url, log);
  let closing: Promise<void> | undefined;
  return {
    url,
    pool,
    embedded: true,
    close: () =>
      (closing ??= (async () => {
        // pool.end() waits for checked-out clients; a leaked one must not keep the server up.
        let timer: NodeJS.Timeout | undefined;
        const ended = await Promise.race([
          endPool(pool).then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 10_000))),
        ]);
        clearTimeout(timer);
        if (!ended) log('database pool did not drain in 10 s; stopping the embedded PostgreSQL anyway');
        await cluster.stop();
      })()),
  };
}
