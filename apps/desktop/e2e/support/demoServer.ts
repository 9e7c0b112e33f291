import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SERVER_DIR = path.resolve(import.meta.dirname, '../../../cti-server');

/** A free loopback port (closed again before use; good enough on a test machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface DemoServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the server exactly as the README's start command does (demo data,
 * embedded PostgreSQL), in its own temp data folder and on free ports, and
 * waits for it to print its URL. `env` adds to (or overrides) its environment.
 */
export async function startDemoServer(options: { env?: Record<string, string> } = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'omnicc-e2e-'));
  chmodSync(dataDir, 0o755); // as root the embedded PostgreSQL runs as `postgres`, which must enter it
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    OMNICC_EMBEDDED_PG_PORT: String(await freePort()),
    OMNICC_DATA_DIR: dataDir,
    // OMNICC_TEST_LOG=info (or debug) keeps the server's log in $TMPDIR/omnicc-e2e-<port>.log, to see what a failing test did.
    LOG_LEVEL: process.env.OMNICC_TEST_LOG ?? 'warn',
    ...options.env,
  };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/demo.ts'], { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo server did not start:\n${out}`)), 90_000);
    const check = () => {
      const match = /Agent desktop \(web\):\s+(\S+?)\/?\s/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo server exited with ${code}:\n${out}`));
    });
  });

  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (process.env.OMNICC_TEST_LOG) writeFileSync(path.join(tmpdir(), `omnicc-e2e-${env.PORT}.log`), out);
    },
  };
}
