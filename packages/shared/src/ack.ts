import type { AppErrorShape } from './errors.js';

/** The one reply shape of every socket.io acknowledgement. */
export type Ack<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export type AckCallback<T> = (ack: Ack<T>) => void;

export const ok = <T>(value: T): Ack<T> => ({ ok: true, value });
export const fail = (error: AppErrorShape): Ack<never> => ({ ok: false, error });
