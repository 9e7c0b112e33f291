/**
 * A handset number as gateways take it: digits with an optional leading
 * `+` (international). Normalising local forms (0086…, 138…) to E.164 is
 * the caller's business (customer records), not the gateway's.
 */
export function isPhoneNumber(value: string): boolean {
  return /^\+?\d{3,20}$/.test(value);
}
