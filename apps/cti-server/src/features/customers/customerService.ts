import type pg from 'pg';
import type { Logger } from 'pino';
import { AppError, type CreateCustomerRequest, type CustomerSummary, type CustomerView, type Interaction, type InteractionCustomer, type Tier } from '@omnicc/shared';
import { createCustomerReads, type CustomerReads } from '../../adapters/db/customerReads.js';
import { createCustomerWrites, type CustomerWrites } from '../../adapters/db/customerWrites.js';
import { isUuid } from '../../adapters/db/pgErrors.js';
import type { Clock } from '../../clock.js';
import type { Store } from '../../store/Store.js';
import { CustomerSettings } from './customerSettings.js';
import { buildCustomerView, customerSummary, isPromotionMoment, type MomentFacts } from './customerView.js';
import { RfmJob } from './rfmJob.js';
import { bssGeneratorSource, type RfmSource } from './rfmSource.js';
import { contactKeys, normaliseContact, resolveCustomer, type ContactKey } from './identity.js';

/** The local date (YYYY-MM-DD) in `timeZone`. */
export function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A contact point given by a client, normalized or BAD_REQUEST. */
export function contactKeyOf(point: { type: ContactKey['type']; value: string }): ContactKey {
  const value = normaliseContact(point.type, point.value);
  if (!value) throw new AppError('BAD_REQUEST', `not a usable ${point.type}: ${point.value}`, { field: 'contactPoint', type: point.type });
  return { type: point.type, value };
}

/**
 * The customer model's use cases (docs/customers.md): identity resolution of
 * interactions, the 360 view, create / link / search / merge.
 */
export class CustomerService {
  readonly reads: CustomerReads;
  readonly writes: CustomerWrites;
  readonly settings: CustomerSettings;
  /** The RFM job: started and stopped with the routing lease, run on demand by the admin API. */
  readonly rfm: RfmJob;

  constructor(
    private readonly deps: {
      pool: pg.Pool;
      store: Store;
      clock: Clock;
      timeZone: string;
      log: Logger;
      rfmSource?: () => RfmSource;
      /**
       * TODO(work orders): the customer's open work orders for the card,
       * read alongside the view's query. Until the work-order feature wires
       * it (app.ts), the view's `workOrders` is an empty list.
       */
      openWorkOrders?: (customerId: string) => Promise<readonly unknown[]>;
    },
  ) {
    this.reads = createCustomerReads(deps.pool);
    this.writes = createCustomerWrites(deps.pool);
    this.settings = new CustomerSettings(deps.pool);
    this.rfm = new RfmJob({ pool: deps.pool, source: deps.rfmSource ?? (() => bssGeneratorSource()), settings: this.settings, clock: deps.clock, log: deps.log });
  }

  /**
   * Resolves a new interaction's contact and stores its customer. Called in
   * the background once routing took the interaction (RoutingGateway's
   * onEntered): it never delays or fails routing, and the card resolves
   * live when it asks before this is done.
   */
  linkInteraction(interactionId: string, interaction: Interaction | undefined): void {
    const work = async (): Promise<void> => {
      const found = interaction ?? (await this.deps.store.interactions.get(interactionId));
      if (found) await this.resolveAndStore(found);
    };
    void work().catch((err: unknown) => this.deps.log.warn({ err, interactionId }, 'customer resolution failed'));
  }

  private async resolveAndStore(interaction: Pick<Interaction, 'id' | 'customer'>): Promise<string | undefined> {
    const id = await resolveCustomer(this.deps.pool, contactKeys(interaction.customer));
    if (id) await this.writes.setInteractionCustomer(interaction.id, id);
    return id;
  }

  /** The interaction's customer id: stored, or resolved now (and stored). */
  async customerIdOf(interaction: Pick<Interaction, 'id' | 'customer'>): Promise<string | undefined> {
    const { rows } = await this.deps.pool.query<{ customer_id: string | null }>('SELECT customer_id FROM interactions WHERE id = $1', [interaction.id]);
    return rows[0]?.customer_id ?? (await this.resolveAndStore(interaction));
  }

  /** The tier of the interaction's customer (for the flows' `customer.tier`), or undefined when nobody has its contact. */
  async tierOf(interaction: Pick<Interaction, 'id' | 'customer'>): Promise<Tier | undefined> {
    const id = await this.customerIdOf(interaction);
    if (!id) return undefined;
    const { rows } = await this.deps.pool.query<{ tier: Tier }>(
      'SELECT COALESCE(s.tier, c.tier) AS tier FROM customers c LEFT JOIN customers s ON s.id = c.merged_into WHERE c.id = $1',
      [id],
    );
    return rows[0]?.tier;
  }

