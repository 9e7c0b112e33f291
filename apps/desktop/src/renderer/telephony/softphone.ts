/**
 * The agent's phone as the desk sees it. sip.js stays behind this interface
 * (see sipSoftphone.ts): components and stores never touch SIP objects, and
 * tests drive the desk with a fake.
 */

/** What registering needs: GET /api/voice/softphone. */
export interface SoftphoneConfig {
  wsUrl: string;
  /** sip:<username>@<domain> */
  uri: string;
  authorizationUsername: string;
  password: string;
  /** The credentials stop working then; fetch new ones before. */
  expiresAt: string;
}

/** A call that rings at this phone; offerId, interactionId and consultFor come from the INVITE's X-Omnicc-* headers. */
export interface IncomingCall {
  callId: string;
  offerId: string | null;
  interactionId: string | null;
  /** A colleague's consult call (X-Omnicc-Consult): the interaction they want to hand over. */
  consultFor: string | null;
  /** The caller's number (From user). */
  number: string;
  name: string | null;
}

/** Why a call is over, from this phone's point of view. */
export type CallEndReason = 'localHangUp' | 'remoteHangUp' | 'cancelled' | 'rejected' | 'failed';

export type SoftphoneEvent =
  | { type: 'registration'; state: 'registered' | 'unregistered' | 'failed' }
  | { type: 'incoming'; call: IncomingCall }
  /** `interactionId`: of a call this phone placed, once the server made it an interaction (X-Omnicc-Interaction in the replies). */
  | { type: 'connected'; callId: string; interactionId?: string }
  | { type: 'ended'; callId: string; reason: CallEndReason; status?: number }
  /** The caller's phone reported (NOTIFY, RFC 3515) that its call to the transfer address failed with this status. */
  | { type: 'transferFailed'; callId: string; status: number };

/** Error codes a phone operation fails with; each has a sentence under errors.* in the UI. */
export type SoftphoneErrorCode =
  | 'SOFTPHONE_UNAVAILABLE'
  | 'NO_CALL'
  | 'MICROPHONE'
  | 'CALL_REFUSED'
  | 'TRANSFER_REFUSED'
  | 'CALL_FAILED';

/** Options of an outbound call. */
export interface DialOptions {
  /**
   * Makes it a consult call about this interaction (X-Omnicc-Consult), which
   * may be placed while the customer's call is on hold.
   */
  consultFor?: string | undefined;
  /** Shown to the colleague as the caller's name (From display name). */
  fromName?: string | undefined;
}

/** A failed phone operation, with the code the UI branches on. */
export class SoftphoneError extends Error {
  constructor(
    readonly code: SoftphoneErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SoftphoneError';
  }
}

export interface Softphone {
  /** Connects and registers; called again with fresh credentials it re-registers in place (calls survive). */
  register(config: SoftphoneConfig): Promise<void>;
  /** Unregisters and disconnects; a call in progress is hung up. */
  unregister(): Promise<void>;
  /** Subscribes to what happens on the phone; returns the unsubscribe. */
  onEvent(listener: (event: SoftphoneEvent) => void): () => void;
  /** Takes a ringing call (200 OK): the server then accepts the offer. */
  answer(callId: string): Promise<void>;
  /** Declines a ringing call (486 Busy Here): the server re-queues it. */
  reject(callId: string): Promise<void>;
  /** Ends a call (BYE), or cancels an outbound one still ringing. */
  hangUp(callId: string): Promise<void>;
  /** Holds or resumes with a re-INVITE; resolves once the far end accepted it. */
  setHold(callId: string, hold: boolean): Promise<void>;
  /** Stops or restarts sending the microphone; local only, no signalling. */
  setMuted(callId: string, muted: boolean): void;
  /** One key press (0-9, *, #, A-D) as RFC 4733 telephone-event. */
  sendDtmf(callId: string, tone: string): Promise<void>;
  /**
   * Asks the far end to call `referTo` instead (REFER); resolves once it
   * accepted the REFER (2xx), rejects with TRANSFER_REFUSED otherwise. The
   * call stays up: the server hangs it up when the new call reaches it.
   */
  refer(callId: string, referTo: string): Promise<void>;
  /**
   * Calls a number or a full `sip:` address; resolves with the new call's id
   * once it is placed (it rings on). One call at a time, except a consult
   * call (options.consultFor) while the only other call is on hold.
   */
  dial(target: string, options?: DialOptions): Promise<string>;
  /** WebRTC statistics of a call's media, for diagnostics; null without media. */
  stats(callId: string): Promise<RTCStatsReport | null>;
}

/** DTMF keys a keypad may send. */
export const DTMF_TONES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export const isDtmfTone = (key: string): boolean => /^[0-9*#A-D]$/.test(key);
