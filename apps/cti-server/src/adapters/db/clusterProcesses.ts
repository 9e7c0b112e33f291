import fs from 'node:fs/promises';

/**
 * Linux /proc helpers to find the processes of one embedded cluster. Every
 * PostgreSQL process chdirs into its data directory, so "cwd is PGDATA"
 * identifies the postmaster and all its children, including backends left
 * behind by a killed postmaster, without trusting a pid that may be reused.
 */

export const procfsAvailable = (): boolean => process.platform === 'linux';

/** Pids whose working directory is `pgdata`; [] off Linux or when pgdata is missing. */
export async function clusterPids(pgdata: string): Promise<number[]> {
  if (!procfsAvailable()) return [];
  const real = await fs.realpath(pgdata).catch(() => undefined);
  if (real === undefined) return [];
  const entries = await fs.readdir('/proc');
  const hits = await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => ((await fs.readlink(`/proc/${e}/cwd`).catch(() => '')) === real ? Number(e) : undefined)),
  );
  return hits.filter((pid): pid is number => pid !== undefined);
}

/** True when a process with this pid exists (EPERM means it exists but is not ours). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The kernel start time of a process (field 22 of /proc/<pid>/stat), which
 * with the pid identifies it even after the pid has been reused.
 */
export async function processStartTime(pid: number): Promise<string | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const rest = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return rest?.[19];
}

/** Memory of the cluster's processes. RSS counts shared buffers once per process; PSS splits them. */
export interface ClusterMemory {
  processes: number;
  rssBytes: number;
  pssBytes: number;
}

/** Sums VmRSS and Pss over the cluster's processes (Linux only; zeros elsewhere). */
export async function clusterMemory(pgdata: string): Promise<ClusterMemory> {
  const pids = await clusterPids(pgdata);
  const kb = (text: string | undefined, field: string): number => {
    const m = text?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  };
  let rssBytes = 0;
  let pssBytes = 0;
  for (const pid of pids) {
    rssBytes += kb(await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined), 'VmRSS');
    pssBytes += kb(await fs.readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => undefined), 'Pss');
  }
  return { processes: pids.length, rssBytes, pssBytes };
}

/** Polls `done` until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitFor(done: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
