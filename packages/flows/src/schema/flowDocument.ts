import { z } from 'zod';
import { flowEdgeSchema } from './edges.js';
import { flowNodeSchema } from './nodes.js';
import { flowTestCaseSchema } from './tests.js';
import { variableDeclSchema } from './variables.js';

/** The flow document's format version; a newer document is refused, an older one migrated. */
export const FLOW_SCHEMA_VERSION = 1;

/** Limits that keep a document (and the work to validate it) bounded. */
export const FLOW_LIMITS = { nodes: 5_000, edges: 10_000, variables: 500, tests: 100 } as const;

/** Flow keys: what bindings, URLs and the audit trail call a flow (`broadband-fault`). */
export const flowKeySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and -');

/**
 * A service flow (服务流程) as the designer draws it and the server stores it:
 * declared variables, nodes, edges and test cases. Pure data: `validate`
 * says what is wrong with it, `compile` makes it an XState machine.
 */
export const flowDocumentSchema = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  key: flowKeySchema,
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2_000).default(''),
  variables: z.array(variableDeclSchema).max(FLOW_LIMITS.variables),
  nodes: z.array(flowNodeSchema).max(FLOW_LIMITS.nodes),
  edges: z.array(flowEdgeSchema).max(FLOW_LIMITS.edges),
  tests: z.array(flowTestCaseSchema).max(FLOW_LIMITS.tests).default([]),
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
/** A document as written, before defaults are filled in. */
export type FlowDocumentInput = z.input<typeof flowDocumentSchema>;
