import { z } from 'zod';

/**
 * The value types a flow knows. `phone` is text that must look like a phone
 * number (normalized to E.164 where it can be); `choice` is text from a
 * fixed list; `date` is an ISO calendar date `YYYY-MM-DD` (the operator's
 * local date: a flow never deals in instants).
 */
export const VALUE_TYPES = ['text', 'number', 'boolean', 'date', 'phone', 'choice'] as const;
export const valueTypeSchema = z.enum(VALUE_TYPES);
export type ValueType = z.infer<typeof valueTypeSchema>;

/** A value held by a flow variable. Dates and phones are strings. */
export type FlowValue = string | number | boolean | null;
export const flowValueSchema = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);

/** `lowerCamel` words: a variable name, an identifier in guard expressions. */
export const IDENTIFIER = /^[a-z][A-Za-z0-9_]{0,47}$/;
export const identifierSchema = z.string().regex(IDENTIFIER, 'a lowerCamel name of at most 48 characters');

/** One choice of a `choice` variable or field, with what the agent reads. */
export const choiceOptionSchema = z.object({
  value: z.string().min(1).max(64),
  label: z.string().min(1).max(120),
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

/**
 * A variable the flow declares. Variables start unset (`null`) unless given
 * an initial value; reading one before any node sets it is a validation
 * error (`variable-used-before-set`).
 */
export const variableDeclSchema = z.object({
  name: identifierSchema,
  type: valueTypeSchema,
  /** What the designer and the run view call it. */
  label: z.string().max(120).optional(),
  /** Only for `choice`: the allowed values. */
  choices: z.array(choiceOptionSchema).max(100).optional(),
  initial: flowValueSchema.optional(),
});
export type VariableDecl = z.infer<typeof variableDeclSchema>;

/**
 * Read-only context every flow can read, filled in by the runtime from the
 * interaction and the customer record. Guards name them with a dot:
 * `customer.tier == "vipGold"`. Values the host does not know are `null`.
 */
export const CONTEXT_FIELDS = {
  'interaction.id': 'text',
  'interaction.channel': 'choice',
  'interaction.queueId': 'text',
  'customer.name': 'text',
  'customer.phone': 'phone',
  'customer.email': 'text',
  'customer.tier': 'choice',
  'agent.name': 'text',
  'today': 'date',
} as const satisfies Record<string, ValueType>;
export type ContextField = keyof typeof CONTEXT_FIELDS;

/** Values of the `choice` context fields, for the type checker and the designer's pickers. */
export const CONTEXT_CHOICES: Partial<Record<ContextField, readonly string[]>> = {
  'interaction.channel': ['voice', 'email', 'chat', 'sms'],
  'customer.tier': ['vipPlatinum', 'vipGold', 'vipSilver', 'loyal', 'potential', 'ordinary'],
};

/** The context a run starts with; the runtime never changes it. */
export type FlowContextValues = Partial<Record<ContextField, FlowValue>>;
