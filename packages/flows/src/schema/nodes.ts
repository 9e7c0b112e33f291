import { z } from 'zod';
import { choiceOptionSchema, identifierSchema } from './variables.js';

/** Node and edge ids: short and stable, made by the designer (`n1`, `e12`). */
export const elementIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (at most 40)');

/** A guard or value expression in the flow expression language (see expr/). Never evaluated by `eval`. */
export const expressionSchema = z.string().min(1).max(2_000);

/** Text shown to the agent or sent to the customer, with `{{variable}}` holes. */
export const templateTextSchema = z.string().max(10_000);

const position = z.object({ x: z.number().finite(), y: z.number().finite() });

/** What every node has: an id, a place on the canvas and an optional caption. */
const base = {
  id: elementIdSchema,
  position,
  /** Caption on the canvas; the node kind's name when absent. */
  label: z.string().max(120).optional(),
};

/** Input kinds of an ask field (the glossary's form controls). */
export const FIELD_INPUTS = ['text', 'number', 'choice', 'date', 'phone'] as const;

/** One form field of an ask node; its answer is stored in `variable`. */
export const askFieldSchema = z.object({
  variable: identifierSchema,
  label: z.string().min(1).max(120),
  input: z.enum(FIELD_INPUTS),
  required: z.boolean(),
  choices: z.array(choiceOptionSchema).max(100).optional(),
  /** Checks on the answer, beyond its type. */
  rules: z
    .object({
      min: z.number().finite().optional(),
      max: z.number().finite().optional(),
      minLength: z.number().int().min(0).optional(),
      maxLength: z.number().int().min(1).max(10_000).optional(),
      /** A regular expression the whole answer must match (checked for safety by validate). */
      pattern: z.string().max(200).optional(),
      /** Shown when a rule fails. */
      message: z.string().max(200).optional(),
    })
    .optional(),
});
export type AskField = z.infer<typeof askFieldSchema>;

/** A variable and the expression whose value it takes. */
export const assignmentSchema = z.object({ variable: identifierSchema, value: expressionSchema });
export type Assignment = z.infer<typeof assignmentSchema>;

export const startNodeSchema = z.object({ ...base, kind: z.literal('start') });

/** Text for the agent to read or say; the agent goes on with "Next". */
export const scriptNodeSchema = z.object({ ...base, kind: z.literal('script'), text: templateTextSchema });

/** A form; the agent's answers are validated and stored in variables. */
export const askNodeSchema = z.object({
  ...base,
  kind: z.literal('ask'),
  prompt: templateTextSchema.optional(),
  fields: z.array(askFieldSchema).min(1).max(30),
});

/** Chooses a branch: its outgoing edges' guards in priority order, then the unguarded default edge. */
export const decisionNodeSchema = z.object({ ...base, kind: z.literal('decision') });

/**
 * Calls an add-in operation on the server (e.g. the billing lookup). Leaves by
 * the `ok`, `timeout` or `error` port.
 */
export const addInCallNodeSchema = z.object({
  ...base,
  kind: z.literal('addInCall'),
  addInId: z.string().min(1).max(64),
  operation: z.string().min(1).max(64),
  /** Operation inputs: name -> expression. */
  input: z.record(z.string().max(64), expressionSchema),
  /** Variables to set from the result: variable -> output field of the operation. */
  output: z.record(identifierSchema, z.string().max(64)),
  /** The call's time budget; the add-in's own default when absent. */
  timeoutMs: z.number().int().min(50).max(30_000).optional(),
});

export const setVariableNodeSchema = z.object({
  ...base,
  kind: z.literal('setVariable'),
  assignments: z.array(assignmentSchema).min(1).max(30),
});

/** Creates a work order (工单) of a type the catalog knows; leaves by `ok` or `error`. */
export const createWorkOrderNodeSchema = z.object({
  ...base,
  kind: z.literal('createWorkOrder'),
  workOrderType: z.string().min(1).max(64),
  /** Work-order field -> expression. */
  fields: z.record(z.string().max(64), expressionSchema),
  /** Where to keep the new work order's number. */
  resultVariable: identifierSchema.optional(),
});

/** Sends an SMS or an email to the customer from a template; leaves by `ok` or `error`. */
export const sendMessageNodeSchema = z.object({
  ...base,
  kind: z.literal('sendMessage'),
  channel: z.enum(['sms', 'email']),
  /** The recipient; the customer's phone (SMS) or email address (email) when absent. */
  to: expressionSchema.optional(),
  subject: templateTextSchema.optional(),
  body: templateTextSchema.min(1),
});

/** Hands the interaction to another queue; the flow ends there. */
export const transferNodeSchema = z.object({ ...base, kind: z.literal('transfer'), queueId: z.string().min(1).max(64) });

/** Waits for the customer's next message; leaves by `reply` or, after the time-out, `timeout`. */
export const waitReplyNodeSchema = z.object({
  ...base,
  kind: z.literal('waitReply'),
  timeoutSeconds: z.number().int().min(5).max(7 * 24 * 3600),
  /** Where to keep the reply's text. */
  replyVariable: identifierSchema.optional(),
});

/** Ends the flow with a disposition (小结 code). */
export const endNodeSchema = z.object({
  ...base,
  kind: z.literal('end'),
  disposition: z.string().min(1).max(64),
});

export const flowNodeSchema = z.discriminatedUnion('kind', [
  startNodeSchema,
  scriptNodeSchema,
  askNodeSchema,
  decisionNodeSchema,
  addInCallNodeSchema,
  setVariableNodeSchema,
  createWorkOrderNodeSchema,
  sendMessageNodeSchema,
  transferNodeSchema,
  waitReplyNodeSchema,
  endNodeSchema,
]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowNodeKind = FlowNode['kind'];
export type FlowNodeOf<K extends FlowNodeKind> = Extract<FlowNode, { kind: K }>;

/** Node kinds in palette order. */
export const FLOW_NODE_KINDS = flowNodeSchema.options.map((o) => o.shape.kind.value);

/** The output ports of each node kind: where its outgoing edges leave from. Terminal kinds have none. */
export const NODE_PORTS: Record<FlowNodeKind, readonly string[]> = {
  start: ['out'],
  script: ['out'],
  ask: ['out'],
  decision: ['out'],
  addInCall: ['ok', 'timeout', 'error'],
  setVariable: ['out'],
  createWorkOrder: ['ok', 'error'],
  sendMessage: ['ok', 'error'],
  transfer: [],
  waitReply: ['reply', 'timeout'],
  end: [],
};
