import { isPhoneNumber } from '../../features/sms/phoneNumber.js';
import { SmsGatewayError } from '../../features/sms/smsErrors.js';

/** SMPP 3.4 §5.2.5/§5.2.6 type of number and numbering plan values we use. */
const TON = { unknown: 0, international: 1, alphanumeric: 5 } as const;
const NPI = { unknown: 0, isdn: 1 } as const;

export interface SmppAddress {
  addr: string;
  ton: number;
  npi: number;
}

/**
 * A handset number as SMPP wants it: `+8613800138000` is international
 * (TON 1) without the plus; a number without plus is sent as given (TON 0),
 * for the SMSC to read in its own national plan.
 */
export function phoneAddress(number: string): SmppAddress {
  const trimmed = number.trim();
  if (!isPhoneNumber(trimmed)) throw new SmsGatewayError('SMS_INVALID_MESSAGE', `not a phone number: ${JSON.stringify(number)}`);
  return trimmed.startsWith('+') ? { addr: trimmed.slice(1), ton: TON.international, npi: NPI.isdn } : { addr: trimmed, ton: TON.unknown, npi: NPI.isdn };
}

/** Our sender: a number, or an alphanumeric name (TON 5, at most 11 characters on the air). */
export function senderAddress(sender: string): SmppAddress {
  if (isPhoneNumber(sender.trim())) return phoneAddress(sender);
  if (!/^[\x20-\x7e]{1,11}$/.test(sender)) throw new SmsGatewayError('SMS_INVALID_MESSAGE', `not a sender address: ${JSON.stringify(sender)}`);
  return { addr: sender, ton: TON.alphanumeric, npi: NPI.unknown };
}

/** The number a deliver_sm names, with `+` back on an international one. */
export function readAddress(addr: string, ton: number | undefined): string {
  return ton === TON.international && /^\d+$/.test(addr) ? `+${addr}` : addr;
}
