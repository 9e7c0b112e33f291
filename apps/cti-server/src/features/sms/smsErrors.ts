import { AppError, type ErrorCode } from '@omnicc/shared';
import type { SmsSendProgress } from './smsGateway.js';

/**
 * What went wrong with an SMS, finer than the shared codes: the gateway's
 * callers (replies, group send) branch on these (retry later, mark the
 * recipient failed, fix the configuration), while the edge still sees a
 * shared `ErrorCode` through `AppError`.
 */
export const SMS_ERROR_CODES = {
  /** The text is empty, the number is not a number, or too many parts. */
  SMS_INVALID_MESSAGE: 'BAD_REQUEST',
  /** The gateway refused our credentials (SMPP bind, HTTP 401/403). */
  SMS_AUTH_REFUSED: 'UNAVAILABLE',
  /** Not connected within the send deadline. */
  SMS_NOT_CONNECTED: 'UNAVAILABLE',
  /** The gateway kept answering "throttled" after every retry. */
  SMS_THROTTLED: 'RATE_LIMITED',
  /** The gateway refused this message (bad destination, bad coding…). */
  SMS_REJECTED: 'BAD_REQUEST',
  /** No answer in time. */
  SMS_TIMEOUT: 'UNAVAILABLE',
  /** close() was called: nothing more goes out. */
  SMS_CLOSED: 'UNAVAILABLE',
  /** The gateway answered something we cannot read. */
  SMS_PROTOCOL: 'INTERNAL',
  /** An inbound callback's body is not what the provider contract says. */
  SMS_BAD_CALLBACK: 'BAD_REQUEST',
  /** A listener could not take an inbound message or receipt (store down): the sender should retry. */
  SMS_NOT_TAKEN: 'UNAVAILABLE',
  /** An inbound callback failed its signature, timestamp or replay check. */
  SMS_BAD_SIGNATURE: 'UNAUTHENTICATED',
} as const satisfies Record<string, ErrorCode>;

export type SmsErrorCode = keyof typeof SMS_ERROR_CODES;

/** A coded SMS failure; `gatewayStatus` keeps the gateway's own word (e.g. `ESME_RINVDSTADR`, `HTTP 422`). */
export class SmsGatewayError extends AppError {
  /** A send that failed after some of its parts were accepted: those parts (SmsSendOptions.resume). */
  sent?: SmsSendProgress;

  constructor(
    readonly smsCode: SmsErrorCode,
    message: string,
    readonly gatewayStatus?: string,
  ) {
    super(SMS_ERROR_CODES[smsCode], message);
    this.name = 'SmsGatewayError';
  }
}
