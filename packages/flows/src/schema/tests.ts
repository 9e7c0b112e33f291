import { z } from 'zod';
import { elementIdSchema } from './nodes.js';
import { flowValueSchema } from './variables.js';

/** What the test says the agent or the customer does when the run waits at a node. */
export const testStepSchema = z.discriminatedUnion('action', [
  /** At a script node: the agent goes on. */
  z.object({ action: z.literal('next'), node: elementIdSchema }),
  /** At an ask node: the agent submits these answers (variable -> value). */
  z.object({ action: z.literal('submit'), node: elementIdSchema, values: z.record(z.string(), flowValueSchema) }),
  /** At a wait-reply node: the customer answers. */
  z.object({ action: z.literal('reply'), node: elementIdSchema, text: z.string().max(4_000) }),
  /** At a wait-reply node: the wait times out. */
  z.object({ action: z.literal('timeout'), node: elementIdSchema }),
]);
export type TestStep = z.infer<typeof testStepSchema>;

/** A scripted answer of an add-in call, work order or message node, in the order the run reaches them. */
export const scriptedEffectSchema = z.discriminatedUnion('outcome', [
  z.object({ node: elementIdSchema, outcome: z.literal('ok'), output: z.record(z.string(), flowValueSchema).optional() }),
  z.object({ node: elementIdSchema, outcome: z.literal('timeout') }),
  z.object({ node: elementIdSchema, outcome: z.literal('error'), message: z.string().max(500).optional() }),
]);
export type ScriptedEffect = z.infer<typeof scriptedEffectSchema>;

/**
 * A flow test case (流程测试): context, scripted steps and effect answers,
 * and what must come out. `runFlowTests` runs it headless; publishing is
 * refused while one fails.
 */
export const flowTestCaseSchema = z.object({
  id: elementIdSchema,
  name: z.string().min(1).max(120),
  /** Context field -> value (e.g. `customer.tier`). */
  context: z.record(z.string(), flowValueSchema).default({}),
  steps: z.array(testStepSchema).max(500),
  effects: z.array(scriptedEffectSchema).max(500).default([]),
  expect: z.object({
    /** The exact node ids the run passes through, start to finish. */
    path: z.array(elementIdSchema).max(2_000).optional(),
    /** Variables that must hold these values at the end. */
    variables: z.record(z.string(), flowValueSchema).optional(),
    /** How the run ends: an end node's disposition, or `transferred`. */
    disposition: z.string().max(64).optional(),
    /** The run must end (true) or still be waiting (false) when the steps run out. */
    finished: z.boolean().optional(),
  }),
});
export type FlowTestCase = z.infer<typeof flowTestCaseSchema>;
