import { z } from 'zod';

/**
 * Every failure that crosses a process boundary carries one of these codes.
 * Clients branch on the code; the message is for logs and humans (en).
 */
export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed its zod schema
  'UNKNOWN_EVENT', // socket event name not in the contract
  'PAYLOAD_TOO_LARGE', // body or message over the configured limit
  'UNAUTHENTICATED', // no token, forged token, bad credentials
  'TOKEN_EXPIRED', // token was valid but is past its expiry
  'FORBIDDEN', // authenticated, but the role may not do this
  'NOT_FOUND', // unknown id
  'NOT_OWNER', // the interaction belongs to another agent
  'INVALID_STATE', // action not allowed in the current state
  'CONFLICT', // duplicate or stale write
  'INVALID_TRANSITION', // a work order moved to a state it cannot reach from where it is: details.allowed lists where it can go
  'UNPROCESSABLE', // well-formed, but a rule refuses it (a flow with errors published, a flow event the run refuses): see details
  'RATE_LIMITED',
  'UNAVAILABLE', // routing owner unreachable or lease lost (failover in progress): retry
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** What exactly is wrong, when the code's own contract says (e.g. a flow's diagnostics); absent otherwise. */
  details: z.unknown().optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

/** Thrown inside the server; turned into an ack or HTTP error at the edge. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Machine-readable detail for the client (diagnostics, field errors); sent as `details`. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): AppErrorShape {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

/** HTTP status that each code maps to on REST routes. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNKNOWN_EVENT: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_OWNER: 403,
  INVALID_STATE: 409,
  CONFLICT: 409,
  INVALID_TRANSITION: 422,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
