/**
 * How an add-in call fails (docs/add-ins.md §4). Callers branch on the code:
 * the flow node takes its `timeout` port on TIMEOUT and its `error` port on
 * the others; the desktop shows a placeholder for every one.
 */
export const ADD_IN_CALL_ERRORS = ['TIMEOUT', 'BREAKER_OPEN', 'BAD_RESPONSE', 'UPSTREAM_ERROR', 'UNREACHABLE', 'NOT_FOUND', 'BAD_INPUT', 'NOT_CONFIGURED', 'NOT_GRANTED'] as const;
export type AddInCallErrorCode = (typeof ADD_IN_CALL_ERRORS)[number];

/** One failed call: the code, and a message for logs and the flow step (en). */
export class AddInCallError extends Error {
  constructor(
    readonly code: AddInCallErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AddInCallError';
  }
}

/**
 * Whether a failure counts against the add-in's circuit breaker: the
 * external system misbehaved (slow, down, garbage). A refusal of our own
 * input or a subscriber the system does not know is an answer, not a fault.
 */
export const countsAsFailure = (code: AddInCallErrorCode): boolean => code === 'TIMEOUT' || code === 'BAD_RESPONSE' || code === 'UPSTREAM_ERROR' || code === 'UNREACHABLE';
