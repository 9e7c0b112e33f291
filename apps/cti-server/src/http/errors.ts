import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { AppError, HTTP_STATUS, type ErrorCode } from '@omnicc/shared';

/** Parses a request part with its contract schema; BAD_REQUEST names the first bad field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_REQUEST', `${what}: ${issue ? `${issue.path.join('.') || 'value'} ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/** Fastify's own error codes that map onto ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
};

/**
 * Every REST failure answers `{ error: { code, message } }` with the code's
 * HTTP status; unexpected errors are logged and answered INTERNAL without detail.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(HTTP_STATUS[err.code]).send({ error: err.toJSON() });
    }
    const mapped = (err.code && FASTIFY_CODES[err.code]) ?? (err instanceof SyntaxError ? 'BAD_REQUEST' : undefined);
    if (mapped) {
      return reply.status(HTTP_STATUS[mapped]).send({ error: { code: mapped, message: err.message } });
    }
    request.log.error({ err }, 'unhandled request error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` } });
  });
}
