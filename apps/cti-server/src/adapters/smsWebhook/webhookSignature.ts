import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed webhooks, both ways: `X-Omnicc-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>">`. The timestamp is inside the MAC, so a
 * captured request cannot be re-dated; requests older (or newer) than the
 * tolerance are refused, and one seen inside the window is refused again.
 */
export const SIGNATURE_HEADER = 'x-omnicc-signature';

/** The header value for a body sent at `nowMs`. */
export function signWebhook(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${mac(secret, t, body).toString('hex')}`;
}

function mac(secret: string, t: number, body: string): Buffer {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest();
}

export type SignatureRefusal = 'missing' | 'malformed' | 'stale' | 'mismatch' | 'replayed';

export interface VerifierOptions {
  /** Accepted secrets: the current one first, the previous one while a rotation is under way. */
  secrets: readonly string[];
  /** How far the signed time may be from ours, either way. */
  toleranceSeconds?: number;
  /** Signatures remembered for replay checks; beyond it the oldest is forgotten (memory stays bounded under a flood). */
  maxRemembered?: number;
}

/**
 * Checks inbound callbacks. Keeps the signatures it accepted until they
 * leave the tolerance window, which is all the memory replay detection
 * needs: an older replay fails the timestamp check anyway.
 */
export class WebhookVerifier {
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: VerifierOptions) {
    if (options.secrets.length === 0 || options.secrets.some((s) => s.length < 16)) throw new RangeError('webhook secrets must be at least 16 characters');
  }

  /** undefined when the request is genuine and new, else why it is refused. */
  verify(header: string | undefined, body: string, nowMs: number): SignatureRefusal | undefined {
    if (!header) return 'missing';
    const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
    if (!match) return 'malformed';
    const t = Number(match[1]);
    const given = Buffer.from(match[2] ?? '', 'hex');
    const tolerance = (this.options.toleranceSeconds ?? 300) * 1000;
    if (Math.abs(nowMs - t * 1000) > tolerance) return 'stale';
    // timingSafeEqual: the time taken must not tell an attacker how many leading bytes were right.
    if (!this.options.secrets.some((secret) => timingSafeEqual(mac(secret, t, body), given))) return 'mismatch';
    this.forgetExpired(nowMs);
    const key = match[2] ?? '';
    if (this.seen.has(key)) return 'replayed';
    this.seen.set(key, t * 1000 + tolerance);
    if (this.seen.size > (this.options.maxRemembered ?? 100_000)) {
      for (const oldest of this.seen.keys()) {
        this.seen.delete(oldest);
        break;
      }
    }
    return undefined;
  }

  /** Lets the same signed request in once more: we refused it after all (it could not be stored). */
  forget(header: string | undefined): void {
    const mac = header ? /v1=([0-9a-f]{64})$/.exec(header.trim())?.[1] : undefined;
    if (mac) this.seen.delete(mac);
  }

  /** From the front only: entries are in arrival order, so the expired ones are (nearly all) there, and a check stays O(expired). */
  private forgetExpired(nowMs: number): void {
    for (const [key, until] of this.seen) {
      if (until >= nowMs) break;
      this.seen.delete(key);
    }
  }
}
