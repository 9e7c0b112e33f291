import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SIPP = '/usr/bin/sipp';
const BINARIES = { kamailio: '/usr/sbin/kamailio', rtpengine: '/usr/bin/rtpengine', sipp: SIPP } as const;
export const SIPP_DIR = path.resolve(import.meta.dirname, '../sipp');

/** Why the voice e2e cannot run here, or undefined when Kamailio, rtpengine and sipp are installed. */
export function telephonyMissing(): string | undefined {
  const missing = Object.entries(BINARIES)
    .filter(([, file]) => !existsSync(file))
    .map(([name]) => name);
  return missing.length ? `${missing.join(', ')} not installed: run apps/cti-server/telephony/install.sh` : undefined;
}

/** A port free for UDP as well as TCP (SIP listens on both), outside the ephemeral range: see the server's test support. */
export { freePort as freeSipPort } from '../../../cti-server/test/support/telephony.js';
import { freePort as freeSipPort } from '../../../cti-server/test/support/telephony.js';

export interface VoicePorts {
  sip: number;
  ws: number;
  evapi: number;
  rtpengineNg: number;
}

/**
 * Environment that makes the demo server run its own Kamailio and rtpengine
 * (`embedded`: must work) on free loopback ports. The media range sits
 * above the 30000–39199 slices the server's own voice tests use.
 */
export async function voiceServerEnv(): Promise<{ env: Record<string, string>; ports: VoicePorts }> {
  const ports = { sip: await freeSipPort(), ws: await freeSipPort(), evapi: await freeSipPort(), rtpengineNg: await freeSipPort() };
  return {
    ports,
    env: {
      OMNICC_VOICE: 'embedded',
      OMNICC_SIP_HOST: '127.0.0.1',
      OMNICC_SIP_DOMAIN: 'omnicc.local',
      OMNICC_SIP_PORT: String(ports.sip),
      OMNICC_SIP_WS_PORT: String(ports.ws),
      OMNICC_EVAPI_PORT: String(ports.evapi),
      OMNICC_RTPENGINE_NG_PORT: String(ports.rtpengineNg),
      OMNICC_RTP_PORT_MIN: '40200',
      OMNICC_RTP_PORT_MAX: '40599',
      OMNICC_SERVICE_NUMBERS: '10086=voice-general',
    },
  };
}

export interface SippCall {
  /** Resolves when sipp exits: code 0 means the scenario ran to its end. */
  done: Promise<{ code: number; errors: string }>;
  kill(): void;
}

/** Starts one sipp caller with a scenario of e2e/sipp against Kamailio on `sipPort`. */
export async function placeCall(scenario: string, sipPort: number, args: string[], timeoutS = 90): Promise<SippCall> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omnicc-sipp-'));
  const errorFile = path.join(dir, 'errors.log');
  const child = spawn(
    SIPP,
    [
      '-sf', path.join(SIPP_DIR, `${scenario}.xml`),
      '-i', '127.0.0.1',
      '-p', String(await freeSipPort()),
      '-mp', String(await freeSipPort()),
      '-m', '1',
      '-s', '10086',
      '-timeout', `${timeoutS}s`,
      '-timeout_error',
      '-nostdin',
      '-trace_err', '-error_file', errorFile,
      ...args,
      `127.0.0.1:${sipPort}`,
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number; errors: string }>((resolve) => {
    child.on('exit', (code) => {
      const errors = existsSync(errorFile) ? readFileSync(errorFile, 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: code ?? -1, errors: `${errors}${stderr}`.slice(-3000) });
    });
  });
  return { done, kill: () => child.kill('SIGKILL') };
}
