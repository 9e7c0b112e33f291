import { z } from 'zod';
import { elementIdSchema, expressionSchema } from './nodes.js';

/**
 * A connection from one node's output port to another node. Edges leaving
 * the same port are tried in `priority` order (then by id, so the order is
 * total); the first whose guard holds is taken, and an edge without a guard
 * always holds: it is the port's default branch. A decision node is nothing
 * but such a port.
 */
export const flowEdgeSchema = z.object({
  id: elementIdSchema,
  source: elementIdSchema,
  /** The source node's port (see NODE_PORTS); `out` for single-port kinds. */
  sourcePort: z.string().min(1).max(20),
  target: elementIdSchema,
  guard: expressionSchema.optional(),
  priority: z.number().int().min(0).max(1_000).optional(),
  /** Caption on the canvas, e.g. "arrears". */
  label: z.string().max(80).optional(),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
