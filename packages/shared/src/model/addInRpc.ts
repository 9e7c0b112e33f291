import { z } from 'zod';
import type { AddInCapability } from './addIns.js';

/**
 * The postMessage RPC between a UI add-in's sandboxed frame and the desktop
 * (docs/add-ins.md §3). The frame sends requests; the host answers each with
 * a response carrying the same id, and may push events (the context changed).
 * Both sides parse every message with these schemas and drop what fails.
 */

export const ADD_IN_RPC_PROTOCOL = 'omnicc.addIn/1';

/** What a frame may ask, and the capability each needs (null: none). */
export const ADD_IN_RPC_METHODS = {
  /** The add-in's id, the slot, the locale and its granted capabilities. */
  getContext: null,
  /** The customer's name, tier and region. */
  getCustomer: 'customer.read',
  /** The customer's phone numbers and email addresses. */
  getCustomerContacts: 'customer.contact.read',
  /** The interaction's channel, direction and queue. */
  getInteraction: 'interaction.read',
  /** One of the add-in's own connector operations, through our server (its own capabilities checked there). */
  callOperation: null,
} as const satisfies Record<string, AddInCapability | null>;
export type AddInRpcMethod = keyof typeof ADD_IN_RPC_METHODS;
const methodNames = Object.keys(ADD_IN_RPC_METHODS) as [AddInRpcMethod, ...AddInRpcMethod[]];

/** Why a request failed: the host's own refusals, or the server's code for a failed operation. */
export const ADD_IN_RPC_ERRORS = ['MALFORMED', 'UNKNOWN_METHOD', 'NOT_GRANTED', 'RATE_LIMITED', 'NO_DATA', 'FAILED'] as const;
export type AddInRpcErrorCode = (typeof ADD_IN_RPC_ERRORS)[number];

const idSchema = z.string().min(1).max(64);

export const addInRpcRequestSchema = z.object({
  protocol: z.literal(ADD_IN_RPC_PROTOCOL),
  kind: z.literal('request'),
  id: idSchema,
  method: z.string().min(1).max(48),
  params: z.record(z.string().max(48), z.unknown()).optional(),
});
export type AddInRpcRequest = z.infer<typeof addInRpcRequestSchema>;

/** callOperation's params. */
export const addInRpcCallParamsSchema = z.object({
  operation: z.string().min(1).max(48),
  input: z.record(z.string().max(48), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])),
});

export const addInRpcResponseSchema = z.discriminatedUnion('ok', [
  z.object({ protocol: z.literal(ADD_IN_RPC_PROTOCOL), kind: z.literal('response'), id: idSchema, ok: z.literal(true), result: z.unknown() }),
  z.object({
    protocol: z.literal(ADD_IN_RPC_PROTOCOL),
    kind: z.literal('response'),
    id: idSchema,
    ok: z.literal(false),
    error: z.object({ code: z.string().max(48), message: z.string().max(500), addInError: z.string().max(48).optional() }),
  }),
]);
export type AddInRpcResponse = z.infer<typeof addInRpcResponseSchema>;

export const addInRpcEventSchema = z.object({ protocol: z.literal(ADD_IN_RPC_PROTOCOL), kind: z.literal('event'), event: z.literal('contextChanged'), data: z.unknown() });
export type AddInRpcEvent = z.infer<typeof addInRpcEventSchema>;

/** The known method a request names, or undefined. */
export const rpcMethodOf = (name: string): AddInRpcMethod | undefined => (methodNames as string[]).includes(name) ? (name as AddInRpcMethod) : undefined;

/** What getContext answers. */
export interface AddInRpcContext {
  addInId: string;
  slot: string;
  locale: 'zh-CN' | 'en';
  granted: string[];
}
