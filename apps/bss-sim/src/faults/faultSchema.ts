import { z } from 'zod';

/**
 * Fault rules: what the admin API (PUT /admin/faults) and BSS_FAULTS accept.
 * Exported for clients: the add-in platform's tests set faults with them.
 */

/**
 * What a faulty answer looks like to the client:
 * - http500 / http503: a coded JSON error (503 with Retry-After: 1);
 * - html: an HTML error page (text/html) with htmlStatus (502, or 200 as some gateways do);
 * - badJson: 200, application/json, the real body cut in half;
 * - hang: nothing, until the client gives up or hangMs passes (then the socket closes);
 * - reset: the socket is destroyed without an answer;
 * - slowBody: status and headers at once, then the real body in chunkBytes every intervalMs.
 */
export const FAULT_MODES = ['http500', 'http503', 'html', 'badJson', 'hang', 'reset', 'slowBody'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** One rule. Requests under /v1 take the first rule whose route and method match. */
export const faultRuleSchema = z.strictObject({
  /** Given, or assigned ("f1", "f2"…). */
  id: z.string().regex(/^[\w.-]{1,64}$/).optional(),
  /** Path pattern: `*` is one segment, `**` any number of them. Default: all of /v1. */
  route: z.string().regex(/^\/[\w*/.:-]{0,199}$/).default('/v1/**'),
  method: z.enum(['GET', 'POST', '*']).default('*'),
  /** Added to every matching request before anything else. */
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  /** Plus a uniform 0 … jitterMs. */
  jitterMs: z.number().int().min(0).max(60_000).default(0),
  mode: z.enum(FAULT_MODES).optional(),
  /** Share of matching requests that get the mode (latency applies to all). */
  failureRate: z.number().min(0).max(1).default(1),
  /** Seeds this rule's own generator: the same rules and requests fail the same way every run. Without it, Math.random. */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  htmlStatus: z.number().int().min(200).max(599).default(502),
  /** How long a hang lasts at most before the server closes the socket, so it never leaks. */
  hangMs: z.number().int().min(1).max(300_000).default(60_000),
  slowBody: z.strictObject({ chunkBytes: z.number().int().min(1).max(65_536).default(16), intervalMs: z.number().int().min(1).max(10_000).default(200) }).default({ chunkBytes: 16, intervalMs: 200 }),
  /** The rule applies to this many matching requests, then removes itself (a fault that heals). */
  times: z.number().int().min(1).max(1_000_000).optional(),
});
/** A rule as written (defaults optional). */
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
/** A rule with its defaults. */
export type FaultRule = z.output<typeof faultRuleSchema> & { id: string };

/** PUT /admin/faults body: the whole set, replacing the one before. */
export const faultRulesBodySchema = z.strictObject({
  rules: z
    .array(faultRuleSchema)
    .max(100)
    .refine((rules) => new Set(rules.flatMap((r) => (r.id ? [r.id] : []))).size === rules.filter((r) => r.id).length, { message: 'rule ids must be unique' }),
});

/** GET /admin/faults answer: the rules with how many uses are left. */
export const faultListSchema = z.object({
  rules: z.array(faultRuleSchema.extend({ id: z.string(), remaining: z.number().int().nullable() })),
});
