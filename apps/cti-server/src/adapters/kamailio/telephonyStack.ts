import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { ngCommand } from './rtpengineNg.js';

/** Where the config template and sipp scenarios live (apps/cti-server/telephony). */
export const TELEPHONY_DIR = fileURLToPath(new URL('../../../telephony/', import.meta.url));

export interface TelephonyPorts {
  /** SIP over UDP and TCP: trunks, sipp callers, outbound gateways. */
  sip: number;
  /** SIP over WebSocket (ws://): the agents' softphones. */
  ws: number;
  /** evapi: the CTI server's control connection. */
  evapi: number;
  /** rtpengine's ng control port (UDP). */
  rtpengineNg: number;
  /** rtpengine's media ports. Wide: a narrow range runs out under load, and calls then go without media relay. */
  rtpMin: number;
  rtpMax: number;
}

export interface TelephonyOptions {
  /** Runtime folder: rendered config, Kamailio's control files. Created if missing. */
  dir: string;
  ports: TelephonyPorts;
  /** The SIP domain of agents' addresses (sip:<username>@<domain>). */
  domain: string;
  /** Shared secret of the agents' ephemeral SIP credentials (see voiceCredentials.ts). */
  authSecret: string;
  /** host:port where outbound calls (click-to-call) are sent; none = outbound refused with 503. */
  outboundGateway?: string;
  /** The desktop's web origin: a browser's softphone socket from any other origin is refused. None = any. */
  webOrigin?: string;
  log: Logger;
  /**
   * Kamailio's log level (debug=): 0 warnings and up (the default: what reaches
   * our log anyway), 1 notices too (evapi logs every message of ours at that
   * level), 2 info, 3 debug.
   */
  kamailioDebug?: number;
  /** With no CTI connected this long, Kamailio releases held calls (503) and refuses new ones at once. */
  ctiGraceSeconds?: number;
}

const BINARIES = { kamailio: '/usr/sbin/kamailio', rtpengine: '/usr/bin/rtpengine' } as const;

/** Which binaries are missing (empty when voice can run here). */
export function missingTelephony(): string[] {
  return Object.entries(BINARIES)
    .filter(([, file]) => !existsSync(file))
    .map(([name]) => name);
}

/** Fills `{{NAME}}` placeholders; every placeholder must have a value. */
export function renderTemplate(template: string, values: Record<string, string | number>): string {
  const out = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`telephony template: no value for ${whole}`);
    return String(v);
  });
  return out;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const gone = exited();
    if (gone) throw new Error(`${what}: ${gone}`);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs our own Kamailio and rtpengine on loopback, as child processes of this
 * one, from the config in telephony/ (rendered with the ports, domain and
 * secret). Start resolves once both answer; stop ends both (SIGTERM, then
 * SIGKILL) and resolves when they are gone.
 */
export class TelephonyStack {
  private readonly children: { name: string; child: ChildProcess; log: string[] }[] = [];

