import { z } from 'zod';
import { BILL_ITEM_CODES, BILL_STATUSES, CHURN_REASONS, PAYMENT_CHANNELS, TIERS } from '../data/model.js';

/**
 * The REST API's JSON bodies, one zod schema each: the server's tests parse
 * every answer with them, and clients (the billing add-in's connector) parse
 * what they receive, so a changed field breaks a test, not a desk.
 * Money is a decimal string with two places ("128.00", CNY); dates are
 * 'YYYY-MM-DD' in China; instants are ISO 8601 with +08:00.
 */

/** A CNY amount with two decimals, e.g. "128.00" or "-57.60". */
export const moneySchema = z.string().regex(/^-?\d+\.\d{2}$/);
/** A calendar day. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A billing period. */
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** E.164 Chinese mobile number. */
export const msisdnSchema = z.string().regex(/^\+861\d{10}$/);

/** Error body of every non-2xx JSON answer. */
export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const planSchema = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  network: z.enum(['4G', '5G']),
  monthlyFee: moneySchema,
  allowances: z.object({ dataMb: z.number().int(), voiceMinutes: z.number().int(), sms: z.number().int() }),
  overage: z.object({ dataPerGb: moneySchema, voicePerMinute: moneySchema, sms: moneySchema }),
  broadbandMbps: z.number().int(),
});
export type PlanDto = z.infer<typeof planSchema>;
export const planListSchema = z.object({ plans: z.array(planSchema) });

export const regionSchema = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() });
export const accountManagerSchema = z.object({ id: z.string(), name: z.string(), phone: msisdnSchema });

export const arrearsSchema = z.object({
  amount: moneySchema,
  overdueBills: z.number().int().min(0),
  daysOverdue: z.number().int().min(0),
  /** Due date of the oldest overdue bill. */
  since: isoDateSchema.nullable(),
});
export type ArrearsDto = z.infer<typeof arrearsSchema>;

export const churnRiskSchema = z.object({
  level: z.enum(['low', 'medium', 'high']),
  score: z.number().int().min(0).max(100),
  reasons: z.array(z.enum(CHURN_REASONS)),
});

export const contractSchema = z.object({ termMonths: z.number().int(), start: isoDateSchema, end: isoDateSchema, daysLeft: z.number().int() });

export const tierSchema = z.enum(TIERS);
export const statusSchema = z.enum(['active', 'suspended', 'cancelled']);

/** GET /v1/subscribers/:msisdn — the 360 summary a screen-pop needs in one call. */
export const subscriberSchema = z.object({
  msisdn: msisdnSchema,
  accountId: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  email: z.string().nullable(),
  idNumberMasked: z.string(),
  region: regionSchema,
  tier: tierSchema,
  accountManager: accountManagerSchema.nullable(),
  status: statusSchema,
  joinedOn: isoDateSchema,
  suspendedOn: isoDateSchema.nullable(),
  cancelledOn: isoDateSchema.nullable(),
  plan: planSchema.pick({ id: true, nameZh: true, nameEn: true, monthlyFee: true }),
  contract: contractSchema.nullable(),
  balance: moneySchema,
  arrears: arrearsSchema,
  amountDue: moneySchema,
  currentCharges: moneySchema,
  spend12m: moneySchema,
  payments12m: z.number().int(),
  lastPaymentAt: z.string().nullable(),
  churnRisk: churnRiskSchema,
  complaints90d: z.number().int(),
  currency: z.literal('CNY'),
  asOf: isoDateSchema,
});
export type SubscriberDto = z.infer<typeof subscriberSchema>;

/** GET /v1/subscribers/:msisdn/balance */
export const balanceSchema = z.object({
  msisdn: msisdnSchema,
  accountId: z.string(),
  status: statusSchema,
  balance: moneySchema,
  arrears: arrearsSchema,
  amountDue: moneySchema,
  currentCharges: moneySchema,
  currency: z.literal('CNY'),
  asOf: isoDateSchema,
});
export type BalanceDto = z.infer<typeof balanceSchema>;

export const billItemSchema = z.object({
  code: z.enum(BILL_ITEM_CODES),
  nameZh: z.string(),
  nameEn: z.string(),
  amount: moneySchema,
  quantity: z.object({ value: z.number().int(), unit: z.enum(['MB', 'min', 'sms']) }).optional(),
});

/** GET /v1/subscribers/:msisdn/bills/:period */
export const billSchema = z.object({
  period: periodSchema,
  status: z.enum(BILL_STATUSES),
  issuedOn: isoDateSchema.nullable(),
  dueOn: isoDateSchema.nullable(),
  amount: moneySchema,
  paid: moneySchema,
  outstanding: moneySchema,
  items: z.array(billItemSchema),
});
export type BillDto = z.infer<typeof billSchema>;

/** GET /v1/subscribers/:msisdn/bills?limit= (newest first) */
export const billListSchema = z.object({ msisdn: msisdnSchema, currency: z.literal('CNY'), bills: z.array(billSchema) });

const meterSchema = <U extends string>(unit: U) => z.object({ used: z.number().int(), allowance: z.number().int(), unit: z.literal(unit) });

/** GET /v1/subscribers/:msisdn/usage — this month so far. */
export const usageSchema = z.object({
  msisdn: msisdnSchema,
  period: periodSchema,
  through: isoDateSchema,
  data: meterSchema('MB'),
  voice: meterSchema('min'),
  sms: meterSchema('sms'),
});
export type UsageDto = z.infer<typeof usageSchema>;

export const paymentSchema = z.object({
  id: z.string(),
  at: z.string(),
  amount: moneySchema,
  channel: z.enum(PAYMENT_CHANNELS),
  reference: z.string().nullable(),
});
export type PaymentDto = z.infer<typeof paymentSchema>;
export const paymentListSchema = z.object({ msisdn: msisdnSchema, currency: z.literal('CNY'), payments: z.array(paymentSchema) });

/** POST /v1/subscribers/:msisdn/payments body. `reference` makes a retry return the first payment. */
export const paymentRequestSchema = z.object({
  amount: z.union([z.string(), z.number()]),
  channel: z.enum(PAYMENT_CHANNELS).default('agentDesk'),
  reference: z.string().min(1).max(64).optional(),
});
export type PaymentRequest = z.input<typeof paymentRequestSchema>;

/** POST /v1/subscribers/:msisdn/payments answer (201 new, 200 repeated reference). */
export const paymentResultSchema = z.object({ payment: paymentSchema, balance: balanceSchema });

/** GET /v1/accounts/:id */
export const accountSchema = z.object({
  id: z.string(),
  holder: z.object({ name: z.string(), idNumberMasked: z.string() }),
  region: regionSchema,
  tier: tierSchema,
  accountManager: accountManagerSchema.nullable(),
  balance: moneySchema,
  arrears: arrearsSchema,
  subscribers: z.array(z.object({ msisdn: msisdnSchema, status: statusSchema, planId: z.string() })),
  currency: z.literal('CNY'),
});
export type AccountDto = z.infer<typeof accountSchema>;

/** GET /health (no key needed). */
export const healthSchema = z.object({ status: z.literal('ok'), subscribers: z.number().int(), seed: z.number().int(), asOf: isoDateSchema, faultRules: z.number().int() });

export { FAULT_MODES, faultRuleSchema, faultRulesBodySchema, faultListSchema, type FaultMode, type FaultRule, type FaultRuleInput } from '../faults/faultSchema.js';
