import type { OfferExplain } from '../../domain/acd/index.js';

/** One offer's explanation, as the routing API returns it. */
export interface OfferExplanation {
  offerId: string;
  agentId: string;
  offeredAt: string;
  explain: OfferExplain;
}

/**
 * Why each offer went where it did, per interaction. In memory only: it is
 * lost on restart and bounded to the most recent interactions, because the
 * core keeps an explanation only while the interaction is open and nothing
 * stores them yet (a table for them comes with the reports).
 */
export class ExplanationLog {
  private readonly byInteraction = new Map<string, OfferExplanation[]>();

  constructor(private readonly maxInteractions = 10_000) {}

  add(interactionId: string, entry: OfferExplanation): void {
    const list = this.byInteraction.get(interactionId) ?? [];
    // Re-inserting moves the interaction to the back, so the oldest untouched one is evicted first.
    this.byInteraction.delete(interactionId);
    this.byInteraction.set(interactionId, [...list, entry]);
    while (this.byInteraction.size > this.maxInteractions) {
      const oldest = this.byInteraction.keys().next().value;
      if (oldest === undefined) break;
      this.byInteraction.delete(oldest);
    }
  }

  of(interactionId: string): OfferExplanation[] {
    return this.byInteraction.get(interactionId) ?? [];
  }
}
