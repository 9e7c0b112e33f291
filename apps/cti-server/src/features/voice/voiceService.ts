import { randomUUID } from 'node:crypto';
import { AppError, type Interaction, type Offer, type OfferEndReason } from '@omnicc/shared';
import type { Logger } from 'pino';
import { iso, type Clock } from '../../clock.js';
import type { Store } from '../../store/Store.js';
import type { Routing } from '../routing/routingCalls.js';
import { kamailioEventSchema, type KamailioCommand, type KamailioEvent } from './kamailioEvents.js';
import type { QueueAnnouncer } from './queueAnnouncer.js';
import { readTransferTicket, TRANSFER_USER_PREFIX, type TransferTicket } from './transferTicket.js';

export interface VoiceDeps {
  store: Store;
  routing: Routing;
  clock: Clock;
  log: Logger;
  /** Sends a command to Kamailio; false when the evapi connection is down. */
  send: (command: KamailioCommand) => boolean;
  /** Service number -> queue id ("the called number selects the queue"). */
  numbers: ReadonlyMap<string, string>;
  /** The SIP domain of agents' softphones (sip:<username>@<domain>). */
  domain: string;
  /** How much longer the phone rings than routing's offer lasts, so routing's timer (not SIP's) decides. */
  ringGraceMs?: number;
  /** Pushes an interaction the call's end changed to its agent's desktops (the hang-up came from SIP, not from a desktop). */
  pushChanged?: (interaction: Interaction) => void;
  /** The queue agents' own calls are reported under. */
  outboundQueueId: string;
  /** Key of transfer addresses (transferTicket.ts). */
  transferSecret: string;
  /** How long an interaction waits for the caller's new INVITE after the agent's leg of a transfer ended. */
  transferFollowMs?: number;
  /** Plays the queue tone to callers who wait; none = they wait in silence (OMNICC_QUEUE_ANNOUNCEMENT=off). */
  announcer?: QueueAnnouncer | undefined;
}

/** One call as the CTI sees it. */
interface CallLeg {
  callId: string;
  interactionId: string;
  cseq?: string;
  /** Set while Kamailio holds the INVITE (t_suspend): what t_continue needs. */
  held?: { tindex: number; tlabel: number } | undefined;
  /** The offer whose agent's phone rings now; `ended` once routing ended it (its timer, a withdrawal). */
  ringing?: { offerId: string; agentId: string; ended: boolean } | undefined;
  /** An offer to ring as soon as Kamailio holds the call again. */
  next?: { agentId: string; offer: Offer } | undefined;
  /** Rings so far (each one a branch of the INVITE transaction, which Kamailio caps). */
  rings: number;
  /** An agent's own call (click-to-call): the agent is the From side, and `placedBy` them. */
  placedBy?: string | undefined;
  /** The caller's From tag, and once answered the agent's To tag and id: what ending the dialog needs. */
  ftag?: string | undefined;
  connected?: { agentId: string; ttag: string } | undefined;
  hangupTries?: number;
  /** The agent's phone REFERred the caller to a transfer address of ours: the caller's new INVITE is on its way. */
  referred?: TransferTicket | undefined;
  /** The caller's SDP offer, kept until the queue tone is sent (a call rung first may wait later, after a ring-out). */
  sdp?: string | undefined;
  /** rtpengine plays (or is setting up) the queue tone to this caller. */
  tone?: boolean;
  /** The caller's new call (a transfer) took over the interaction: this leg's end changes nothing. */
  replacedBy?: string | undefined;
  /** The leg ended while referred: the interaction waits this timer for the caller's new INVITE. */
  followTimer?: ReturnType<typeof setTimeout> | undefined;
}

/** The caller's ACK confirms the dialog within milliseconds; 6 s of tries covers a loaded machine. */
const HANGUP_TRIES = 20;
const HANGUP_RETRY_MS = 300;
/** A caller's phone that accepted a REFER calls the new address within a second or two; past this the caller is gone. */
const TRANSFER_FOLLOW_MS = 15_000;

/**
 * Kamailio allows 30 branches per transaction (max_branches) and each ring
 * and each hold again takes one: past this many rings the call is released
 * cleanly rather than failing inside Kamailio (docs/voice.md).
 */
