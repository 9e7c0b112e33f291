import wrtc from '@roamhq/wrtc';
import { Registerer, SessionState, UserAgent, Web, type Invitation } from 'sip.js';
import WebSocket from 'ws';
import type { SoftphoneSettings } from '../../packages/shared/src/index.js';
import { wallNow } from '../socket/serverDeps.js';

/**
 * The agents' softphones of the voice bench: sip.js 0.21 (the desktop's
 * version) in this Node process, SIP over WebSocket to Kamailio with `ws`,
 * WebRTC media with @roamhq/wrtc (libwebrtc): the same UserAgent, Registerer
 * and Web SessionDescriptionHandler as apps/desktop/src/renderer/telephony/sipSoftphone.ts,
 * with a tone (wrtc RTCAudioSource) as the microphone and an RTCAudioSink
 * on the caller's audio to time its first decoded frame.
 */

type RTCAudioSink = InstanceType<typeof wrtc.nonstandard.RTCAudioSink>;
type RTCAudioData = Parameters<InstanceType<typeof wrtc.nonstandard.RTCAudioSource>['onData']>[0];

/** sip.js's Web session description handler fires this on its MediaStreams; Node has no such event. */
class MediaStreamTrackEvent extends Event {
  readonly track: MediaStreamTrack;
  constructor(type: string, init: { track: MediaStreamTrack }) {
    super(type);
    this.track = init.track;
  }
}

/** The browser globals sip.js uses: WebSocket from `ws`, the WebRTC classes from wrtc. Once, before any UserAgent. */
export function installWebRtcGlobals(): void {
  Object.assign(globalThis, {
    WebSocket,
    RTCPeerConnection: wrtc.RTCPeerConnection,
    RTCSessionDescription: wrtc.RTCSessionDescription,
    RTCIceCandidate: wrtc.RTCIceCandidate,
    MediaStream: wrtc.MediaStream,
    MediaStreamTrack: wrtc.MediaStreamTrack,
    MediaStreamTrackEvent,
  });
}

const SAMPLE_RATE = 48_000;
const FRAME_MS = 10;
/** A late timer catches up at most this many frames per tick: a stalled loop does not burst. */
const MAX_CATCH_UP = 5;

/**
 * The agents' microphone: one wrtc RTCAudioSource fed 10 ms frames of a
 * 440 Hz tone on a timer that runs between start() and stop(); every call
 * gets its own track of it.
 */
export class ToneSource {
  private readonly source = new wrtc.nonstandard.RTCAudioSource();
  /** One second of 440 Hz at 48 kHz is 440 whole periods: 100 frames that loop seamlessly. */
  private readonly frames = Array.from({ length: 1000 / FRAME_MS }, (_, f) => {
    const n = (SAMPLE_RATE * FRAME_MS) / 1000;
    return Int16Array.from({ length: n }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * (f * n + i)) / SAMPLE_RATE)));
  });
  private readonly tracks = new Set<MediaStreamTrack>();
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private sent = 0;

  start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.sent = 0;
    this.timer = setInterval(() => this.tick(), FRAME_MS);
  }

  private tick(): void {
    const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS);
    for (let n = 0; this.sent < due && n < MAX_CATCH_UP; n++, this.sent++) {
      this.source.onData({ samples: this.frames[this.sent % this.frames.length] ?? new Int16Array(480), sampleRate: SAMPLE_RATE });
    }
    this.sent = Math.max(this.sent, due - MAX_CATCH_UP);
  }

  /** A new track of the tone (sip.js stops it when its call ends). */
  track(): MediaStreamTrack {
    for (const t of this.tracks) if (t.readyState === 'ended') this.tracks.delete(t);
    const track = this.source.createTrack();
    this.tracks.add(track);
    return track;
  }

  /** Stops the timer and every track still live. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const t of this.tracks) t.stop();
    this.tracks.clear();
  }
}

/**
 * What the softphones saw during one phase, per SIP Call-ID (Kamailio is a
 * proxy: the caller's Call-ID reaches the agent), in wall-clock ms
 * (performance.timeOrigin + performance.now(), the clock of sipp's logs).
 */
export class CallLog {
  /** The INVITE handed to sip.js by its WebSocket transport. */
  readonly inviteReceived = new Map<string, number>();
  /** The 180 Ringing given to the transport. */
  readonly ringingSent = new Map<string, number>();
  /** The 200 OK to the INVITE (the answer) given to the transport. */
  readonly answerSent = new Map<string, number>();
  /** The first decoded frame of the caller's tone at the agent (RTCAudioSink). */
  readonly firstAudio = new Map<string, number>();
  /** INVITEs an agent turned away with 486 because it was already in a call. */
  busy = 0;
  readonly errors: string[] = [];

  error(what: string): void {
    if (this.errors.length < 50) this.errors.push(what);
  }
}

/** Registration lifetime, ICE gathering bound and the audio-only answer: as the desktop's SipSoftphone. */
const REGISTER_EXPIRES_S = 300;
const ICE_GATHERING_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 10_000;
const AUDIO_ONLY = { constraints: { audio: true, video: false } };
/** A decoded frame louder than this is the caller's tone (amplitude 8000), not NetEq's silence before it. */
const TONE_PEAK = 1000;

const FIRST_LINE = /^[^\r\n]*/;
const CALL_ID = /^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)/im;
const CSEQ_INVITE = /^CSeq[ \t]*:[ \t]*\d+[ \t]+INVITE\b/im;

function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One agent's softphone: registers with the server-issued ephemeral
 * credentials, rings on an INVITE (180), answers after `ringMs`, and lets the
 * caller hang up (the bench's caller sends BYE after its talk time; sip.js
 * answers it). One call at a time, a second INVITE gets 486 (as the desktop).
 */
