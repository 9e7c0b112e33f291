import { errorCodeOf } from '../network/commands.js';
import { useUiStore, type ActionName } from '../stores/uiStore.js';
import { SoftphoneError } from './softphone.js';

/** Tells the agent a phone action failed: a code of our own (TRANSFER_NOT_FOLLOWED), a phone error, or a server error. */
export function voiceNotice(action: ActionName, failure: unknown): void {
  const code = typeof failure === 'string' ? failure : failure instanceof SoftphoneError ? failure.code : errorCodeOf(failure);
  useUiStore.getState().showNotice(action, code);
}

/** A refused outbound call in words the agent can act on: busy, no such number, or not possible from here. */
export function refusalCode(status: number | undefined): string {
  if (status === 486 || status === 600) return 'CALL_BUSY';
  if (status === 404 || status === 484 || status === 604) return 'CALL_NOT_FOUND';
  return 'CALL_REFUSED';
}

/** A refused consult call: the colleague is busy or said no, or their softphone is not there. */
export function consultRefusalCode(status: number | undefined): string {
  if (status === 486 || status === 600 || status === 603) return 'CONSULT_DECLINED';
  // 503: Kamailio had no route to the colleague's softphone (not registered).
  if (status === 404 || status === 408 || status === 480 || status === 503) return 'CONSULT_UNREACHABLE';
  return 'CALL_REFUSED';
}
