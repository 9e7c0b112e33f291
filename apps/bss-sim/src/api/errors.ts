import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

/**
 * Coded JSON errors, `{ error: { code, message } }`, for every failure the
 * API reports itself (injected faults have their own bodies: faults/).
 */

/** Every error code the API sends, with its HTTP status. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  BAD_MSISDN: 400,
  BAD_PERIOD: 400,
  BAD_ACCOUNT_ID: 400,
  BAD_AMOUNT: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  SUBSCRIBER_NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  BILL_NOT_FOUND: 404,
  SUBSCRIBER_CANCELLED: 409,
  PAYMENTS_FULL: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
} as const;

/** A code of ERROR_STATUS. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Thrown by handlers; the error handler turns it into its status and body. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Sends a coded error. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  return reply.code(ERROR_STATUS[code]).type('application/json; charset=utf-8').send({ error: { code, message } });
}

/** Installs the error and not-found handlers so that nothing leaves as Fastify's default body. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, _request, reply) => {
    if (err instanceof ApiError) return sendError(reply, err.code, err.message);
    // Fastify's own errors: unparsable JSON body, wrong content type, body too large.
    if (err.statusCode === 413) return sendError(reply, 'PAYLOAD_TOO_LARGE', err.message);
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return sendError(reply, 'BAD_REQUEST', err.message);
    reply.log.error({ err }, 'unexpected error');
    return sendError(reply, 'INTERNAL', 'internal error');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
}
