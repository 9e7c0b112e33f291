import type { z } from 'zod';
import type { Ack } from '../ack.js';

/**
 * socket.io's typed map of client-to-server events, derived from a
 * namespace's inbound schemas and its ack values: each event takes the
 * schema's input and acknowledges with `Ack<value>`.
 */
export type ClientToServerMap<S extends Record<string, z.ZodType>, V extends { [K in keyof S]: unknown }> = {
  [K in keyof S]: (payload: z.input<S[K]>, ack: (a: Ack<V[K]>) => void) => void;
};
