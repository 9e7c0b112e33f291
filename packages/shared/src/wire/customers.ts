import { z } from 'zod';
import { channelSchema } from '../model/domain.js';
import { tierSchema } from '../model/routing.js';

/**
 * The customer model's REST contract (docs/customers.md): the customer 360
 * view the card pops, create / link / search / merge, and promotion rules.
 */

export const CUSTOMER_KINDS = ['individual', 'enterprise'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const CONTACT_POINT_TYPES = ['phone', 'email', 'chatLogin'] as const;
export const contactPointTypeSchema = z.enum(CONTACT_POINT_TYPES);
export type ContactPointType = z.infer<typeof contactPointTypeSchema>;
export const SUBSCRIPTION_STATUSES = ['active', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const RFM_SEGMENTS = ['champion', 'loyal', 'promising', 'atRisk', 'hibernating'] as const;
export const rfmSegmentSchema = z.enum(RFM_SEGMENTS);
export type RfmSegment = z.infer<typeof rfmSegmentSchema>;

/** Who a promotion is for: every listed criterion must hold (an absent one holds for everybody). */
export const promotionRulesSchema = z
  .object({
    tiers: z.array(tierSchema).min(1).optional(),
    planCodes: z.array(z.string().min(1).max(40)).min(1).optional(),
    kinds: z.array(z.enum(CUSTOMER_KINDS)).min(1).optional(),
    /** Some active subscription's contract (or an enterprise contract) ends within this many days. */
    contractEndingWithinDays: z.number().int().min(0).max(365).optional(),
    /** No active subscription is under contract. */
    noContract: z.boolean().optional(),
    rfmSegments: z.array(rfmSegmentSchema).min(1).optional(),
  })
  .strict();
export type PromotionRules = z.infer<typeof promotionRulesSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const contactPointSchema = z.object({ id: z.uuid(), type: contactPointTypeSchema, value: z.string(), verified: z.boolean() });
export type ContactPoint = z.infer<typeof contactPointSchema>;

export const vipManagerSchema = z.object({ userId: z.uuid().optional(), name: z.string(), phone: z.string().optional() });

export const customerSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  region: z.string().optional(),
  tier: tierSchema,
  vipManager: vipManagerSchema.optional(),
  contactPoints: z.array(contactPointSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const subscriptionSchema = z.object({
  accountId: z.string(),
  msisdn: z.string(),
  planCode: z.string(),
  planName: z.object({ en: z.string(), 'zh-CN': z.string() }),
  monthlyFeeFen: z.number().int().optional(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  /** YYYY-MM-DD. */
  contractEnd: z.string().optional(),
});

export const contractSchema = z.object({
  contractNo: z.string(),
  title: z.string(),
  services: z.array(z.string()),
  startOn: z.string(),
  endOn: z.string(),
  warningDays: z.number().int(),
  /** Days from today to the end (negative once ended). */
  daysLeft: z.number().int(),
  /** Within its warning window and not ended. */
  expiring: z.boolean(),
});

export const rfmSchema = z.object({
  recencyDays: z.number().int(),
  frequency: z.number().int(),
  monetaryFen: z.number().int(),
  scores: z.object({ r: z.number().int(), f: z.number().int(), m: z.number().int() }),
  segment: rfmSegmentSchema,
  computedAt: z.iso.datetime(),
});

export const CUSTOMER_WARNING_KINDS = ['churnRisk', 'contractEnding', 'repeatedComplaints'] as const;
/** Warnings computed by the server; arrears come from the billing add-in (the view's `billing` slot). */
export const customerWarningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('churnRisk'), level: z.enum(['medium', 'high']), score: z.number().int() }),
  z.object({ kind: z.literal('contractEnding'), what: z.string(), endOn: z.string(), daysLeft: z.number().int() }),
  z.object({ kind: z.literal('repeatedComplaints'), count: z.number().int(), windowDays: z.number().int() }),
]);
export type CustomerWarning = z.infer<typeof customerWarningSchema>;

export const timelineEntrySchema = z.object({
  interactionId: z.uuid(),
  channel: channelSchema,
  at: z.iso.datetime(),
  queueId: z.string(),
  agent: z.object({ id: z.uuid(), name: z.string() }).optional(),
  dispositionCode: z.string().optional(),
  /** The wrap-up note, cut to 200 characters. */
  summary: z.string().optional(),
  state: z.string(),
});

export const promotionSchema = z.object({
  code: z.string(),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }),
  description: z.object({ en: z.string(), 'zh-CN': z.string() }),
  priority: z.number().int(),
  validTo: z.iso.datetime(),
});
export type Promotion = z.infer<typeof promotionSchema>;

