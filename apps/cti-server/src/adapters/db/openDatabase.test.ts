import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterPids, isAlive, waitFor } from './clusterProcesses.js';
import { FALLBACK_ROOT } from './clusterDir.js';
import { openDatabase, type OpenedDatabase } from './openDatabase.js';
import { freePort } from './testCluster.js';
import { MACHINE_ADMIN_URL, TEST_DB_KINDS } from './testing.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe.runIf(TEST_DB_KINDS.includes('embedded'))('openDatabase, embedded', () => {
  const dirs: string[] = [];
  const opened: OpenedDatabase[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await Promise.all(opened.splice(0).map((db) => db.close()));
    for (const d of dirs.splice(0)) {
      // A failed test may leave a server behind (an orphan it never took over): end it before deleting its files.
      for (const pid of await clusterPids(path.join(d, 'pg', 'cluster'))) process.kill(pid, 'SIGKILL');
      await fs.rm(d, { recursive: true, force: true });
    }
  });

  const tempDir = async (): Promise<string> => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omnicc-open-test-'));
    dirs.push(dir);
    await fs.chmod(dir, 0o755); // as root, the server account must be able to enter it (mkdtemp makes 0700)
    return path.join(dir, 'pg'); // not created yet: openDatabase must create it
  };
  const open = async (dataDir: string, port: number): Promise<OpenedDatabase> => {
    const db = await openDatabase({ dataDir, port });
    opened.push(db);
    return db;
  };
  const postmasterPid = async (dataDir: string): Promise<number> =>
    Number((await fs.readFile(path.join(dataDir, 'cluster', 'postmaster.pid'), 'utf8')).split('\n', 1)[0]);

  it.runIf(process.getuid?.() === 0)('moves a cluster the postgres account cannot reach to /var/lib/omnicc, and finds it again', async () => {
    const privateParent = await fs.mkdtemp(path.join(os.tmpdir(), 'omnicc-private-')); // 0700: postgres cannot enter
    dirs.push(privateParent);
    const dataDir = path.join(privateParent, 'data');
    const logs: string[] = [];
    const port = await freePort();
    const first = await openDatabase({ dataDir, port, log: (m) => logs.push(m) });
    opened.push(first);
    const moved = logs.find((l) => l.includes(FALLBACK_ROOT));
    expect(moved).toBeDefined();
    const fallback = /using (\S+)$/.exec(moved ?? '')?.[1] ?? '';
    await first.pool.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('ok')");
    await first.close();
    const second = await openDatabase({ dataDir, port });
    opened.push(second);
    expect((await second.pool.query('SELECT v FROM kept')).rows).toEqual([{ v: 'ok' }]);
    await second.close();
    for (const pid of await clusterPids(path.join(fallback, 'cluster'))) process.kill(pid, 'SIGKILL');
    await fs.rm(fallback, { recursive: true, force: true });
  });

  it('creates the cluster on 127.0.0.1 only, then reopens it with its data', async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    const first = await open(dataDir, port);
    expect(first.embedded).toBe(true);
    const info = await first.pool.query<{ v: string; listen: string; db: string; enc: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('listen_addresses') AS listen, current_database() AS db, current_setting('server_encoding') AS enc",
    );
    expect(info.rows[0]).toEqual({ v: expect.stringMatching(/^17\./) as unknown, listen: '127.0.0.1', db: 'omnicc', enc: 'UTF8' });
    await first.pool.query('CREATE TABLE kept (v text)');
    await first.pool.query("INSERT INTO kept VALUES ('队列')");
    await first.close();
    await expect(new pg.Client({ connectionString: first.url }).connect()).rejects.toThrow();

    const second = await open(dataDir, port);
    expect((await second.pool.query('SELECT v FROM kept')).rows).toEqual([{ v: '队列' }]);
  });

  it('refuses a data dir whose cluster is in use by a live process', async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    await open(dataDir, port);
    await expect(openDatabase({ dataDir, port: await freePort() })).rejects.toThrow(/in use by process/);
  });

  it('starts again after the postmaster was killed with -9', async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    const first = await open(dataDir, port);
    await first.pool.query('CREATE TABLE kept (v int)');
    await first.pool.query('INSERT INTO kept VALUES (42)');
    const pid = await postmasterPid(dataDir);
    process.kill(pid, 'SIGKILL');
    expect(await waitFor(() => !isAlive(pid), 5_000)).toBe(true);
    await first.close(); // must not hang on the dead server

    await expect(fs.access(path.join(dataDir, 'cluster', 'postmaster.pid'))).resolves.toBeUndefined(); // stale lock left behind
    const second = await open(dataDir, port);
    expect((await second.pool.query('SELECT v FROM kept')).rows).toEqual([{ v: 42 }]);
  });

  it('takes over a cluster orphaned by a server killed with -9', async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    // A real second process: its embedded PostgreSQL survives it when it is SIGKILLed.
    const script = `
      import { openDatabase } from ${JSON.stringify(path.join(here, 'openDatabase.ts'))};
      const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });
      await db.pool.query('CREATE TABLE kept (v int)');
      await db.pool.query('INSERT INTO kept VALUES (7)');
      console.log('READY');
      setInterval(() => undefined, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.resolve(here, '../../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const orphan = await postmasterPid(dataDir);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(isAlive(orphan)).toBe(true); // PostgreSQL does not die with its parent

    const db = await open(dataDir, port);
    expect((await db.pool.query('SELECT v FROM kept')).rows).toEqual([{ v: 7 }]);
    expect(isAlive(orphan)).toBe(false);
    expect(await postmasterPid(dataDir)).not.toBe(orphan);
    await db.close();
    expect(await clusterPids(path.join(dataDir, 'cluster'))).toEqual([]);
  });
});

describe.runIf(TEST_DB_KINDS.includes('machine'))('openDatabase, DATABASE_URL', () => {
  it('creates the named database when the server lacks it', async () => {
    const name = `omnicc_test_url_${randomBytes(4).toString('hex')}`;
    const url = new URL(MACHINE_ADMIN_URL);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '/nonexistent', port: 1 });
    try {
      expect(db.embedded).toBe(false);
      expect((await db.pool.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db).toBe(name);
    } finally {
      await db.close();
      const admin = new pg.Client({ connectionString: MACHINE_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