  /** The 360 view of a customer (a merged one answers its survivor); NOT_FOUND for an unknown id. */
  async view(customerId: string, interaction?: MomentFacts): Promise<CustomerView> {
    if (!isUuid(customerId)) throw new AppError('NOT_FOUND', 'customer not found');
    const settings = await this.settings.get();
    const now = this.deps.clock.now();
    const w = settings.warnings;
    const options = { complaintCodes: w.complaintDispositions, complaintSince: new Date(now - w.complaintWindowDays * 86_400_000).toISOString(), now: new Date(now).toISOString() };
    const orders = (id: string) => this.deps.openWorkOrders?.(id) ?? Promise.resolve([]);
    let [data, workOrders] = await Promise.all([this.reads.viewData(customerId, options), orders(customerId)]);
    // A merged record's reads follow it to the survivor (one hop: a merge re-points older ones).
    if (data?.customer.mergedInto) [data, workOrders] = await Promise.all([this.reads.viewData(data.customer.mergedInto, options), orders(data.customer.mergedInto)]);
    if (!data) throw new AppError('NOT_FOUND', 'customer not found');
    return buildCustomerView(data, settings, { today: localDate(now, this.deps.timeZone), now: options.now }, interaction, { workOrders });
  }

  /** What the card shows for an interaction: its customer's view, or the unknown contact (to create or link). */
  async ofInteraction(interaction: Interaction): Promise<InteractionCustomer> {
    const [id, flows] = await Promise.all([
      this.customerIdOf(interaction),
      this.deps.pool.query<{ flow_key: string }>('SELECT flow_key FROM flow_runs WHERE interaction_id = $1', [interaction.id]),
    ]);
    const facts = { ...interaction, flowKeys: flows.rows.map((r) => r.flow_key) };
    if (id) return this.view(id, facts);
    const { name, phone, email } = interaction.customer;
    return { unknown: { name, ...(phone ? { phone } : {}), ...(email ? { email } : {}) }, promotionMoment: isPromotionMoment(facts, (await this.settings.get()).warnings) };
  }

  /** A new customer from a contact (and the interaction it came on). */
  async create(request: CreateCustomerRequest, interaction: Interaction | undefined, actorId: string): Promise<CustomerSummary> {
    const keys = request.contactPoints.map(contactKeyOf);
    if (interaction) for (const k of contactKeys(interaction.customer)) if (!keys.some((x) => x.type === k.type && x.value === k.value)) keys.push(k);
    const at = new Date(this.deps.clock.now()).toISOString();
    const id = await this.writes.create({ name: request.name, kind: request.kind, region: request.region, tier: request.tier }, keys, interaction?.id, actorId, at);
    return this.summary(id);
  }

  /** Links a contact point and/or the interaction's contact to an existing customer. */
  async link(customerId: string, point: { type: ContactKey['type']; value: string } | undefined, interaction: Interaction | undefined, actorId: string): Promise<CustomerSummary> {
    const keys = point ? [contactKeyOf(point)] : [];
    if (interaction) for (const k of contactKeys(interaction.customer)) if (!keys.some((x) => x.type === k.type && x.value === k.value)) keys.push(k);
    await this.writes.link(customerId, keys, interaction?.id, actorId, new Date(this.deps.clock.now()).toISOString());
    return this.summary(customerId);
  }

  /** Merges `fromId` into `survivorId`; answers the survivor's view. */
  async merge(survivorId: string, fromId: string, actorId: string): Promise<CustomerView> {
    await this.writes.merge(survivorId, fromId, actorId, new Date(this.deps.clock.now()).toISOString());
    return this.view(survivorId);
  }

  /** The link picker's search: an exact phone, email or chat login, or the start of a name. */
  async search(query: string, limit: number): Promise<CustomerSummary[]> {
    const keys = (['phone', 'email', 'chatLogin'] as const).flatMap((type) => {
      const value = normaliseContact(type, query);
      return value ? [{ type, value }] : [];
    });
    return (await this.reads.search({ keys, namePrefix: query, limit })).map(customerSummary);
  }

  private async summary(id: string): Promise<CustomerSummary> {
    const row = await this.reads.get(id);
    if (!row) throw new AppError('NOT_FOUND', 'customer not found');
    return customerSummary(row);
  }

  /** Whether `agentId` holds or is being offered an interaction of this customer (what lets an agent read it). */
  async agentServes(customerId: string, agentId: string): Promise<boolean> {
    if (!isUuid(customerId)) return false;
    const { rows } = await this.deps.pool.query(
      `SELECT 1 FROM interactions i
        WHERE i.customer_id IN (SELECT $1::uuid UNION SELECT merged_into FROM customers WHERE id = $1 AND merged_into IS NOT NULL)
          AND ((i.agent_id = $2 AND i.state IN ('assigned', 'wrapUp'))
               OR (i.state = 'offered' AND EXISTS (SELECT 1 FROM offers o WHERE o.interaction_id = i.id AND o.agent_id = $2 AND o.ended_at IS NULL)))
        LIMIT 1`,
      [customerId, agentId],
    );
    return rows.length > 0;
  }
}
