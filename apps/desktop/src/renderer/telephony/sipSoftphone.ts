import { Invitation, Inviter, Registerer, RegistererState, SessionState, UserAgent, type Core, type Session, type Web } from 'sip.js';
import { remoteAudio, type RemoteAudio } from './remoteAudio.js';
import { acknowledged, consultHeaders, describeInvitation, mediaOf, microphoneError, sipAddress, sipfragStatus, within } from './sipSession.js';
import { SoftphoneError, type CallEndReason, type DialOptions, type Softphone, type SoftphoneConfig, type SoftphoneEvent } from './softphone.js';

/**
 * ICE gathering bound: rtpengine sits next to Kamailio and offers host
 * candidates only, so waiting longer (sip.js defaults to 5 s) only delays
 * every answer and hold.
 */
export const ICE_GATHERING_TIMEOUT_MS = 500;
/** Registration lifetime asked of Kamailio; sip.js re-registers before it runs out. */
const REGISTER_EXPIRES_S = 300;
/** Connecting and registering each get this long before the phone counts as unavailable. */
const CONNECT_TIMEOUT_MS = 10_000;
/** A REFER nobody answers would wait for SIP's 32 s transaction timeout; the agent should not. */
const TRANSFER_TIMEOUT_MS = 8000;

const AUDIO_ONLY = { constraints: { audio: true, video: false } };

interface CallLeg {
  session: Session;
  held: boolean;
  muted: boolean;
  /** Set before we end the call ourselves, so the Terminated state reports why. */
  endReason: CallEndReason | null;
  /** The SIP status of a refused outbound call (e.g. 503: no gateway for outbound calls). */
  endStatus: number | undefined;
  established: boolean;
  /** The interaction a consult call is about (either direction); null for other calls. */
  consultFor: string | null;
  /** Of a call placed here: the interaction the server made of it (click-to-call), from its replies. */
  interactionId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The desk's phone on sip.js 0.21: one UserAgent over SIP-over-WebSocket to
 * Kamailio, a Registerer with the server-issued ephemeral credentials, and
 * one call at a time (voice capacity is 1: a second INVITE gets 486). The
 * one exception is a consult: the consult call beside the held customer
 * call, and on the colleague's side the transferred customer call ringing
 * beside the consult call it completes.
 */
export class SipSoftphone implements Softphone {
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private config: SoftphoneConfig | null = null;
  private readonly calls = new Map<string, CallLeg>();
  private readonly listeners = new Set<(e: SoftphoneEvent) => void>();
  private readonly audio: RemoteAudio;

  constructor(audio: RemoteAudio = remoteAudio()) {
    this.audio = audio;
  }

