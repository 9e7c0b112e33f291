import { io, type Socket } from 'socket.io-client';
import type { Ack, AgentClientToServer, AgentServerToClient, AgentSnapshot, Interaction, Offer } from '@omnicc/shared';

/**
 * A scripted agent desktop: goes ready on every (re)connect, accepts every
 * offer, ends and wraps up each chat after a short talk, and drains whatever
 * the snapshot says it holds (as the real desktop does after a reconnect).
 * It records any offer it receives for an interaction it already has an
 * offer for: that must never happen.
 */
export class SimAgent {
  readonly socket: Socket<AgentServerToClient, AgentClientToServer>;
  readonly violations: string[] = [];
  readonly offered: string[] = [];
  /** interactionId -> offerId of the offer ringing for it. */
  private readonly ringing = new Map<string, string>();

  constructor(url: string, token: string, private readonly talkMs = 20) {
    this.socket = io(`${url}/agent`, { auth: { token }, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300 });
    this.socket.on('connect', () => void this.onConnect());
    this.socket.on('disconnect', () => this.ringing.clear());
    this.socket.on('offer:new', (offer) => void this.onOffer(offer));
    this.socket.on('offer:ended', (e) => this.ringing.delete(e.interactionId));
  }

  private async onConnect(): Promise<void> {
    await this.socket.timeout(5000).emitWithAck('agent:setStatus', { status: 'ready' }).catch(() => undefined);
    const snapshot = await this.call<AgentSnapshot>('agent:snapshot', {});
    if (!snapshot?.ok) return;
    for (const offer of snapshot.value.offers) void this.onOffer(offer);
    for (const i of snapshot.value.interactions) void this.finish(i.id, i.state === 'assigned');
  }

  private async onOffer(offer: Offer): Promise<void> {
    const id = offer.interaction.id;
    const current = this.ringing.get(id);
    if (current === offer.offerId) return; // the same offer, pushed and also in a snapshot
    if (current !== undefined) this.violations.push(`second offer for ${id} while the first still rang`);
    this.ringing.set(id, offer.offerId);
    this.offered.push(id);
    const ack = await this.call<Interaction>('offer:accept', { offerId: offer.offerId });
    if (ack?.ok) void this.finish(id, true);
  }

  private async finish(interactionId: string, end: boolean): Promise<void> {
    await new Promise((r) => setTimeout(r, this.talkMs));
    if (end) await this.socket.timeout(5000).emitWithAck('interaction:end', { interactionId }).catch(() => undefined);
    await this.socket.timeout(5000).emitWithAck('interaction:wrapUp', { interactionId, dispositionCode: 'resolved', note: '' }).catch(() => undefined);
  }

  /** An acked emit that yields undefined on timeout or disconnect (the server may be dead: that is the test). */
  private async call<T>(event: string, payload: unknown): Promise<Ack<T> | undefined> {
    const timed = this.socket.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> };
    try {
      return (await timed.emitWithAck(event, payload)) as Ack<T>;
    } catch {
      return undefined;
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}