  constructor(private readonly options: TelephonyOptions) {}

  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.children.map((c) => [c.name, c.child.pid]));
  }

  async start(): Promise<void> {
    const missing = missingTelephony();
    if (missing.length > 0) throw new Error(`telephony unavailable: ${missing.join(', ')} not installed (run apps/cti-server/telephony/install.sh)`);
    const { dir, ports } = this.options;
    await mkdir(dir, { recursive: true });
    const cfg = await this.renderKamailioConfig();
    const check = spawnSync(BINARIES.kamailio, ['-c', '-f', cfg], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`kamailio.cfg does not check:\n${(check.stderr || check.stdout).slice(-2000)}`);
    try {
      const rtpengine = this.spawnChild('rtpengine', BINARIES.rtpengine, [
        // Not Debian's /etc/rtpengine config (kernel table 0, recording): only what is given here.
        '--config-file=none',
        '--foreground',
        '--log-stderr',
        '--table=-1',
        '--interface=127.0.0.1',
        `--listen-ng=127.0.0.1:${ports.rtpengineNg}`,
        `--port-min=${ports.rtpMin}`,
        `--port-max=${ports.rtpMax}`,
        // Warnings and up, as Kamailio: at notice it writes a line per call ("Creating new call") that we read and drop.
        '--log-level=4',
        `--pidfile=${path.join(dir, 'rtpengine.pid')}`,
      ]);
      await until('rtpengine', 5000, () => ngCommand('127.0.0.1', ports.rtpengineNg, { command: 'ping' }, 200).then((r) => r.result === 'pong', () => false), () => this.exitOf(rtpengine));
      const kamailio = this.spawnChild('kamailio', BINARIES.kamailio, ['-f', cfg, '-DD', '-E', '-Y', dir, '-m', '64', '-M', '16']);
      await until('kamailio', 8000, async () => (await portOpen(ports.evapi)) && (await portOpen(ports.ws)), () => this.exitOf(kamailio));
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.options.log.info({ ports, pids: this.pids() }, 'telephony started: kamailio and rtpengine on loopback');
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.splice(0).map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await gone;
        clearTimeout(timer);
      }),
    );
  }

  /** The last lines each process wrote (for errors and tests). */
  logs(): Record<string, string> {
    return Object.fromEntries(this.children.map((c) => [c.name, c.log.join('')]));
  }

  private async renderKamailioConfig(): Promise<string> {
    const { dir, ports, domain, authSecret, outboundGateway, webOrigin, kamailioDebug, ctiGraceSeconds } = this.options;
    if (!/^[A-Za-z0-9.-]+$/.test(domain)) throw new Error(`bad SIP domain ${domain}`);
    if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(authSecret)) throw new Error('SIP auth secret must be 16+ URL-safe characters');
    if (outboundGateway !== undefined && !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(outboundGateway)) throw new Error(`bad outbound gateway ${outboundGateway}`);
    if (webOrigin !== undefined && !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(webOrigin)) throw new Error(`bad web origin ${webOrigin}`);
    const template = await readFile(path.join(TELEPHONY_DIR, 'kamailio.cfg'), 'utf8');
    const rendered = renderTemplate(template, {
      SIP_PORT: ports.sip,
      WS_PORT: ports.ws,
      EVAPI_PORT: ports.evapi,
      NG_PORT: ports.rtpengineNg,
      DOMAIN: domain,
      AUTH_SECRET: authSecret,
      OUTBOUND_GATEWAY: outboundGateway ?? '',
      WEB_ORIGIN: webOrigin ?? '',
      DEBUG: kamailioDebug ?? 0,
      CTI_GRACE_SECONDS: Math.max(1, Math.round(ctiGraceSeconds ?? 30)),
    });
    const file = path.join(dir, 'kamailio.cfg');
    await writeFile(file, rendered, { mode: 0o600 });
    await chmod(file, 0o600);
    return file;
  }

  private spawnChild(name: string, file: string, args: string[]): ChildProcess {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    const keep = (d: Buffer): void => {
      const text = d.toString();
      log.push(text);
      if (log.length > 400) log.splice(0, log.length - 400);
      // Their warnings and errors belong in the server's log, where operators look.
      for (const line of text.split('\n')) {
        if (/\b(WARNING|ERROR|CRITICAL|ALERT)\b/.test(line)) this.options.log.warn({ process: name }, line.trim().slice(0, 500));
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => this.options.log.info({ name, code, signal }, 'telephony process exited'));
    this.children.push({ name, child, log });
    return child;
  }

  private exitOf(child: ChildProcess): string | undefined {
    if (child.exitCode === null && child.signalCode === null) return undefined;
    const entry = this.children.find((c) => c.child === child);
    return `exited (${child.exitCode ?? child.signalCode}):\n${entry?.log.join('').slice(-2000) ?? ''}`;
  }
}
