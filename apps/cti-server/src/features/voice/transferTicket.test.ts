import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readTransferTicket, signTransferTicket, transferSecret, type TransferTicket } from './transferTicket.js';

const secret = transferSecret('server-token-secret');
const ticket = (to: TransferTicket['to']): TransferTicket => ({ interactionId: randomUUID(), fromAgentId: randomUUID(), to, expiresAt: 2_000_000_000 });

describe('transfer tickets', () => {
  it('round-trips a transfer to an agent and to a queue, as a short SIP-safe user part', () => {
    for (const t of [ticket({ agentId: randomUUID() }), ticket({ queueId: 'billing-vip' })]) {
      const user = signTransferTicket(secret, t);
      expect(user).toMatch(/^xfer-[A-Za-z0-9_-]+$/);
      expect(user.length).toBeLessThan(120);
      expect(readTransferTicket(secret, user, 1_999_999_999)).toEqual(t);
    }
  });

  it('refuses a forged, altered, truncated or foreign address, and one past its time', () => {
    const user = signTransferTicket(secret, ticket({ queueId: 'general' }));
    expect(readTransferTicket(transferSecret('another secret'), user, 0)).toBe('invalid');
    const flipped = user.slice(0, 10) + (user[10] === 'A' ? 'B' : 'A') + user.slice(11);
    expect(readTransferTicket(secret, flipped, 0)).toBe('invalid');
    expect(readTransferTicket(secret, user.slice(0, 40), 0)).toBe('invalid');
    expect(readTransferTicket(secret, '10086', 0)).toBe('invalid');
    expect(readTransferTicket(secret, 'xfer-!!!', 0)).toBe('invalid');
    expect(readTransferTicket(secret, user, 2_000_000_001)).toBe('expired');
  });
});
