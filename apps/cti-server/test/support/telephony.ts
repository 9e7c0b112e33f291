import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { missingTelephony, TELEPHONY_DIR, TelephonyStack, type TelephonyPorts } from '../../src/adapters/kamailio/telephonyStack.js';

export const SIPP_DIR = path.join(TELEPHONY_DIR, 'sipp');
export const SIP_DOMAIN = 'omnicc.local';
export const TEST_SIP_SECRET = 'test-sip-secret-0123456789';

/** Why voice tests cannot run here, or undefined when they can (Kamailio, rtpengine and sipp installed). */
export function telephonyMissing(): string | undefined {
  const missing = [...missingTelephony(), ...(existsSync('/usr/bin/sipp') ? [] : ['sipp'])];
  return missing.length ? `${missing.join(', ')} not installed: run apps/cti-server/telephony/install.sh` : undefined;
}

/**
 * A free TCP and UDP port on 127.0.0.1, below Linux's ephemeral range
 * (32768-60999): a port the kernel hands out for outgoing connections could
 * be taken by another test's client between this check and Kamailio's bind.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const tcpFree = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (!tcpFree) continue;
    const udpFree = await new Promise<boolean>((resolve) => {
      const u = createSocket('udp4');
      u.once('error', () => resolve(false));
      u.bind(port, '127.0.0.1', () => u.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

export async function freePorts(): Promise<TelephonyPorts> {
  // Media ports: a slice of 30000-40000 of this process's own, so parallel test files do not collide.
  const base = 30_000 + (process.pid % 45) * 200;
  return { sip: await freePort(), ws: await freePort(), evapi: await freePort(), rtpengineNg: await freePort(), rtpMin: base, rtpMax: base + 199 };
}

export interface TestTelephony {
  stack: TelephonyStack;
  ports: TelephonyPorts;
  dir: string;
  /** Runs sipp against Kamailio with a scenario of telephony/sipp; resolves with its exit code (0 = every call passed). */
  sipp(scenario: string, args: string[], timeoutMs?: number): Promise<{ code: number; errors: string }>;
  stop(): Promise<void>;
}

export async function startTestTelephony(options: { outboundGateway?: string; authSecret?: string; ctiGraceSeconds?: number } = {}): Promise<TestTelephony> {
  const dir = await mkdtemp(path.join(tmpdir(), 'omnicc-voice-'));
  const ports = await freePorts();
  const stack = new TelephonyStack({ dir, ports, domain: SIP_DOMAIN, authSecret: TEST_SIP_SECRET, log: process.env.OMNICC_TEST_LOG ? pino({ level: 'info' }, pino.destination(path.join(tmpdir(), `omnicc-telephony-${process.pid}.log`))) : pino({ level: 'silent' }), kamailioDebug: 2, ...options });
  await stack.start();
  let n = 0;
  const running = new Set<ChildProcess>();
  return {
    stack,
    ports,
    dir,
    sipp(scenario, args, timeoutMs = 20_000) {
      const errorFile = path.join(dir, `sipp-${++n}-errors.log`);
      // -nostdin: sipp otherwise watches its terminal; -timeout_error: a timed-out run fails instead of passing.
      const child = spawn('/usr/bin/sipp', ['-sf', path.join(SIPP_DIR, `${scenario}.xml`), '-i', '127.0.0.1', '-timeout', `${Math.ceil(timeoutMs / 1000)}s`, '-timeout_error', '-nostdin', '-trace_err', '-error_file', errorFile, ...args, `127.0.0.1:${ports.sip}`], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      running.add(child);
      child.once('exit', () => running.delete(child));
      // Bounded whatever sipp does: killed a little after its own timeout.
      const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 5000);
      guard.unref();
      child.once('exit', () => clearTimeout(guard));
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      return new Promise((resolve) => {
        child.on('exit', (code) => {
          void readFile(errorFile, 'utf8')
            .catch(() => '')
            .then((errors) => resolve({ code: code ?? -1, errors: `${errors}${stderr}`.slice(-3000) }));
        });
      });
    },
    async stop() {
      // A failed test may leave a sipp waiting: none outlives the stack.
      for (const child of running) child.kill('SIGKILL');
      await stack.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
