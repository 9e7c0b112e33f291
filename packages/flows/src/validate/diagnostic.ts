/**
 * Every diagnostic `validate` can give, by stable code. The codes are API:
 * the designer, the server's publish refusal and the docs name them; never
 * rename one, add a new one instead.
 */
export const DIAGNOSTIC_CODES = [
  'schema-invalid',
  'duplicate-id',
  'no-start',
  'multiple-starts',
  'no-end',
  'unreachable-node',
  'dangling-edge',
  'unknown-port',
  'port-not-connected',
  'decision-without-default',
  'port-without-default',
  'multiple-defaults',
  'cycle-without-wait',
  'duplicate-variable',
  'unknown-variable',
  'variable-read-only',
  'variable-used-before-set',
  'expression-syntax',
  'type-mismatch',
  'guard-not-boolean',
  'field-type-mismatch',
  'choice-without-options',
  'unsafe-pattern',
  'template-unknown-variable',
  'unknown-add-in',
  'unknown-add-in-operation',
  'missing-add-in-input',
  'unknown-add-in-output',
  'unknown-work-order-type',
  'missing-work-order-field',
  'unknown-work-order-field',
  'unknown-queue',
  'unknown-disposition',
  'test-unknown-node',
  // Added with the validator (issue 7): never rename the ones above.
  'cannot-reach-end',
  'unknown-add-in-input',
  'test-unknown-variable',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** A problem found in a flow document, pinned to the node or edge it concerns. */
export interface Diagnostic {
  code: DiagnosticCode;
  /** `error` blocks publishing; `warning` does not. */
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  /** A test case, for test-related diagnostics. */
  testId?: string;
  /** Where in the node or edge: `fields.2.variable`, `guard`, `assignments.0.value`. */
  path?: string;
  message: { en: string; 'zh-CN': string };
}
