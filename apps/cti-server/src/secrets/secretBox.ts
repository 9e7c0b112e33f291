import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '@omnicc/shared';

/**
 * Encryption at rest for the few secrets the server must be able to read back
 * (a mailbox's IMAP and SMTP passwords): AES-256-GCM, with a key derived by
 * HKDF from the token secret, the one secret every node already shares (as
 * the cluster key is). No second secret to distribute and back up.
 *
 * A sealed value is `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 * The key id names the key that sealed it, so the token secret can rotate:
 * the old secret goes into the keyring's `previous` list, values sealed with
 * it still open, and `needsReseal` tells which to seal again with the new one.
 * The caller's `context` (e.g. `mailboxes/<id>/imap`) is bound in as
 * additional data: a sealed value copied to another row or field does not open.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;

  private constructor(current: Buffer, previous: Buffer[]) {
    this.currentId = keyIdOf(current);
    this.keys = new Map([[this.currentId, current], ...previous.map((k) => [keyIdOf(k), k] as const)]);
  }

  /** The box of a token secret, able to open values sealed under earlier secrets too. */
  static fromSecrets(current: string, previous: readonly string[] = []): SecretBox {
    return new SecretBox(deriveKey(current), previous.map(deriveKey));
  }

  /** Id of the key new values are sealed with. */
  get keyId(): string {
    return this.currentId;
  }

  seal(plaintext: string, context: string): string {
    const key = this.keys.get(this.currentId);
    if (!key) throw new Error('secret box has no current key');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /**
   * The plaintext; AppError INTERNAL when the value is malformed, was sealed
   * with a key not in the ring (the token secret changed and the old one was
   * not kept), or was tampered with or moved to another context.
   */
  open(sealed: string, context: string): string {
    const [version, keyId, iv, tag, ciphertext, ...rest] = sealed.split('.');
    if (version !== 'v1' || !keyId || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
      throw new AppError('INTERNAL', 'sealed secret is malformed');
    }
    const key = this.keys.get(keyId);
    if (!key) throw new AppError('INTERNAL', `secret sealed with unknown key ${keyId}: the token secret changed; add the old one to OMNICC_PREVIOUS_TOKEN_SECRETS or enter the password again`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new AppError('INTERNAL', 'sealed secret does not open (tampered, or sealed for another field)');
    }
  }

  /** True when the value was sealed with an older key and should be sealed again. */
  needsReseal(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentId;
  }
}

function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('omnicc'), Buffer.from('omnicc/secret-box/v1'), 32));
}

/** A short public fingerprint of a key: names it without revealing it. */
function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('omnicc/secret-box/key-id').digest('base64url').slice(0, 10);
}
