import { describe, expect, it } from 'vitest';
import { SecretBox } from './secretBox.js';

const OLD = 'o'.repeat(40);
const NEW = 'n'.repeat(40);

describe('SecretBox', () => {
  it('seals with AES-256-GCM under a key id, and opens in the same context only', () => {
    const box = SecretBox.fromSecrets(NEW);
    const sealed = box.seal('imap password 密码', 'mailboxes/1/imap');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{10}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('password');
    expect(box.open(sealed, 'mailboxes/1/imap')).toBe('imap password 密码');
    // Same plaintext, fresh IV: two sealings differ.
    expect(box.seal('imap password 密码', 'mailboxes/1/imap')).not.toBe(sealed);
    expect(() => box.open(sealed, 'mailboxes/2/imap')).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('refuses tampered and malformed values with a coded error', () => {
    const box = SecretBox.fromSecrets(NEW);
    const parts = box.seal('secret', 'c').split('.');
    const flipped = [...parts.slice(0, 4), `${parts[4]?.startsWith('A') ? 'B' : 'A'}${parts[4]?.slice(1) ?? ''}`].join('.');
    for (const bad of [flipped, 'v1.x.y', 'plain text', `v2.${parts.slice(1).join('.')}`]) expect(() => box.open(bad, 'c'), bad).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('rotates: values sealed under a previous secret open and are marked for resealing', () => {
    const sealedOld = SecretBox.fromSecrets(OLD).seal('secret', 'c');
    const rotated = SecretBox.fromSecrets(NEW, [OLD]);
    expect(rotated.open(sealedOld, 'c')).toBe('secret');
    expect(rotated.needsReseal(sealedOld)).toBe(true);
    expect(rotated.needsReseal(rotated.seal('secret', 'c'))).toBe(false);
    // Without the old secret in the ring, the value cannot be read: it says so.
    expect(() => SecretBox.fromSecrets(NEW).open(sealedOld, 'c')).toThrow(/OMNICC_PREVIOUS_TOKEN_SECRETS/);
  });
});