  onEvent(listener: (e: SoftphoneEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SoftphoneEvent): void {
    for (const l of this.listeners) l(event);
  }

  async register(config: SoftphoneConfig): Promise<void> {
    const same = this.ua && this.config && this.config.wsUrl === config.wsUrl && this.config.uri === config.uri && this.ua.isConnected();
    if (!same) await this.dispose();
    this.config = config;
    if (!this.ua) await this.start(config);
    const ua = this.ua;
    const registerer = this.registerer;
    if (!ua || !registerer) throw new SoftphoneError('SOFTPHONE_UNAVAILABLE', 'user agent did not start');
    // New credentials for the same address: sip.js reads them on the next digest challenge.
    ua.configuration.authorizationUsername = config.authorizationUsername;
    ua.configuration.authorizationPassword = config.password;
    const registered = new Promise<void>((resolve, reject) => {
      registerer
        .register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) => reject(new SoftphoneError('SOFTPHONE_UNAVAILABLE', `REGISTER refused: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
          },
        })
        .catch((err: unknown) => reject(new SoftphoneError('SOFTPHONE_UNAVAILABLE', String(err))));
    });
    await within(registered, CONNECT_TIMEOUT_MS, 'REGISTER');
  }

  private async start(config: SoftphoneConfig): Promise<void> {
    const uri = UserAgent.makeURI(config.uri);
    if (!uri) throw new SoftphoneError('SOFTPHONE_UNAVAILABLE', `bad SIP address ${config.uri}`);
    const ua = new UserAgent({
      uri,
      transportOptions: { server: config.wsUrl },
      authorizationUsername: config.authorizationUsername,
      authorizationPassword: config.password,
      logLevel: 'warn',
      sessionDescriptionHandlerFactoryOptions: {
        iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS,
        // rtpengine is reachable directly: no STUN server (and no traffic to a public one).
        peerConnectionConfiguration: { iceServers: [] },
      },
      delegate: {
        onInvite: (invitation) => this.incoming(invitation),
        // The socket dropped: the desk re-registers with a new user agent (see voiceController).
        onDisconnect: (error) => {
          if (error) this.emit({ type: 'registration', state: 'failed' });
        },
      },
    });
    try {
      await within(ua.start(), CONNECT_TIMEOUT_MS, `connecting to ${config.wsUrl}`);
    } catch (err) {
      void ua.stop().catch(() => undefined);
      throw new SoftphoneError('SOFTPHONE_UNAVAILABLE', `cannot reach ${config.wsUrl}: ${String(err)}`);
    }
    const registerer = new Registerer(ua, { expires: REGISTER_EXPIRES_S });
    registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) this.emit({ type: 'registration', state: 'registered' });
      else if (state === RegistererState.Unregistered) this.emit({ type: 'registration', state: 'unregistered' });
    });
    this.ua = ua;
    this.registerer = registerer;
  }

  async unregister(): Promise<void> {
    await this.dispose();
    this.config = null;
  }

  private async dispose(): Promise<void> {
    for (const callId of [...this.calls.keys()]) await this.hangUp(callId).catch(() => undefined);
    const { ua, registerer } = this;
    this.ua = null;
    this.registerer = null;
    if (registerer?.state === RegistererState.Registered) await registerer.unregister().catch(() => undefined);
    await ua?.stop().catch(() => undefined);
    this.audio.detach();
  }

  private incoming(invitation: Invitation): void {
    const call = describeInvitation(invitation);
    if (this.calls.size > 0 && !this.completesConsult(call.interactionId)) {
      // One call at a time: routing re-queues this one for another agent.
      void invitation.reject({ statusCode: 486, reasonPhrase: 'Busy Here' }).catch(() => undefined);
      return;
    }
    this.track(call.callId, invitation, call.consultFor);
    this.emit({ type: 'incoming', call });
  }

  /** The customer call a colleague transfers to us after consulting us about it: we already agreed to take it. */
  private completesConsult(interactionId: string | null): boolean {
    return interactionId !== null && this.calls.size === 1 && [...this.calls.values()].some((leg) => leg.consultFor === interactionId);
  }

  private track(callId: string, session: Session, consultFor: string | null): CallLeg {
    const leg: CallLeg = { session, held: false, muted: false, endReason: null, endStatus: undefined, established: false, consultFor, interactionId: null };
    this.calls.set(callId, leg);
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        leg.established = true;
        this.playAudio();
        this.emit({ type: 'connected', callId, ...(leg.interactionId ? { interactionId: leg.interactionId } : {}) });
      } else if (state === SessionState.Terminated) {
        this.calls.delete(callId);
        this.playAudio();
        const reason = leg.endReason ?? (leg.established ? 'remoteHangUp' : 'cancelled');
        this.emit({ type: 'ended', callId, reason, ...(leg.endStatus === undefined ? {} : { status: leg.endStatus }) });
      }
    });
    return leg;
  }

  /**
   * One <audio> element plays one call: the newest one that is up and not
   * held. With a consult there are two legs, and the one heard changes as
   * the customer call is held or resumed and as either leg ends.
   */
  private playAudio(): void {
    const heard = [...this.calls.values()].reverse().find((leg) => leg.established && !leg.held);
    const media = heard && mediaOf(heard.session);
    if (media) this.audio.attach(media.remoteMediaStream);
    else this.audio.detach();
  }

  private leg(callId: string): CallLeg {
    const leg = this.calls.get(callId);
    if (!leg) throw new SoftphoneError('NO_CALL', `no call ${callId}`);
    return leg;
  }

  async answer(callId: string): Promise<void> {
    const { session } = this.leg(callId);
    if (!(session instanceof Invitation)) throw new SoftphoneError('NO_CALL', 'not an incoming call');
    try {
      await session.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
    } catch (err) {
      // sip.js answers the INVITE with an error itself when accept fails; the call is gone for us.
      throw microphoneError(err) ?? new SoftphoneError('CALL_FAILED', String(err));
    }
  }

  async reject(callId: string): Promise<void> {
    const leg = this.leg(callId);
    if (!(leg.session instanceof Invitation)) throw new SoftphoneError('NO_CALL', 'not an incoming call');
    leg.endReason = 'rejected';
    await leg.session.reject({ statusCode: 486, reasonPhrase: 'Busy Here' });
  }

  async hangUp(callId: string): Promise<void> {
    const leg = this.leg(callId);
    leg.endReason = 'localHangUp';
    const { session } = leg;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter) await session.cancel();
    else if (session instanceof Invitation) await session.reject({ statusCode: 486, reasonPhrase: 'Busy Here' });
  }

  async setHold(callId: string, hold: boolean): Promise<void> {
    const leg = this.leg(callId);
    if (leg.held === hold) return;
    const options: Web.SessionDescriptionHandlerOptions = { ...leg.session.sessionDescriptionHandlerOptionsReInvite, hold };
    leg.session.sessionDescriptionHandlerOptionsReInvite = options;
    try {
      await acknowledged((requestDelegate) => leg.session.invite({ requestDelegate }));
    } catch (err) {
      const previous: Web.SessionDescriptionHandlerOptions = { ...options, hold: leg.held };
      leg.session.sessionDescriptionHandlerOptionsReInvite = previous;
      throw new SoftphoneError('CALL_FAILED', `hold refused: ${String(err)}`);
    }
    leg.held = hold;
    this.applyTracks(leg);
    this.playAudio();
  }

  setMuted(callId: string, muted: boolean): void {
    const leg = this.leg(callId);
    leg.muted = muted;
    this.applyTracks(leg);
  }

  /** The microphone goes out only when neither held nor muted; the far end is heard unless held. */
  private applyTracks(leg: CallLeg): void {
    const media = mediaOf(leg.session);
    media?.enableSenderTracks(!leg.held && !leg.muted);
    media?.enableReceiverTracks(!leg.held);
  }

  async sendDtmf(callId: string, tone: string): Promise<void> {
    const leg = this.leg(callId);
    // RFC 4733 in the media when telephone-event was negotiated; otherwise SIP INFO, which Kamailio relays.
    if (mediaOf(leg.session)?.sendDtmf(tone)) return;
    await acknowledged((requestDelegate) =>
      leg.session.info({
        requestDelegate,
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160` } },
      }),
    ).catch((err: unknown) => {
      throw new SoftphoneError('CALL_FAILED', `DTMF refused: ${String(err)}`);
    });
  }

