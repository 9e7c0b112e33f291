import { AppError, type CallMonitorOffer } from '@omnicc/shared';
import type { Logger } from 'pino';
import type { Store } from '../../store/Store.js';
import { ngCommand } from '../../adapters/kamailio/rtpengineNg.js';

export interface CallMonitorDeps {
  store: Store;
  log: Logger;
  /** rtpengine's ng control address. */
  rtpengine: { host: string; port: number };
  /** False when voice does not run here: every request is UNAVAILABLE. */
  enabled: () => boolean;
}

/** One supervisor listening to one call. */
interface Listening {
  callId: string;
  supervisorId: string;
  socketId: string;
}

/**
 * Silent monitor (监听). rtpengine relays every call's media, and its ng
 * `subscribe request` makes a send-only copy of a call's streams (one m= line
 * per party) for a new subscriber: the supervisor's browser, over ICE and
 * DTLS-SRTP like a softphone. Neither the caller nor the agent sees any
 * signalling, so the monitor is truly silent. No SIP is involved on the
 * supervisor's side: the offer and answer travel over the supervisor's
 * socket, and this node talks ng to rtpengine directly (Kamailio 5.6 has no
 * function for subscriptions). A subscription ends with `unsubscribe`, with
 * the supervisor's socket, or with the call (rtpengine deletes it).
 */
export class CallMonitor {
  private readonly listening = new Map<string, Listening>();

  constructor(private readonly deps: CallMonitorDeps) {}

  async start(supervisorId: string, socketId: string, interactionId: string): Promise<CallMonitorOffer> {
    if (!this.deps.enabled()) throw new AppError('UNAVAILABLE', 'voice does not run here');
    const interaction = await this.deps.store.interactions.get(interactionId);
    if (!interaction) throw new AppError('NOT_FOUND', `interaction ${interactionId}`);
    if (interaction.channel !== 'voice') throw new AppError('BAD_REQUEST', 'only calls can be monitored');
    if (interaction.state !== 'assigned') throw new AppError('INVALID_STATE', `the call is ${interaction.state}, not in progress`);
    const callId = await this.deps.store.interactions.channelRefOf(interactionId);
    if (!callId) throw new AppError('NOT_FOUND', 'the call has no SIP dialog');
    const reply = await this.ng({
      command: 'subscribe request',
      'call-id': callId,
      // Both parties, each its own stream; WebRTC towards the browser, as for softphones (kamailio.cfg FLAGS_WEBRTC).
      flags: ['all', 'SDES-off'],
      ICE: 'force',
      'transport-protocol': 'UDP/TLS/RTP/SAVPF',
      'rtcp-mux': ['offer', 'require'],
    });
    const monitorId = typeof reply['to-tag'] === 'string' ? reply['to-tag'] : '';
    if (typeof reply.sdp !== 'string' || !/^[0-9a-f]{16,128}$/.test(monitorId)) throw new AppError('INTERNAL', 'rtpengine gave no subscription');
    this.listening.set(monitorId, { callId, supervisorId, socketId });
    this.deps.log.info({ interactionId, supervisorId, monitorId }, 'silent monitor started');
    return { monitorId, sdp: withUniqueMids(reply.sdp) };
  }

  /** The supervisor's browser answered the offer: media starts flowing to it. */
  async answer(supervisorId: string, monitorId: string, sdp: string): Promise<null> {
    const l = this.mine(supervisorId, monitorId);
    await this.ng({ command: 'subscribe answer', 'call-id': l.callId, 'to-tag': monitorId, sdp, flags: ['SDES-off'], ICE: 'force' });
    return null;
  }

  async stop(supervisorId: string, monitorId: string): Promise<null> {
    const l = this.mine(supervisorId, monitorId);
    this.listening.delete(monitorId);
    // The call may be over already (rtpengine dropped the subscription with it): nothing left to undo.
    await this.ng({ command: 'unsubscribe', 'call-id': l.callId, 'to-tag': monitorId }).catch(() => undefined);
    return null;
  }

  /** The supervisor's socket closed: their subscriptions end with it. */
  socketClosed(socketId: string): void {
    for (const [monitorId, l] of this.listening) {
      if (l.socketId === socketId) void this.stop(l.supervisorId, monitorId);
    }
  }

  private mine(supervisorId: string, monitorId: string): Listening {
    const l = this.listening.get(monitorId);
    if (!l) throw new AppError('NOT_FOUND', 'no such monitor (ended, or on another server)');
    if (l.supervisorId !== supervisorId) throw new AppError('FORBIDDEN', "another supervisor's monitor");
    return l;
  }

  /** One ng command; rtpengine's refusals (unknown call, bad SDP) become coded errors. */
  private async ng(command: { command: string } & Record<string, string | string[]>): Promise<Record<string, unknown>> {
    let reply: Record<string, unknown>;
    try {
      reply = await ngCommand(this.deps.rtpengine.host, this.deps.rtpengine.port, command);
    } catch (err) {
      this.deps.log.error({ err }, 'rtpengine unreachable');
      throw new AppError('UNAVAILABLE', 'the media relay does not answer');
    }
    if (reply.result === 'ok') return reply;
    const why = typeof reply['error-reason'] === 'string' ? reply['error-reason'] : 'refused';
    if (/unknown call/i.test(why)) throw new AppError('INVALID_STATE', 'the call has no media any more');
    throw new AppError('BAD_REQUEST', `rtpengine: ${why}`);
  }
}

/**
 * rtpengine copies each party's media section as that party offered it, so
 * two softphone legs can both say `a=mid:0` (and a BUNDLE group for one of
 * them); a browser refuses such an offer. Each section gets its own mid and
 * its own transport (no BUNDLE): rtpengine gave each its own port anyway.
 */
export function withUniqueMids(sdp: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  let section = -1;
  const lines: string[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('a=group:BUNDLE')) continue;
    if (line.startsWith('m=')) section++;
    if (line.startsWith('a=mid:')) continue;
    lines.push(line);
    if (line.startsWith('m=')) lines.push(`a=mid:${section}`);
  }
  return lines.join(eol);
}
