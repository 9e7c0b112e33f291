import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError, LIMITS, fail, ok, type Ack } from '@omnicc/shared';

/** A handler gets the parsed payload; what it returns becomes `{ok:true,value}`. */
export type Handlers<S extends Record<string, z.ZodType>, V extends { [K in keyof S]: unknown }> = {
  [K in keyof S]: (payload: z.output<S[K]>) => Promise<V[K]> | V[K];
};

export interface BindOptions {
  /**
   * Called before every event; throws AppError to refuse (e.g. expired
   * session). May wait, e.g. for the connection's own setup to finish.
   */
  guard?: (event: string) => void | Promise<void>;
  /** Reports each handled event for metrics and logs. */
  /** `result` is 'ok' or the error code. */
  onResult?: (event: string, result: string, err?: unknown) => void;
}

/**
 * Binds every event of a namespace's contract to its handler, so that each
 * inbound message is parsed with its zod schema and answered with an ack.
 * Unknown events, bad payloads, oversized packets and handler failures all
 * get a coded error ack; none of them throws into socket.io.
 */
export function bindHandlers<S extends Record<string, z.ZodType>, V extends { [K in keyof S]: unknown }>(
  socket: Socket,
  schemas: S,
  handlers: Handlers<S, V>,
  options: BindOptions = {},
): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (Object.hasOwn(schemas, event)) return;
    const ack = args.at(-1);
    options.onResult?.(event, 'UNKNOWN_EVENT');
    if (typeof ack === 'function') {
      (ack as (a: Ack<never>) => void)(fail({ code: 'UNKNOWN_EVENT', message: `unknown event ${event.slice(0, 64)}` }));
    }
  });

  // The untyped view: the contract's typing is enforced by the schemas here, at runtime.
  const raw = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
  for (const event of Object.keys(schemas) as (keyof S & string)[]) {
    raw.on(event, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function' || args.length !== 2) {
        // Without an ack the client cannot learn of errors: refuse loudly in logs, do nothing.
        options.onResult?.(event, 'NO_ACK');
        return;
      }
      const reply = ack as (a: Ack<unknown>) => void;
      void run(event, args[0], reply);
    });
  }

  async function run(event: keyof S & string, raw: unknown, reply: (a: Ack<unknown>) => void): Promise<void> {
    try {
      await options.guard?.(event);
      if (approximateSize(raw) > LIMITS.socketPacketBytes) {
        throw new AppError('PAYLOAD_TOO_LARGE', `payload over ${LIMITS.socketPacketBytes} bytes`);
      }
      const schema = schemas[event]!;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError('BAD_REQUEST', `${event}: ${issue ? `${issue.path.join('.') || 'payload'} ${issue.message}` : 'invalid payload'}`);
      }
      const value = await handlers[event](parsed.data as z.output<S[typeof event]>);
      options.onResult?.(event, 'ok');
      reply(ok(value));
    } catch (err) {
      const appError = err instanceof AppError ? err : new AppError('INTERNAL', 'internal error');
      options.onResult?.(event, appError.code, err instanceof AppError ? undefined : err);
      reply(fail(appError.toJSON()));
    }
  }
}

/** JSON length, cheap and good enough as a size bound for parsed packets. */
function approximateSize(value: unknown): number {
  try {
    return JSON.stringify(value ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
