import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/adapters/db/testCluster.js';

export { freePort };

const SERVER_DIR = path.resolve(import.meta.dirname, '../..');

/**
 * The production entry (src/index.ts) as a child process, so a test can kill
 * it with SIGKILL like a crash and start it again on the same database.
 */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private log = '';

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  output(): string {
    return this.log;
  }

  /** Starts the server and resolves when /healthz answers 200. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: SERVER_DIR,
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.log += d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.log}`);
      const ok = await fetch(`${this.url}/healthz`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server did not become healthy:\n${this.log}`);
  }

  /** SIGKILL: no shutdown hooks run, exactly like a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || hasExited(child)) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || hasExited(child)) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (!hasExited(child)) await this.kill();
  }
}

/** A child killed by a signal keeps exitCode null: it has signalCode instead. */
const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;
