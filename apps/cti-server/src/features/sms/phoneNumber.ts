/**
 * A handset number as gateways take it: digits with an optional leading
 * `+` (international). Normalising local forms (0086…, 138…) to E.164 is
 * the caller's business (customer records), not the gateway's.
 */
export function isPhoneNumber(value: string): boolean {
  return /^\+?\d{3,20}$/.test(value);
}

/**
 * The customer's number in one form (E.164 with `+`) whatever the gateway or
 * handset gave, so threading and opt-outs find the same person: `0086…` and
 * `+86…` alike, a bare mainland mobile (`138…`, 11 digits) or `86138…` get
 * `+86`. Anything else (a short code, a foreign number without its `+`) is
 * kept as given, minus spaces and dashes: guessing its country would merge
 * strangers.
 */
export function normalisePhoneNumber(value: string): string {
  const n = value.replace(/[\s().-]/g, '');
  if (n.startsWith('+')) return n;
  if (n.startsWith('00')) return `+${n.slice(2)}`;
  if (/^1\d{10}$/.test(n)) return `+86${n}`;
  if (/^861\d{10}$/.test(n)) return `+${n}`;
  return n;
}
