import { z } from 'zod';
import { elementIdSchema } from '../schema/nodes.js';
import { flowValueSchema } from '../schema/variables.js';
import type { RunEvent } from './types.js';

const effectResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), output: z.record(z.string().max(64), flowValueSchema).optional() }),
  z.object({ outcome: z.literal('timeout') }),
  z.object({ outcome: z.literal('error'), message: z.string().max(2_000) }),
]);

/**
 * A RunEvent as it arrives from outside (a socket, a REST body): sendEvent
 * parses every event with it, so a malformed one is refused with a code,
 * never a crash.
 */
export const runEventSchema: z.ZodType<RunEvent> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('next'), nodeId: elementIdSchema }),
  z.object({ type: z.literal('submit'), nodeId: elementIdSchema, values: z.record(z.string().max(64), flowValueSchema) }),
  z.object({ type: z.literal('reply'), nodeId: elementIdSchema, text: z.string().max(10_000) }),
  z.object({ type: z.literal('timeout'), nodeId: elementIdSchema }),
  z.object({ type: z.literal('effectResult'), nodeId: elementIdSchema, result: effectResultSchema }),
]) as z.ZodType<RunEvent>;
