import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alawWav } from '../../../cti-server/src/features/voice/alawWav.js';

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
  /** Where agents' outbound calls go (a sipp UAS in the tests). */
  gateway: number;
}

/**
 * Environment that makes the demo server run its own Kamailio and rtpengine
 * (`embedded`: must work) on free loopback ports. The media range sits
 * above the 30000–39199 slices the server's own voice tests use.
 */
export async function voiceServerEnv(): Promise<{ env: Record<string, string>; ports: VoicePorts }> {
  const ports = { sip: await freeSipPort(), ws: await freeSipPort(), evapi: await freeSipPort(), rtpengineNg: await freeSipPort(), gateway: await freeSipPort() };
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
      OMNICC_OUTBOUND_GATEWAY: `127.0.0.1:${ports.gateway}`,
    },
  };
}

/**
 * Two seconds of a 440 Hz tone as an A-law WAV: what a sipp party streams in
 * a loop for as long as its call lasts (`rtp_stream="tone.wav,-1,8"`), where
 * the sip-tester pcap (about 7 s) would fall silent during a long test.
 */
const TONE_WAV = alawWav(16_000, (i) => 8000 * Math.sin((2 * Math.PI * 440 * i) / 8000));

export interface SippCall {
  /** Resolves when sipp exits: code 0 means the scenario ran to its end. */
  done: Promise<{ code: number; errors: string }>;
  /** What the scenario logged so far (its <log> actions). */
  logs(): string;
  kill(): void;
}

/**
 * Starts one sipp with a scenario of e2e/sipp against Kamailio on `sipPort`:
 * a caller of `service` (the hotline unless told), or a UAS listening on
 * `port` (the outbound gateway).
 */
export async function placeCall(scenario: string, sipPort: number, args: string[], timeoutS = 90, options: { service?: string; port?: number } = {}): Promise<SippCall> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omnicc-sipp-'));
  const errorFile = path.join(dir, 'errors.log');
  const logFile = path.join(dir, 'scenario.log');
  writeFileSync(path.join(dir, 'tone.wav'), TONE_WAV);
  const child = spawn(
    SIPP,
    [
      '-sf', path.join(SIPP_DIR, `${scenario}.xml`),
      '-i', '127.0.0.1',
      '-p', String(options.port ?? (await freeSipPort())),
      '-mp', String(await freeSipPort()),
      '-m', '1',
      '-s', options.service ?? '10086',
      '-timeout', `${timeoutS}s`,
      '-timeout_error',
      '-nostdin',
      '-trace_err', '-error_file', errorFile,
      '-trace_logs', '-log_file', logFile,
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
  return { done, logs: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''), kill: () => child.kill('SIGKILL') };
}
