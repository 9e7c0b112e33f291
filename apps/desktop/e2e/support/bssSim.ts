import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BSS_DIR = path.resolve(import.meta.dirname, '../../../bss-sim');

/** The simulator's development API key (docs/bss-sim.md §1). */
export const BSS_DEV_KEY = 'bss-sim-dev-key';
/** Its development admin key, for /admin/faults. */
export const BSS_DEV_ADMIN_KEY = 'bss-sim-dev-admin-key';

export interface BssSim {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the BSS simulator (apps/bss-sim) on a free port, as the demo's
 * billing system, and waits for the URL it prints first. `env` adds
 * BSS_* settings (latency, faults).
 */
export async function startBssSim(env: Record<string, string> = {}): Promise<BssSim> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: BSS_DIR,
    env: { ...process.env, BSS_PORT: '0', BSS_SUBSCRIBERS: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bss-sim did not start:\n${out}`)), 30_000);
    const check = (d: Buffer): void => {
      out += d.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bss-sim exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