export const MAX_RINGS_PER_CALL = 12;

/**
 * Calls as interactions: the voice channel's adapter between Kamailio (evapi)
 * and routing, on the node that owns routing. A held call becomes a queued
 * interaction; routing's offer rings the agent's softphone (t_continue); the
 * softphone's answer accepts the offer; a reject or a ring-out goes back to
 * routing, which re-queues it while Kamailio holds the call again; the caller
 * hanging up abandons it. Kamailio is the truth about which calls exist: after
 * a reconnect the CTI asks it (sync) and settles the difference.
 */
export class VoiceService {
  private readonly calls = new Map<string, CallLeg>();
  private readonly byInteraction = new Map<string, string>();
  /** Events of one call are handled one at a time, in order. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly usernames = new Map<string, string>();
  private syncing: Set<string> | undefined;

  constructor(private readonly deps: VoiceDeps) {}

  /** The evapi connection is up (again): ask Kamailio which calls it holds. */
  connected(): void {
    this.syncing = new Set();
    this.deps.send({ cmd: 'sync' });
  }

  /** One message from Kamailio. Malformed ones are logged and dropped. */
  receive(raw: unknown): Promise<void> {
    const parsed = kamailioEventSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn({ raw, issues: parsed.error.issues.slice(0, 3) }, 'evapi: unexpected message from Kamailio');
      return Promise.resolve();
    }
    const e = parsed.data;
    if (e.event === 'sync.done') {
      // Only once every call.held before it is handled: a call still being looked up is not "unknown to Kamailio".
      const pending = [...this.chains.values()];
      return this.serially('', async () => {
        await Promise.allSettled(pending);
        await this.syncDone();
      });
    }
    return this.serially('callId' in e ? e.callId : '', () => this.handle(e));
  }

  /**
   * The call waited its queue's max wait: the caller gets a clean "480
   * Temporarily Unavailable" and the interaction is abandoned. (Offering a
   * callback needs an announcement and a key press: see docs/voice.md.)
   */
  maxWaitReached(interaction: { id: string; channel: string }): void {
    if (interaction.channel !== 'voice') return;
    const leg = this.legOf(interaction.id);
    if (leg) void this.serially(leg.callId, () => this.release(leg.callId, 480, 'Temporarily Unavailable'));
  }

  /**
   * The agent's desktop is gone (last socket closed): their connected calls
   * cannot go on (the audio lived in that browser), so each is hung up on
   * both sides and goes to the agent's wrap-up.
   */
  agentOffline(agentId: string): void {
    for (const leg of this.calls.values()) {
      if (leg.connected?.agentId !== agentId) continue;
      void this.serially(leg.callId, () => this.hangUp(leg, agentId));
    }
  }

  private async hangUp(leg: CallLeg, agentId: string): Promise<void> {
    if (!leg.connected || leg.hangupTries !== undefined) return;
    // Sent or not (Kamailio away), the agent is gone: the interaction goes to wrap-up either way.
    this.sendHangup(leg);
    this.deps.log.warn({ callId: leg.callId, agentId }, "agent's desktop gone mid-call: hanging up");
    await this.deps.routing.call('endInteraction', { agentId, interactionId: leg.interactionId });
  }

  /**
   * The agent ended the call's interaction from a desktop that no longer has
   * the SIP session (a reload mid-call): the call is hung up on both sides.
   * After a hang-up of ours or a BYE, there is nothing left to end.
   */
  interactionEnded(interaction: { id: string; channel: string }): void {
    if (interaction.channel !== 'voice') return;
    const leg = this.legOf(interaction.id);
    if (leg?.connected && leg.hangupTries === undefined) void this.serially(leg.callId, () => Promise.resolve(void this.sendHangup(leg)));
  }

  /** Asks Kamailio to end the dialog (BYE both ways); false when the call is not connected. */
  private sendHangup(leg: CallLeg): boolean {
    if (!leg.connected || !leg.ftag || leg.hangupTries !== undefined) return false;
    leg.hangupTries = 1;
    return this.deps.send({ cmd: 'hangup', callId: leg.callId, ftag: leg.ftag, ttag: leg.connected.ttag });
  }

  /** The dialog was not confirmed yet (the caller's ACK is on its way): try again shortly, a bounded number of times. */
  private async hangupFailed(callId: string): Promise<void> {
    const leg = this.calls.get(callId);
    if (!leg?.connected || !leg.ftag) return;
    if ((leg.hangupTries ?? 0) >= HANGUP_TRIES) {
      this.deps.log.error({ callId }, 'call could not be hung up');
      this.forget(callId);
      return;
    }
    leg.hangupTries = (leg.hangupTries ?? 0) + 1;
    await new Promise((r) => setTimeout(r, HANGUP_RETRY_MS));
    this.deps.send({ cmd: 'hangup', callId, ftag: leg.ftag, ttag: leg.connected.ttag });
  }

  /** Runs `job` after every earlier job of the same call (events and our own acts on it never interleave). */
  private serially(callId: string, job: () => Promise<void>): Promise<void> {
    const run = (this.chains.get(callId) ?? Promise.resolve()).then(job).catch((err: unknown) => this.deps.log.error({ err, callId }, 'voice event failed'));
    this.chains.set(callId, run);
    void run.then(() => {
      if (this.chains.get(callId) === run) this.chains.delete(callId);
    });
    return run;
  }

  /** Routing offered an interaction: for a call, ring the agent's softphone. */
  offerCreated(agentId: string, offer: Offer): void {
    if (offer.interaction.channel !== 'voice') return;
    const leg = this.legOf(offer.interaction.id);
    if (!leg) {
      this.deps.log.warn({ interactionId: offer.interaction.id }, 'offer of a call Kamailio does not hold');
      return;
    }
    leg.next = { agentId, offer };
    void this.serially(leg.callId, () => this.ringNext(leg));
  }

  /** Routing ended an offer. If it was not answered and the phone still rings, stop it (the call is then held again). */
  offerEnded(agentId: string, e: { offerId: string; interactionId: string; reason: OfferEndReason }): void {
    const leg = this.legOf(e.interactionId);
    if (!leg) return;
    if (leg.next?.offer.offerId === e.offerId) leg.next = undefined;
    if (leg.ringing?.offerId !== e.offerId || e.reason === 'accepted') return;
    leg.ringing.ended = true;
    if (leg.cseq) this.deps.send({ cmd: 'cancelRing', callId: leg.callId, cseq: leg.cseq });
    this.deps.log.info({ callId: leg.callId, agentId, reason: e.reason }, 'offer ended while ringing: ringing stopped');
  }

  private async handle(e: KamailioEvent): Promise<void> {
    switch (e.event) {
      case 'call.queued':
        return this.queued(e);
      case 'call.outgoing':
        return this.outgoing(e);
      case 'call.outFailed':
        return this.outFailed(e.callId, e.code);
      case 'call.cancelled':
        return this.callerLeft(e.callId, 'cancelled');
      case 'call.referred':
        return this.referred(e.callId, e.referTo);
      case 'call.ringing':
        return;
      case 'call.answered':
        return this.answered(e.callId, e.ttag);
      case 'call.earlyMedia':
        return this.earlyMediaSent(e);
      case 'call.ringFailed':
        return this.ringFailed(e);
      case 'call.ended':
        return this.ended(e.callId, e.by, e.fromTag);
      case 'call.hungUp':
        this.forget(e.callId);
        return;
      case 'call.hangupFailed':
        return this.hangupFailed(e.callId);
      case 'call.held':
        return this.stillHeld(e.callId, e.at);
      case 'registered':
        this.deps.log.debug({ user: e.user }, 'softphone registered');
        return;
    }
  }

  /** A new call: an interaction in the queue of the number called, or a clean refusal. */
  private async queued(e: Extract<KamailioEvent, { event: 'call.queued' }>): Promise<void> {
    const held = { tindex: e.tindex, tlabel: e.tlabel };
    if (e.to.startsWith(TRANSFER_USER_PREFIX)) return this.transferArrived(e);
    const queueId = this.deps.numbers.get(e.to);
    if (!queueId) {
      this.deps.send({ cmd: 'reply', callId: e.callId, ...held, code: 404, reason: 'Not Found' });
      return;
    }
    const caller = { name: e.fromName.trim() || e.from || 'Unknown caller', ...(/^\+?\d{3,20}$/.test(e.from) ? { phone: e.from } : {}) };
    // Tracked before routing is asked: its offer (settled inside the call below) rings from this leg.
    const leg: CallLeg = { callId: e.callId, interactionId: randomUUID(), cseq: e.cseq, ftag: e.ftag, held, rings: 0, sdp: e.sdp };
    this.track(leg);
    try {
      await this.admit(leg, queueId, caller);
    } catch (err) {
      this.deps.log.error({ err, callId: e.callId }, 'call could not be queued: released');
      await this.release(e.callId, 503, 'Service Unavailable');
      return;
    }
    // After the ring of an agent who is free now (that job is queued before this one): only a caller who waits hears the tone.
    void this.serially(e.callId, () => Promise.resolve(this.startTone(leg)));
  }

  /**
   * The caller waits: Kamailio answers the held INVITE with early media from
   * rtpengine (183 with the SDP the announcer made) and holds it again, and
   * says so (call.earlyMedia), when the tone starts. rtpengine's round trips
   * run beside the call's chain, so a slow rtpengine never delays a ring.
   * Without the tone the caller waits in silence, as before: it is never a
   * reason to drop a call.
   */
  private startTone(leg: CallLeg): void {
    const announcer = this.deps.announcer;
    const { sdp, ftag } = leg;
    if (!announcer || leg.tone || !sdp || !ftag || !this.waitsUnrung(leg)) return;
    leg.tone = true;
    void announcer.earlyMediaAnswer({ callId: leg.callId, ftag, sdp }).then(
      (answer) => this.serially(leg.callId, () => this.sendEarlyMedia(leg, answer)),
      (err: unknown) => {
        leg.tone = false;
        this.deps.log.warn({ err, callId: leg.callId }, 'no queue tone: rtpengine refused the early media');
      },
    );
  }

  private async sendEarlyMedia(leg: CallLeg, answer: string | undefined): Promise<void> {
    // Rung (or gone) meanwhile: the ring goes first, and the tone made for this moment is not needed.
    const sent = answer !== undefined && this.waitsUnrung(leg) && leg.held && this.deps.send({ cmd: 'earlyMedia', callId: leg.callId, ...leg.held, sdp: answer });
    if (sent) {
      leg.held = undefined;
      leg.sdp = undefined;
      return;
    }
    leg.tone = false;
    await this.deps.announcer?.end(leg.callId).catch(() => undefined);
  }

  /** Held by Kamailio, tracked, and no agent rings or is about to. */
  private waitsUnrung(leg: CallLeg): boolean {
    return Boolean(leg.held) && !leg.ringing && !leg.next && this.calls.get(leg.callId) === leg;
  }

  /** Kamailio sent the 183 and holds the call again: play the tone, and ring an agent if an offer came meanwhile. */
  private async earlyMediaSent(e: Extract<KamailioEvent, { event: 'call.earlyMedia' }>): Promise<void> {
    const leg = this.calls.get(e.callId);
    if (!leg) return;
    leg.held = { tindex: e.tindex, tlabel: e.tlabel };
    if (leg.ftag) await this.deps.announcer?.play({ callId: leg.callId, ftag: leg.ftag }).catch((err: unknown) => this.deps.log.warn({ err, callId: leg.callId }, 'queue tone did not start'));
    await this.ringNext(leg);
  }

  /**
   * The call's interaction enters routing: routing stores it in the same
   * commit as its offer to a free agent (RoutingService.admit), so a call
   * pays one commit on its way to ringing. Admit first, without looking the
   * Call-ID up: a new call is the rule. The same Call-ID told twice
   * (CONFLICT) takes the interaction stored before, and enqueues that.
   */
  private async admit(leg: CallLeg, queueId: string, customer: { name: string; phone?: string }): Promise<void> {
    try {
      await this.deps.routing.call('admit', { id: leg.interactionId, at: iso(this.deps.clock.now()), interaction: { channel: 'voice', queueId, customer, channelRef: leg.callId } });
      return;
    } catch (err) {
      const known = err instanceof AppError && err.code === 'CONFLICT' ? await this.deps.store.interactions.findByChannelRef(leg.callId) : undefined;
      if (!known) throw err;
      this.byInteraction.delete(leg.interactionId);
      leg.interactionId = known.id;
      this.track(leg);
      await this.deps.routing.call('enqueue', { interactionId: known.id, created: known });
    }
  }

  private async answered(callId: string, ttag: string): Promise<void> {
    const leg = this.calls.get(callId);
    if (leg?.placedBy) {
      // The customer took the agent's call: it was the agent's since it was placed.
      leg.connected = { agentId: leg.placedBy, ttag };
      return;
    }
    const ringing = leg?.ringing;
    if (!leg || !ringing) {
      this.deps.log.warn({ callId }, 'answer of a call that was not ringing');
      return;
    }
    leg.ringing = undefined;
    leg.held = undefined;
    leg.connected = { agentId: ringing.agentId, ttag };
    if (leg.tone) {
      leg.tone = false;
      void this.deps.announcer?.end(callId).catch((err: unknown) => this.deps.log.warn({ err, callId }, 'queue tone did not stop'));
    }
    if (ringing.ended) this.deps.log.error({ callId, agentId: ringing.agentId }, 'answered just after routing ended the offer: the agent has the caller, routing does not');
    await this.deps.routing.call('accept', { agentId: ringing.agentId, offerId: ringing.offerId });
  }

  /** The phone did not take it (reject, ring-out, our own cancel): Kamailio holds the call again. */
  private async ringFailed(e: Extract<KamailioEvent, { event: 'call.ringFailed' }>): Promise<void> {
    const leg = this.calls.get(e.callId);
    if (!leg) return;
    leg.held = { tindex: e.tindex, tlabel: e.tlabel };
    const ringing = leg.ringing;
    leg.ringing = undefined;
    // Routing already ended this offer (its timer): nothing to report.
    if (ringing && !ringing.ended) {
      await this.deps.routing.call('reject', { agentId: ringing.agentId, offerId: ringing.offerId }).catch((err: unknown) => this.deps.log.warn({ err, callId: e.callId }, 'reject after a failed ring'));
    }
    await this.ringNext(leg);
    // Nobody else rings at once: the caller waits, with the tone from now on.
    this.startTone(leg);
  }

  /**
   * A BYE. The caller's BYE carries the caller's From tag; the agent's BYE
   * (they answered, so they are the To side) carries the agent's tag, and its
   * From user is the number called. Without the tag (a call recovered after
   * a restart) the caller is whoever has the caller's number.
   */
  private async ended(callId: string, by: string, fromTag: string): Promise<void> {
    const leg = this.calls.get(callId);
    if (leg?.replacedBy) {
      this.forget(callId);
      return;
    }
    if (leg?.referred && !leg.followTimer && leg.referred.expiresAt * 1000 > this.deps.clock.now()) {
      // Transfer under way: the agent's phone (or the caller's) ended this leg before the caller's new INVITE arrived.
      leg.connected = undefined;
      leg.followTimer = setTimeout(() => void this.serially(callId, () => this.transferNotFollowed(callId, by, fromTag)), this.deps.transferFollowMs ?? TRANSFER_FOLLOW_MS);
      this.deps.log.info({ callId }, 'transferring leg ended: waiting for the caller to follow');
      return;
    }
    const interaction = await this.interactionOf(callId);
    this.forget(callId);
    if (!interaction || interaction.state !== 'assigned' || !interaction.agentId) return;
    // The agent is the To side of a call they answered and the From side of one they placed.
    const agentHungUp = leg?.ftag && fromTag ? (fromTag === leg.ftag) === Boolean(leg.placedBy) : by !== interaction.customer.phone;
    this.deps.log.info({ callId, interactionId: interaction.id, agentHungUp }, 'call ended');
    const after = agentHungUp
      ? await this.deps.routing.call('endInteraction', { agentId: interaction.agentId, interactionId: interaction.id })
      : await this.deps.routing.call('customerLeave', { interactionId: interaction.id });
    if (after) this.deps.pushChanged?.(after);
  }

  /**
   * An agent's softphone calls a number (click-to-call). The call becomes an
   * interaction of that agent at once, counted against their capacity, and
   * only then goes out; an agent with no room (already on a call) or not
   * signed in on a desktop gets a clean refusal on the phone instead.
   */
  private async outgoing(e: Extract<KamailioEvent, { event: 'call.outgoing' }>): Promise<void> {
    const held = { tindex: e.tindex, tlabel: e.tlabel };
    const refuse = (code: number, reason: string): void => void this.deps.send({ cmd: 'reply', callId: e.callId, ...held, code, reason });
    if (!/^\+?[0-9]{3,20}$/.test(e.to)) return refuse(484, 'Address Incomplete');
    const agent = await this.deps.store.users.findByUsername(e.agent);
    if (!agent) return refuse(403, 'Forbidden');
    const customer = { name: e.to, phone: e.to };
    const interaction = await this.deps.store.interactions.create({ channel: 'voice', queueId: this.deps.outboundQueueId, customer, channelRef: e.callId, outbound: true }, iso(this.deps.clock.now()));
    try {
      await this.deps.routing.call('placeOutbound', { agentId: agent.id, interactionId: interaction.id });
    } catch (err) {
      const code = err instanceof AppError && err.code === 'INVALID_STATE' ? 486 : 403;
      this.deps.log.info({ callId: e.callId, agentId: agent.id, err }, 'outbound call refused');
      return refuse(code, code === 486 ? 'Busy Here' : 'Forbidden');
    }
    this.track({ callId: e.callId, interactionId: interaction.id, cseq: e.cseq, ftag: e.ftag, rings: 0, placedBy: agent.id });
    this.deps.send({ cmd: 'dialOut', callId: e.callId, ...held, interactionId: interaction.id });
  }

  /** Nobody took the agent's call (busy, no answer, no such number): it ends, and the agent wraps it up (e.g. "no answer"). */
  private async outFailed(callId: string, code: number): Promise<void> {
    const leg = this.calls.get(callId);
    if (!leg?.placedBy) return;
    this.forget(callId);
    this.deps.log.info({ callId, code }, 'outbound call not answered');
    const after = await this.deps.routing.call('endInteraction', { agentId: leg.placedBy, interactionId: leg.interactionId }).catch(() => undefined);
    if (after) this.deps.pushChanged?.(after);
  }

  /** Kamailio saw a REFER inside the call: if it sends the caller to one of our transfer addresses for this call, remember it. */
  private referred(callId: string, referTo: string): void {
    const leg = this.calls.get(callId);
    const user = /sips?:([^@;>]+)@/.exec(referTo)?.[1];
    if (!leg || !user) return;
    const ticket = readTransferTicket(this.deps.transferSecret, user, Math.floor(this.deps.clock.now() / 1000));
    if (typeof ticket === 'string' || ticket.interactionId !== leg.interactionId) {
      this.deps.log.warn({ callId, ticket: typeof ticket === 'string' ? ticket : 'another call' }, 'REFER to an address that is not a transfer of this call');
      return;
    }
    leg.referred = ticket;
  }

  /**
   * The caller's phone followed a REFER to one of our transfer addresses: the
   * new call takes the interaction over (its Call-ID becomes the channel
   * reference), routing moves it to the target, which rings from this held
   * INVITE like any offer, and the old leg is hung up on both sides.
   */
  private async transferArrived(e: Extract<KamailioEvent, { event: 'call.queued' }>): Promise<void> {
    const held = { tindex: e.tindex, tlabel: e.tlabel };
    const ticket = readTransferTicket(this.deps.transferSecret, e.to, Math.floor(this.deps.clock.now() / 1000));
    if (typeof ticket === 'string') {
      this.deps.log.warn({ callId: e.callId, why: ticket }, 'call to a transfer address refused');
      this.deps.send({ cmd: 'reply', callId: e.callId, ...held, code: ticket === 'expired' ? 410 : 403, reason: ticket === 'expired' ? 'Gone' : 'Forbidden' });
      return;
    }
    const interaction = await this.deps.store.interactions.get(ticket.interactionId);
    if (interaction?.channel !== 'voice' || interaction.state !== 'assigned' || interaction.agentId !== ticket.fromAgentId) {
      this.deps.log.warn({ callId: e.callId, interactionId: ticket.interactionId, state: interaction?.state }, 'transfer of a call that moved on: refused');
      this.deps.send({ cmd: 'reply', callId: e.callId, ...held, code: 410, reason: 'Gone' });
      return;
    }
    const old = this.legOf(interaction.id);
    await this.deps.store.interactions.moveChannelRef(interaction.id, e.callId);
    if (old) {
      old.replacedBy = e.callId;
      clearTimeout(old.followTimer);
    }
    this.track({ callId: e.callId, interactionId: interaction.id, cseq: e.cseq, ftag: e.ftag, held, rings: 0 });
    this.deps.log.info({ callId: e.callId, from: old?.callId, interactionId: interaction.id, to: ticket.to }, 'transferred call arrived');
    try {
      await this.deps.routing.call('transfer', { agentId: ticket.fromAgentId, interactionId: interaction.id, to: ticket.to });
    } catch (err) {
      // The colleague cannot take it any more (went not ready, signed out): the caller waits in the call's own queue instead.
      if (!('agentId' in ticket.to)) throw err;
      this.deps.log.warn({ err, interactionId: interaction.id }, 'transfer target unavailable: back to the queue');
      await this.deps.routing.call('transfer', { agentId: ticket.fromAgentId, interactionId: interaction.id, to: { queueId: interaction.queueId } });
    }
    if (old?.connected) this.sendHangup(old);
    else if (old) this.forget(old.callId);
  }

  /** The caller never came back on the transfer address: the call is over, and the agent who had it wraps up. */
  private async transferNotFollowed(callId: string, by: string, fromTag: string): Promise<void> {
    const leg = this.calls.get(callId);
    if (!leg || leg.replacedBy) return;
    leg.referred = undefined;
    leg.followTimer = undefined;
    this.deps.log.warn({ callId }, 'the caller did not follow the transfer');
    await this.ended(callId, by, fromTag);
  }

  private async callerLeft(callId: string, why: string): Promise<void> {
    const interaction = await this.interactionOf(callId);
    this.forget(callId);
    if (!interaction) return;
    this.deps.log.info({ callId, why }, 'caller left');
    await this.deps.routing.call('customerLeave', { interactionId: interaction.id });
  }

  /** A sync says Kamailio holds this call: keep it (or learn it again after a restart of ours). */
  private async stillHeld(callId: string, at: string): Promise<void> {
    this.syncing?.add(callId);
    const [tindex, tlabel] = at.split(':').map(Number) as [number, number];
    const leg = this.calls.get(callId);
    if (leg) {
      leg.held = { tindex, tlabel };
      leg.ringing = undefined;
      return this.ringNext(leg);
    }
    const interaction = await this.deps.store.interactions.findByChannelRef(callId);
    if (!interaction || (interaction.state !== 'queued' && interaction.state !== 'offered')) {
      // Never acknowledged (we stopped before storing it), or already over: the caller gets a clear answer.
      this.deps.send({ cmd: 'reply', callId, tindex, tlabel, code: 503, reason: 'Service Unavailable' });
      return;
    }
    // Routing recovered it from the store and offers it again; its next offer rings from here.
    // Rings before the restart are unknown: count from the cap's middle, so a recovered call never overruns it.
    this.track({ callId, interactionId: interaction.id, held: { tindex, tlabel }, rings: MAX_RINGS_PER_CALL / 2 });
    this.deps.log.info({ callId, interactionId: interaction.id }, 'held call recovered after a reconnect');
  }

  /** Calls we thought held but Kamailio does not have any more ended while we were away. */
  private async syncDone(): Promise<void> {
    const present = this.syncing ?? new Set<string>();
    this.syncing = undefined;
    for (const leg of [...this.calls.values()]) {
      if (leg.held && !present.has(leg.callId)) await this.callerLeft(leg.callId, 'gone from Kamailio');
    }
    for (const i of await this.deps.store.interactions.listOpen()) {
      if (i.channel !== 'voice' || (i.state !== 'queued' && i.state !== 'offered') || this.byInteraction.has(i.id)) continue;
      this.deps.log.warn({ interactionId: i.id }, 'queued call unknown to Kamailio: abandoned');
      await this.deps.routing.call('customerLeave', { interactionId: i.id });
    }
  }

  private async ringNext(leg: CallLeg): Promise<void> {
    const next = leg.next;
    if (!next || !leg.held || leg.ringing) return;
    const remainingMs = Date.parse(next.offer.expiresAt) - this.deps.clock.now();
    if (remainingMs <= 0) return;
    leg.next = undefined;
    if (leg.rings >= MAX_RINGS_PER_CALL) {
      this.deps.log.warn({ callId: leg.callId, rings: leg.rings }, 'call rang too many agents: released');
      await this.release(leg.callId, 480, 'Temporarily Unavailable');
      return;
    }
    const username = await this.usernameOf(next.agentId);
    const sent = this.deps.send({
      cmd: 'ring',
      callId: leg.callId,
      ...leg.held,
      target: `sip:${username}@${this.deps.domain}`,
      ringMs: remainingMs + (this.deps.ringGraceMs ?? 1500),
      // Headers of the INVITE: the softphone ties the ring to the offer on screen.
      interactionId: leg.interactionId,
      offerId: next.offer.offerId,
    });
    if (!sent) {
      // Kamailio is away: routing's timer ends the offer and the sync after the reconnect settles the call.
      leg.next = next;
      return;
    }
    leg.held = undefined;
    leg.rings++;
    leg.ringing = { offerId: next.offer.offerId, agentId: next.agentId, ended: false };
  }

  private async release(callId: string, code: number, reason: string): Promise<void> {
    const leg = this.calls.get(callId);
    if (leg?.held) this.deps.send({ cmd: 'reply', callId, ...leg.held, code, reason });
    const interaction = leg && (await this.deps.store.interactions.get(leg.interactionId));
    this.forget(callId);
    if (interaction && (interaction.state === 'queued' || interaction.state === 'offered')) {
      await this.deps.routing.call('customerLeave', { interactionId: interaction.id }).catch(() => undefined);
    }
  }

  /** The stored interaction of a call: through its leg, or by Call-ID for a call we do not track (after a restart of ours). */
  private async interactionOf(callId: string): Promise<Interaction | undefined> {
    const leg = this.calls.get(callId);
    return leg ? this.deps.store.interactions.get(leg.interactionId) : this.deps.store.interactions.findByChannelRef(callId);
  }

  private async usernameOf(agentId: string): Promise<string> {
    const cached = this.usernames.get(agentId);
    if (cached) return cached;
    const user = await this.deps.store.users.findById(agentId);
    if (!user) throw new AppError('NOT_FOUND', `unknown agent ${agentId}`);
    this.usernames.set(agentId, user.username);
    return user.username;
  }

  private track(leg: CallLeg): void {
    this.calls.set(leg.callId, leg);
    this.byInteraction.set(leg.interactionId, leg.callId);
  }

  private forget(callId: string): void {
    const leg = this.calls.get(callId);
    if (!leg) return;
    clearTimeout(leg.followTimer);
    if (leg.tone) void this.deps.announcer?.end(callId).catch((err: unknown) => this.deps.log.warn({ err, callId }, 'queue tone did not stop'));
    // A transferred call's old leg goes after its new one took the interaction over.
    if (this.byInteraction.get(leg.interactionId) === callId) this.byInteraction.delete(leg.interactionId);
    this.calls.delete(callId);
  }

  private legOf(interactionId: string): CallLeg | undefined {
    const callId = this.byInteraction.get(interactionId);
    return callId === undefined ? undefined : this.calls.get(callId);
  }

  /** Calls known now (tests and diagnostics). */
  heldCalls(): { callId: string; interactionId: string; state: 'held' | 'ringing' | 'connected' }[] {
    return [...this.calls.values()].map((l) => ({ callId: l.callId, interactionId: l.interactionId, state: l.held ? 'held' : l.ringing ? 'ringing' : 'connected' }));
  }
}
