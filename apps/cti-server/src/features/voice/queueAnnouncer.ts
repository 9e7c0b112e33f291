import type { Logger } from 'pino';
import { ngCommand, type Bencodable } from '../../adapters/kamailio/rtpengineNg.js';
import { holdingAnswer } from './holdingAnswer.js';

/** The queue's side of a waiting call in rtpengine: a To tag that no SIP party uses. */
const QUEUE_TAG = 'omnicc-queue';

/**
 * The tone is a call of its own in rtpengine, beside the SIP call. Sharing
 * the SIP call's Call-ID would make the queue's side the caller's partner,
 * and rtpengine would take the agent's ring (an offer from the same From tag)
 * as a re-offer towards it: the agent's WebRTC answer then meets ICE and DTLS
 * settings made for the queue, and no audio flows.
 */
export const queueToneCallId = (callId: string): string => `${callId};omnicc-queue`;
/** Plain RTP towards the caller, as kamailio.cfg's FLAGS_RTP. */
const RTP_FLAGS: Record<string, Bencodable> = { replace: ['origin', 'session-connection'], ICE: 'remove', DTLS: 'off', 'transport-protocol': 'RTP/AVP', 'rtcp-mux': ['demux'] };
/** Loops of the announcement: a 4 s tone covers the longest max wait (an hour). */
const REPEAT_TIMES = 1000;
/**
 * rtpengine decodes the file (ffmpeg) for every `play media`: on a loaded
 * machine that took over a second (bench:voice, 30 callers waiting), so play
 * gets longer than the other commands before the caller is left in silence.
 */
const PLAY_TIMEOUT_MS = 3000;

/** What waiting callers hear: a media file's bytes (sent inside the command) or a path on rtpengine's host. */
export type QueueMedia = { blob: Buffer } | { file: string };

export interface QueueAnnouncerDeps {
  rtpengine: { host: string; port: number };
  media: QueueMedia;
  log: Logger;
}

/** A call as Kamailio held it: its Call-ID, the caller's From tag and SDP offer. */
export interface WaitingCall {
  callId: string;
  ftag: string;
  sdp: string;
}

/**
 * The queue tone (排队音) as early media. Kamailio holds the caller's INVITE
 * and no agent has answered, so there is no SDP answer to give the caller:
 * this makes one. rtpengine gets the caller's offer and an answer from the
 * queue's own side (holdingAnswer), and gives back the SDP that points the
 * caller at rtpengine; Kamailio sends it in a 183 Session Progress. Then
 * `play media` loops the announcement to the caller until an agent answers
 * or the call ends (delete). The agent's answer later is a second To tag on
 * the same INVITE (forking, RFC 3261 §13.2.2.4) with its own SDP, which
 * rtpengine relays as any call.
 */
export class QueueAnnouncer {
  constructor(private readonly deps: QueueAnnouncerDeps) {}

  /** The SDP to send the caller in the 183; undefined when the offer carries no audio. */
  async earlyMediaAnswer(call: WaitingCall): Promise<string | undefined> {
    const ids = { 'call-id': queueToneCallId(call.callId), 'from-tag': call.ftag };
    const offered = await this.ng({ command: 'offer', ...ids, sdp: call.sdp, ...RTP_FLAGS });
    const answer = typeof offered.sdp === 'string' ? holdingAnswer(offered.sdp) : undefined;
    if (!answer) return undefined;
    const answered = await this.ng({ command: 'answer', ...ids, 'to-tag': QUEUE_TAG, sdp: answer, ...RTP_FLAGS });
    return typeof answered.sdp === 'string' ? answered.sdp : undefined;
  }

  async play(call: { callId: string; ftag: string }): Promise<void> {
    await this.ng({ command: 'play media', 'call-id': queueToneCallId(call.callId), 'from-tag': call.ftag, ...this.deps.media, 'repeat-times': REPEAT_TIMES }, PLAY_TIMEOUT_MS);
  }

  /** An agent answered, or the caller left: the tone stops and rtpengine forgets its side of the call. */
  async end(callId: string): Promise<void> {
    // No delete delay (by default rtpengine keeps a deleted call 30 s for late packets): nothing of the tone comes back.
    await this.ng({ command: 'delete', 'call-id': queueToneCallId(callId), 'delete-delay': 0 });
  }

  private async ng(command: { command: string } & Record<string, Bencodable>, timeoutMs?: number): Promise<Record<string, unknown>> {
    const reply = await ngCommand(this.deps.rtpengine.host, this.deps.rtpengine.port, command, timeoutMs);
    if (reply.result !== 'ok') throw new Error(`rtpengine refused "${command.command}": ${String(reply['error-reason'] ?? reply.result)}`);
    return reply;
  }
}