/** GET /api/customers/:id/view and GET /api/interactions/:id/customer: everything the customer card shows, in one round trip. */
export const customerViewSchema = z.object({
  customer: customerSummarySchema,
  subscriptions: z.array(subscriptionSchema),
  contracts: z.array(contractSchema),
  rfm: rfmSchema.optional(),
  churn: z.object({ score: z.number().int(), level: z.enum(['low', 'medium', 'high']) }).optional(),
  warnings: z.array(customerWarningSchema),
  /** The last 20 interactions on every channel, newest first. */
  timeline: z.array(timelineEntrySchema),
  /** Open work orders; filled by the work-order feature (empty until it lands). */
  workOrders: z.array(z.unknown()),
  promotion: promotionSchema.optional(),
  /** Whether the interaction asked about is about billing or a change of service (the card pops the promotion again); false without one. */
  promotionMoment: z.boolean(),
  /** The billing add-in's data: the card asks the add-in for it (arrears, balance, bills); always null here. */
  billing: z.null(),
});
export type CustomerView = z.infer<typeof customerViewSchema>;

/** GET /api/interactions/:id/customer: the view, or the contact when nobody has it. */
export const interactionCustomerSchema = z.union([
  customerViewSchema,
  z.object({ unknown: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }), promotionMoment: z.boolean() }),
]);
export type InteractionCustomer = z.infer<typeof interactionCustomerSchema>;

/** POST /api/customers: a new customer from an interaction's contact. */
export const createCustomerRequestSchema = z
  .object({
    name: text(80),
    kind: z.enum(CUSTOMER_KINDS).default('individual'),
    region: text(40).optional(),
    tier: tierSchema.default('ordinary'),
    /** The interaction whose contact becomes the customer's (and which is linked to it). */
    interactionId: z.uuid().optional(),
    contactPoints: z.array(z.object({ type: contactPointTypeSchema, value: text(254) }).strict()).max(10).default([]),
  })
  .strict();
export type CreateCustomerRequest = z.infer<typeof createCustomerRequestSchema>;

/** POST /api/customers/:id/contact-points: link a contact (or the interaction's contact) to an existing customer. */
export const linkContactRequestSchema = z
  .object({
    interactionId: z.uuid().optional(),
    contactPoint: z.object({ type: contactPointTypeSchema, value: text(254) }).strict().optional(),
  })
  .strict()
  .refine((b) => b.interactionId !== undefined || b.contactPoint !== undefined, 'give interactionId or contactPoint');

/** POST /api/customers/:id/merge: `from` is merged into the path's customer. */
export const mergeCustomerRequestSchema = z.object({ from: z.uuid() }).strict();

export const customerSearchQuerySchema = z.object({ query: z.string().trim().min(1).max(80), limit: z.coerce.number().int().min(1).max(50).default(20) }).strict();
export const customerSearchReplySchema = z.object({ items: z.array(customerSummarySchema) });

/** Settings of the customer features (GET/PUT /api/admin/customer-settings). */
/** RFM thresholds: a value at or past `r[i]`/`f[i]`/`m[i]` scores i+2 (4 cut points make scores 1-5). */
export const rfmThresholdsSchema = z
  .object({
    /** Days since the last payment or interaction; fewer is better: ≤ r[3] scores 5 … > r[0] scores 1. */
    recencyDays: z.array(z.number().int().min(0)).length(4),
    /** Payments and interactions in 12 months. */
    frequency: z.array(z.number().int().min(0)).length(4),
    /** 12-month spend in fen. */
    monetaryFen: z.array(z.number().int().min(0)).length(4),
  })
  .strict();
export type RfmThresholds = z.infer<typeof rfmThresholdsSchema>;

export const warningSettingsSchema = z
  .object({
    /** A contract (line or enterprise) ending within this many days warns. */
    contractEndingDays: z.number().int().min(1).max(365),
    /** This many interactions with a complaint disposition … */
    complaintCount: z.number().int().min(1).max(100),
    /** … in this many days warn of repeated complaints. */
    complaintWindowDays: z.number().int().min(1).max(365),
    complaintDispositions: z.array(z.string().min(1).max(32)).min(1).max(20),
    /** An interaction with one of these dispositions or queues is about billing or a change of service: the card pops the promotion again. */
    promotionDispositions: z.array(z.string().min(1).max(32)).max(20),
    promotionQueues: z.array(z.string().min(1).max(32)).max(50),
    /** … or whose service flow is one of these (known once the flow started, after the accept). */
    promotionFlows: z.array(z.string().min(1).max(64)).max(20).default(['plan-change']),
  })
  .strict();
export type WarningSettings = z.infer<typeof warningSettingsSchema>;

export const customerSettingsSchema = z.object({ rfm: rfmThresholdsSchema, warnings: warningSettingsSchema }).strict();
export type CustomerSettingsValue = z.infer<typeof customerSettingsSchema>;


/** POST /api/admin/customer-rfm/run: what the run did. */
export const rfmRunResultSchema = z.object({ customers: z.number().int(), batches: z.number().int(), ms: z.number().int() });

/** GET /api/admin/customer-contracts/expiring?days=: contracts ending within `days` and their own warning window, soonest first. */
export const expiringContractsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(90) }).strict();
export const expiringContractListSchema = z.object({
  items: z.array(contractSchema.extend({ customerId: z.uuid(), customerName: z.string() })),
});