export class NodeSoftphone {
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private call: Invitation | undefined;
  private readonly sinks = new Set<RTCAudioSink>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly tone: ToneSource,
    private readonly log: () => CallLog,
    private readonly ringMs: number,
  ) {}

  get inCall(): boolean {
    return this.call !== undefined;
  }

  async register(settings: SoftphoneSettings): Promise<void> {
    const { wsUrl, credentials } = settings;
    const uri = UserAgent.makeURI(credentials.uri);
    if (!uri) throw new Error(`bad SIP address ${credentials.uri}`);
    const ua = new UserAgent({
      uri,
      transportOptions: { server: wsUrl },
      authorizationUsername: credentials.authorizationUsername,
      authorizationPassword: credentials.password,
      logLevel: 'error',
      sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(() => Promise.resolve(new wrtc.MediaStream([this.tone.track()]))),
      sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS, peerConnectionConfiguration: { iceServers: [] } },
      delegate: { onInvite: (invitation) => this.incoming(invitation) },
    });
    this.ua = ua;
    this.stampTransport(ua);
    await within(ua.start(), CONNECT_TIMEOUT_MS, `connecting to ${wsUrl}`);
    const registerer = new Registerer(ua, { expires: REGISTER_EXPIRES_S });
    this.registerer = registerer;
    await within(
      new Promise<void>((resolve, reject) => {
        registerer
          .register({
            requestDelegate: {
              onAccept: () => resolve(),
              onReject: (response) => reject(new Error(`REGISTER refused: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
            },
          })
          .catch(reject);
      }),
      CONNECT_TIMEOUT_MS,
      'REGISTER',
    );
  }

  /**
   * Stamps SIP messages where sip.js meets its WebSocket: an INVITE as the
   * transport hands it over (before parsing), our 180 and 200 as sip.js gives
   * them to the transport.
   */
  private stampTransport(ua: UserAgent): void {
    const transport = ua.transport;
    const deliver = transport.onMessage;
    transport.onMessage = (message: string) => {
      const at = wallNow();
      if (message.startsWith('INVITE ')) {
        const callId = CALL_ID.exec(message)?.[1];
        if (callId && !this.log().inviteReceived.has(callId)) this.log().inviteReceived.set(callId, at);
      }
      deliver?.(message);
    };
    const send = transport.send.bind(transport);
    transport.send = (message: string) => {
      const first = FIRST_LINE.exec(message)?.[0] ?? '';
      if (first.startsWith('SIP/2.0 180 ') || (first.startsWith('SIP/2.0 200 ') && CSEQ_INVITE.test(message))) {
        const callId = CALL_ID.exec(message)?.[1];
        const into = first.startsWith('SIP/2.0 180 ') ? this.log().ringingSent : this.log().answerSent;
        if (callId && !into.has(callId)) into.set(callId, wallNow());
      }
      return send(message);
    };
  }

  private incoming(invitation: Invitation): void {
    const log = this.log();
    if (this.call) {
      log.busy++;
      void invitation.reject({ statusCode: 486, reasonPhrase: 'Busy Here' }).catch(() => undefined);
      return;
    }
    this.call = invitation;
    // The 180 is out already: sip.js's UserAgent calls invitation.progress() itself before onInvite
    // (sendInitialProvisionalResponse, on by default), as in the desktop.
    const answer = setTimeout(() => {
      this.timers.delete(answer);
      void this.answer(invitation, log);
    }, this.ringMs);
    this.timers.add(answer);
    invitation.stateChange.addListener((state) => {
      if (state !== SessionState.Terminated) return;
      clearTimeout(answer);
      this.timers.delete(answer);
      if (this.call === invitation) this.call = undefined;
    });
  }

  private async answer(invitation: Invitation, log: CallLog): Promise<void> {
    const callId = invitation.request.callId;
    if (invitation.state !== SessionState.Initial) return; // the caller gave up while it rang
    try {
      await invitation.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
    } catch (err) {
      log.error(`answer of ${callId}: ${String(err)}`);
      return;
    }
    // The 200 is out; media cannot flow before the caller has it, so the sink is in time.
    const sdh = invitation.sessionDescriptionHandler;
    const pc = sdh instanceof Web.SessionDescriptionHandler ? sdh.peerConnection : undefined;
    const track = pc?.getReceivers().find((r) => r.track.kind === 'audio')?.track;
    if (!track) {
      log.error(`no remote audio track on ${callId}`);
      return;
    }
    const sink = new wrtc.nonstandard.RTCAudioSink(track);
    this.sinks.add(sink);
    const done = (): void => {
      if (!sink.stopped) sink.stop();
      this.sinks.delete(sink);
    };
    sink.ondata = (data: RTCAudioData) => {
      if (sink.stopped) return;
      let peak = 0;
      for (const s of data.samples) peak = Math.max(peak, Math.abs(s));
      if (peak < TONE_PEAK) return;
      if (!log.firstAudio.has(callId)) log.firstAudio.set(callId, wallNow());
      done();
    };
    invitation.stateChange.addListener((state) => {
      if (state === SessionState.Terminated) done();
    });
  }

  /** Ends any call, stops the audio sinks, unregisters and stops the user agent (which closes its peer connections). */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sinks) if (!s.stopped) s.stop();
    this.sinks.clear();
    const { ua, registerer } = this;
    this.ua = undefined;
    this.registerer = undefined;
    await within<unknown>(registerer?.unregister() ?? Promise.resolve(), 2000, 'un-REGISTER').catch(() => undefined);
    await within(ua?.stop() ?? Promise.resolve(), 5000, 'stopping the user agent').catch(() => undefined);
  }
}
