import fs from 'node:fs/promises';
import path from 'node:path';
import { clusterPids, isAlive, procfsAvailable, processStartTime, waitFor } from './clusterProcesses.js';

/**
 * Which process started the embedded cluster, written next to it after each
 * start: "<pid> <start time>". It tells a cluster still in use by a live
 * server from one orphaned by a server killed with -9 (PostgreSQL does not
 * exit with its parent).
 */
export async function writeOwner(ownerFile: string): Promise<void> {
  await fs.writeFile(ownerFile, `${process.pid} ${(await processStartTime(process.pid)) ?? ''}\n`);
}

async function liveOwner(ownerFile: string): Promise<number | undefined> {
  const [pidText, started] = (await fs.readFile(ownerFile, 'utf8').catch(() => '')).trim().split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  // Same pid but another start time: the owner died and its pid was reused.
  return started && started !== (await processStartTime(pid)) ? undefined : pid;
}

async function stopProcess(pid: number, log: (msg: string) => void): Promise<void> {
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
  if (await waitFor(() => !isAlive(pid), 30_000, 100)) return;
  log(`embedded PostgreSQL pid ${pid} ignored SIGINT for 30 s; killing it`);
  process.kill(pid, 'SIGKILL');
  await waitFor(() => !isAlive(pid), 5_000, 50);
}

/**
 * Makes a data directory startable after a crash. PostgreSQL refuses to start
 * while postmaster.pid names a live process, and cannot tell its own orphan
 * (left by our server killed with -9) or an unrelated process that reused the
 * pid (common in containers) from a real conflict. Here:
 * - cluster running and its owner alive: throw, the directory is in use;
 * - cluster running, owner gone: shut the orphan down;
 * - postmaster gone: wait for its backends to exit (they notice within
 *   moments), then remove the lock, which nothing holds any more.
 * Off Linux (no /proc) it does nothing and PostgreSQL's own check applies.
 */
export async function clearStaleLock(pgdata: string, ownerFile: string, log: (msg: string) => void): Promise<void> {
  if (!procfsAvailable()) return;
  const lockFile = path.join(pgdata, 'postmaster.pid');
  const firstLine = (await fs.readFile(lockFile, 'utf8').catch(() => undefined))?.split('\n', 1)[0];
  if (firstLine === undefined) return;
  const lockPid = Number(firstLine);
  if ((await clusterPids(pgdata)).includes(lockPid)) {
    const owner = await liveOwner(ownerFile);
    if (owner !== undefined) {
      throw new Error(`the embedded PostgreSQL in ${pgdata} is in use by process ${owner}; stop it or use another data dir`);
    }
    log(`stopping the embedded PostgreSQL (pid ${lockPid}) left running by a server that crashed`);
    await stopProcess(lockPid, log);
  }
  // Starting while old backends still hold the shared memory fails; they exit on postmaster death.
  if (!(await waitFor(async () => (await clusterPids(pgdata)).length === 0, 10_000, 100))) {
    for (const pid of await clusterPids(pgdata)) process.kill(pid, 'SIGKILL');
    await waitFor(async () => (await clusterPids(pgdata)).length === 0, 5_000, 50);
  }
  log(`removing stale ${lockFile} (pid ${firstLine} is no longer this cluster's postmaster)`);
  await fs.rm(lockFile, { force: true });
}
