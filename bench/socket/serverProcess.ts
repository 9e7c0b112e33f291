import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats.js';

const SERVER_DIR = fileURLToPath(new URL('../../apps/cti-server/', import.meta.url));

/** Every child started here is killed when this process exits, even on error or Ctrl+C. */
const children = new Set<ChildProcess>();
export function killChildren(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
process.on('exit', killChildren);

/** Remembers a child for the kill on exit. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  return child;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real server (src/index.ts) as a child process on a free port, in
 * production mode with warnings only; resolves once /healthz answers.
 * `env` adds to (and overrides) the defaults; `nodeArgs` go before the script
 * (e.g. --cpu-prof).
 */
export async function startServerProcess(env: Record<string, string>, nodeArgs: string[] = []): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/index.ts'], {
      cwd: SERVER_DIR,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let log = '';
  const keep = (d: Buffer): void => {
    if (log.length < 200_000) log += d.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { child, url, log: () => log };
    await sleep(100);
  }
  throw new Error(`server did not become healthy:\n${log}`);
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the child is gone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}
