import pino, { type Logger } from 'pino';

/**
 * drizzle puts a failed query's parameters into the error message
 * ("Failed query: …\nparams: …"); parameters can be password hashes or
 * customer data, so logs keep the SQL and drop the values.
 */
export function serializeError(err: unknown): unknown {
  const s = pino.stdSerializers.err(err as Error) as Record<string, unknown>;
  const scrub = (text: unknown) => (typeof text === 'string' ? text.replace(/\nparams:[\s\S]*$/, '\nparams: [redacted]') : text);
  return { ...s, message: scrub(s.message), stack: scrub(s.stack), ...('params' in s ? { params: '[redacted]' } : {}) };
}

/** JSON logs in production; readable lines on a terminal in development. */
export function createLogger(level: string, pretty: boolean): Logger {
  return pino({
    level,
    serializers: { err: serializeError },
    redact: { paths: ['req.headers.authorization', '*.password', '*.token', '*.customerToken'], censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  });
}
