import { UserAgent, Web, type Core, type Invitation, type Session, type URI } from 'sip.js';
import { SoftphoneError, type IncomingCall } from './softphone.js';

/** Header of a consult call: the interaction the calling agent wants to hand over. Kamailio passes it between softphones only. */
export const CONSULT_HEADER = 'X-Omnicc-Consult';

/** The caller's number and name from the INVITE, with the ids routing (or a consulting colleague) put in its headers. */
export function describeInvitation(invitation: Invitation): IncomingCall {
  const header = (name: string): string | null => invitation.request.getHeader(name)?.trim() || null;
  const identity = invitation.remoteIdentity;
  return {
    callId: invitation.request.callId,
    offerId: header('X-Omnicc-Offer'),
    interactionId: header('X-Omnicc-Interaction'),
    consultFor: header(CONSULT_HEADER),
    number: identity.uri.user ?? identity.uri.toString(),
    name: identity.displayName || null,
  };
}

/** The Web session description handler of a session (the RTCPeerConnection side), once there is one. */
export function mediaOf(session: Session): Web.SessionDescriptionHandler | undefined {
  const sdh = session.sessionDescriptionHandler;
  return sdh instanceof Web.SessionDescriptionHandler ? sdh : undefined;
}

/**
 * Sends an in-dialog request and waits for its final answer: sip.js's own
 * promises settle when the request is sent, but hold or transfer are done
 * only when the far end accepted them.
 */
export function acknowledged(send: (delegate: Core.OutgoingRequestDelegate) => Promise<unknown>, timeoutMs = 0): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = timeoutMs > 0 ? setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs) : undefined;
    const done = (fn: () => void) => {
      clearTimeout(timer);
      fn();
    };
    send({
      onAccept: () => done(resolve),
      onReject: (response) => done(() => reject(new Error(`${response.message.statusCode} ${response.message.reasonPhrase}`))),
    }).catch((err: unknown) => done(() => reject(err instanceof Error ? err : new Error(String(err)))));
  });
}

/** A getUserMedia failure (no microphone, or permission denied) as the agent should hear of it. */
export function microphoneError(err: unknown): SoftphoneError | undefined {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  return ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError', 'SecurityError'].includes(name)
    ? new SoftphoneError('MICROPHONE', err instanceof Error ? err.message : name)
    : undefined;
}

/**
 * Fails a promise that takes longer than `ms`. sip.js waits on WebSocket
 * events that may never come (a connection blocked by the page's CSP fires
 * no close), and the desk must learn that the phone is not there.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SoftphoneError('SOFTPHONE_UNAVAILABLE', `${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A number or user becomes sip:<it>@<our domain> (taken from our own address); a full SIP address is taken as is. */
export function sipAddress(target: string, ownUri: string | undefined): URI {
  const domain = ownUri ? UserAgent.makeURI(ownUri)?.host : undefined;
  const uri = UserAgent.makeURI(target.startsWith('sip:') ? target : `sip:${target.replace(/[^0-9A-Za-z+*#._-]/g, '')}@${domain ?? 'invalid'}`);
  if (!uri) throw new SoftphoneError('CALL_FAILED', `bad number ${target}`);
  return uri;
}

/** The consult header of an outbound call; the id goes into a SIP header, so only id characters may pass. */
export function consultHeaders(consultFor: string | null): string[] {
  if (consultFor === null) return [];
  if (!/^[0-9A-Za-z-]{1,64}$/.test(consultFor)) throw new SoftphoneError('CALL_FAILED', `bad consult interaction id ${consultFor}`);
  return [`${CONSULT_HEADER}: ${consultFor}`];
}

/** The status of a `message/sipfrag` NOTIFY body ("SIP/2.0 403 Forbidden"), or null when it has none. */
export function sipfragStatus(body: string | undefined): number | null {
  const match = /^SIP\/2\.0 (\d{3})\b/.exec(body?.trim() ?? '');
  return match ? Number(match[1]) : null;
}
