import smpp from 'smpp';

const NAMES = new Map<number, string>(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

/** SMPP 3.4 command_status values this adapter acts on. */
export const SMPP_STATUS = {
  OK: 0x0000,
  INVALID_COMMAND: 0x0003,
  BIND_FAILED: 0x000d,
  INVALID_PASSWORD: 0x000e,
  INVALID_SYSTEM_ID: 0x000f,
  MESSAGE_QUEUE_FULL: 0x0014,
  THROTTLED: 0x0058,
  /** ESME_RX_T_APPN: our answer to a deliver_sm we could not store yet. */
  TEMPORARY_APP_ERROR: 0x0064,
} as const;

/** `ESME_RTHROTTLED (0x58)`: the name and the number, since SMSCs also use vendor codes the table lacks. */
export function statusName(status: number): string {
  const hex = `0x${status.toString(16).padStart(2, '0')}`;
  const name = NAMES.get(status);
  return name ? `${name} (${hex})` : hex;
}

/** The SMSC is busy, not refusing: the same submit may pass a moment later. */
export function isThrottling(status: number): boolean {
  return status === SMPP_STATUS.THROTTLED || status === SMPP_STATUS.MESSAGE_QUEUE_FULL;
}

/** The SMSC refused who we are; retrying with the same credentials cannot help. */
export function isCredentialRefusal(status: number): boolean {
  return status === SMPP_STATUS.BIND_FAILED || status === SMPP_STATUS.INVALID_PASSWORD || status === SMPP_STATUS.INVALID_SYSTEM_ID;
}