  async refer(callId: string, referTo: string): Promise<void> {
    const leg = this.leg(callId);
    const to = this.addressOf(referTo);
    try {
      await acknowledged(
        (requestDelegate) =>
          leg.session.refer(to, {
            requestDelegate,
            // The NOTIFYs report the caller's new call; the server's BYE, not them, ends this leg (sip.js never BYEs by
            // itself). A final failure (403, 410, 486…) means the caller is still here: the desk says so at once.
            onNotify: (notification) => {
              void notification.accept().catch(() => undefined);
              const status = sipfragStatus(notification.request.body);
              if (status !== null && status >= 300) this.emit({ type: 'transferFailed', callId, status });
            },
          }),
        TRANSFER_TIMEOUT_MS,
      );
    } catch (err) {
      throw new SoftphoneError('TRANSFER_REFUSED', String(err));
    }
  }

  async dial(target: string, options: DialOptions = {}): Promise<string> {
    const ua = this.ua;
    if (!ua || this.registerer?.state !== RegistererState.Registered) throw new SoftphoneError('SOFTPHONE_UNAVAILABLE', 'not registered');
    const consultFor = options.consultFor ?? null;
    // A consult may ring beside the customer's call, but only once that call is on hold: the agent talks on one line at a time.
    const beside = [...this.calls.values()];
    const allowed = beside.length === 0 || (consultFor !== null && beside.length === 1 && beside.every((leg) => leg.held));
    if (!allowed) throw new SoftphoneError('CALL_FAILED', 'already in a call');
    const inviter = new Inviter(ua, this.addressOf(target), {
      sessionDescriptionHandlerOptions: AUDIO_ONLY,
      extraHeaders: consultHeaders(consultFor),
      ...(options.fromName ? { params: { fromDisplayName: options.fromName } } : {}),
    });
    const callId = inviter.request.callId;
    const leg = this.track(callId, inviter, consultFor);
    try {
      // Kamailio puts the interaction the server made of this call in the ringing and answer replies.
      const learnInteraction = (response: Core.IncomingResponse): void => {
        const id = response.message.getHeader('X-Omnicc-Interaction');
        if (id && UUID.test(id)) leg.interactionId = id;
      };
      await inviter.invite({
        requestDelegate: {
          onProgress: learnInteraction,
          onAccept: learnInteraction,
          onReject: (response) => {
            leg.endReason = 'rejected';
            leg.endStatus = response.message.statusCode;
          },
        },
      });
    } catch (err) {
      this.calls.delete(callId);
      throw microphoneError(err) ?? new SoftphoneError('CALL_FAILED', String(err));
    }
    return callId;
  }

  async stats(callId: string): Promise<RTCStatsReport | null> {
    const pc = mediaOf(this.leg(callId).session)?.peerConnection;
    return pc ? pc.getStats() : null;
  }

  private addressOf(target: string) {
    return sipAddress(target, this.config?.uri);
  }
}
