import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster } from './embeddedCluster.js';

/** A port the OS just handed out on 127.0.0.1 (free now; a racing process may still take it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A detached shell that outlives us: once this process is gone (even by
 * SIGKILL, when no exit hook runs) it stops the cluster and removes `dir`.
 * It ends by itself as soon as `dir` disappears (normal cleanup).
 */
function startReaper(dir: string): void {
  const script = `
    while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
    [ -d "$2" ] || exit 0
    pid=$(head -n 1 "$2/cluster/postmaster.pid" 2>/dev/null)
    if [ -n "$pid" ]; then
      kill -INT "$pid" 2>/dev/null
      i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 30 ]; do sleep 1; i=$((i+1)); done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -rf "$2"`;
  spawn('sh', ['-c', script, 'omnicc-pg-reaper', String(process.pid), dir], { detached: true, stdio: 'ignore' }).unref();
}

export interface TestCluster {
  cluster: EmbeddedCluster;
  dir: string;
}

/**
 * Starts a throwaway embedded cluster (no fsync) in a fresh temp dir on a
 * free port. Callers stop it with stopTestCluster; if they cannot, the exit
 * hook and the reaper do.
 */
export async function startTestCluster(log: (msg: string) => void = () => undefined): Promise<TestCluster> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omnicc-pg-test-'));
  startReaper(dir);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const cluster = await startEmbeddedCluster({ dir, port: await freePort(), log, ephemeral: true });
      // Synchronous last resort: 'exit' handlers cannot await, but a signal is enough for a fast shutdown.
      process.once('exit', () => {
        const pid = cluster.pid;
        if (pid !== undefined) process.kill(pid, 'SIGINT');
      });
      return { cluster, dir };
    } catch (err) {
      lastError = err; // most likely the port was taken between freePort() and bind; try another
    }
  }
  await fs.rm(dir, { recursive: true, force: true });
  throw lastError;
}

/** Stops the cluster and deletes its temp dir. */
export async function stopTestCluster(test: TestCluster): Promise<void> {
  await test.cluster.stop();
  await fs.rm(test.dir, { recursive: true, force: true });
}
