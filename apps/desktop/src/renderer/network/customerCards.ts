import type { ContactPointType, CustomerKind, CustomerSummary } from '@omnicc/shared';
import { useCustomerStore, type BillingState } from '../stores/customerStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { errorCodeOf } from './commands.js';
import type { CustomersApi } from './customers.js';
import { markScreenPop } from './screenPopMarks.js';

/** Billing still loading after this long: the card says the BSS is slow (the connector gives up at its own budget). */
export const BILLING_SLOW_MS = 1200;

/** An ended offer's card waits this long for its interaction to reach the desk (the accept's update may come after the offer's end). */
export const OFFER_CARD_GRACE_MS = 3000;

/** The small form "Create customer" opens, prefilled from the contact. */
export interface NewCustomerForm {
  name: string;
  kind: CustomerKind;
  region?: string;
  phone?: string;
  email?: string;
}

/** How a create or link went: done (the card shows the customer), or the server's error code. */
export type CardWriteResult = { ok: true } | { ok: false; code: string };

/** The customer card's side of the server, feeding the customer store. */
export interface CustomerCardClient {
  /** Reads the interaction's customer unless cached (or a read is on its way); `force` reads again. */
  load(interactionId: string, force?: boolean): Promise<void>;
  /** Reads the billing add-in for the number once per card; never throws, never holds the card up. */
  loadBilling(interactionId: string, msisdn: string | undefined): Promise<void>;
  create(interactionId: string, form: NewCustomerForm): Promise<CardWriteResult>;
  /** Links the interaction's contact to an existing customer. */
  link(interactionId: string, customerId: string): Promise<CardWriteResult>;
  search(query: string): Promise<CustomerSummary[]>;
}

const store = () => useCustomerStore.getState();

/** A client over `api`; `token` is read at every call, so a refreshed token is used. */
export function createCustomerCardClient(deps: { api: CustomersApi; token: () => string }): CustomerCardClient {
  const { api, token } = deps;
  const inFlight = new Map<string, Promise<void>>();
  const billingAsked = new Set<string>();

  const read = async (id: string): Promise<void> => {
    store().loadStarted(id);
    try {
      const reply = await api.ofInteraction(token(), id);
      markScreenPop('data', id);
      // The interaction left (offer withdrawn, chat closed) while we read: do not bring its card back.
      if (id in store().cards) store().received(id, reply);
    } catch (err) {
      if (id in store().cards) store().loadFailed(id, errorCodeOf(err));
    }
  };

  const load = (id: string, force = false): Promise<void> => {
    const running = inFlight.get(id);
    if (running && !force) return running;
    const entry = store().cards[id];
    if (!force && entry && entry.status !== 'error') return Promise.resolve();
    const next = (running ?? Promise.resolve()).then(() => read(id)).finally(() => {
      if (inFlight.get(id) === next) inFlight.delete(id);
    });
    inFlight.set(id, next);
    return next;
  };

  const written = async (id: string, write: () => Promise<unknown>): Promise<CardWriteResult> => {
    try {
      await write();
    } catch (err) {
      return { ok: false, code: errorCodeOf(err) };
    }
    billingAsked.delete(id);
    await load(id, true);
    return { ok: true };
  };

  return {
    load,
    async loadBilling(id, msisdn) {
      if (billingAsked.has(id)) return;
      billingAsked.add(id);
      if (!msisdn) {
        store().setBilling(id, { status: 'none' });
        return;
      }
      store().setBilling(id, { status: 'loading' });
      const slow = setTimeout(() => {
        if (store().cards[id]?.billing.status === 'loading') store().setBilling(id, { status: 'slow' });
      }, BILLING_SLOW_MS);
      let result: BillingState;
      try {
        result = { status: 'ready', account: await api.billingAccount(token(), id, msisdn) };
      } catch (err) {
        // A failure is not final: the next card shown for the interaction asks again.
        billingAsked.delete(id);
        result = { status: 'unavailable', code: errorCodeOf(err) };
      }
      clearTimeout(slow);
      if (id in store().cards) store().setBilling(id, result);
    },
    create: (id, form) => {
      const points: { type: ContactPointType; value: string }[] = [];
      if (form.phone) points.push({ type: 'phone', value: form.phone });
      if (form.email) points.push({ type: 'email', value: form.email });
      return written(id, () => api.create(token(), { name: form.name, kind: form.kind, interactionId: id, contactPoints: points, ...(form.region ? { region: form.region } : {}) }));
    },
    link: (id, customerId) => written(id, () => api.link(token(), customerId, { interactionId: id })),
    search: (query) => api.search(token(), query),
  };
}

/**
 * Pops the card on every offer (振铃弹屏): the offer's arrival is marked
 * and its customer read at once, before the agent accepts. A card read
 * while ringing is read again once the interaction is on the desk (the
 * accept), and again when it moves to another queue (a transfer to the
 * billing desk makes it a promotion moment); cards of interactions gone
 * from both are dropped.
 */
export function startScreenPop(client: CustomerCardClient): () => void {
  const accepted = new Set(Object.keys(useInteractionsStore.getState().byId));
  const queues = new Map(Object.values(useInteractionsStore.getState().byId).map((i) => [i.id, i.queueId]));
  const live = (): string[] => [...Object.keys(useInteractionsStore.getState().byId), ...useOffersStore.getState().offers.map((o) => o.interaction.id)];

  const offered = (ids: readonly string[]): void => {
    for (const id of ids) {
      if (accepted.has(id) || id in store().cards) continue;
      markScreenPop('offer', id);
      void client.load(id);
    }
  };
  offered(useOffersStore.getState().offers.map((o) => o.interaction.id));

  let sweep: ReturnType<typeof setTimeout> | undefined;
  const stopOffers = useOffersStore.subscribe((s, prev) => {
    if (s.offers === prev.offers) return;
    offered(s.offers.map((o) => o.interaction.id));
    clearTimeout(sweep);
    sweep = setTimeout(() => store().keepOnly(live()), OFFER_CARD_GRACE_MS);
  });
  const stopDesk = useInteractionsStore.subscribe((s, prev) => {
    if (s.byId === prev.byId) return;
    for (const [id, interaction] of Object.entries(s.byId)) {
      const queue = queues.get(id);
      queues.set(id, interaction.queueId);
      if (queue !== undefined && queue !== interaction.queueId && id in store().cards) void client.load(id, true);
      if (accepted.has(id)) continue;
      accepted.add(id);
      // Popped while ringing: the accept may have linked the customer meanwhile, read it again.
      if (id in store().cards) void client.load(id, true);
    }
    for (const id of accepted) if (!(id in s.byId)) accepted.delete(id);
    for (const id of queues.keys()) if (!(id in s.byId)) queues.delete(id);
    store().keepOnly(live());
  });
  return () => {
    clearTimeout(sweep);
    stopOffers();
    stopDesk();
  };
}
