import { describe, expect, it } from 'vitest';
import { TokenService } from './tokens.js';

const SECRET = 's'.repeat(40);

describe('TokenService tickets', () => {
  let now = Date.parse('2026-11-24T08:00:00Z');
  const tokens = new TokenService(SECRET, 600, { now: () => now });

  it('opens the one resource for the one purpose it was issued for', async () => {
    const { ticket, expiresAt } = await tokens.issueTicket('mailBody', 'user-1', 'message-1', 60);
    expect(expiresAt).toBe(now + 60_000);
    await expect(tokens.verifyTicket('mailBody', ticket, 'message-1')).resolves.toEqual({ userId: 'user-1' });
    await expect(tokens.verifyTicket('mailBody', ticket, 'message-2')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(tokens.verifyTicket('attachment', ticket, 'message-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('is never an access token, and an access token is never a ticket', async () => {
    const { ticket } = await tokens.issueTicket('mailBody', 'user-1', 'message-1', 60);
    await expect(tokens.verify(ticket)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const { token } = await tokens.issue({ id: 'user-1', role: 'agent', displayName: 'A' });
    await expect(tokens.verifyTicket('mailBody', token, 'message-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('expires, and refuses one signed with another key', async () => {
    const { ticket } = await tokens.issueTicket('mailBody', 'user-1', 'message-1', 60);
    now += 61_000;
    await expect(tokens.verifyTicket('mailBody', ticket, 'message-1')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    const forger = new TokenService('f'.repeat(40), 600, { now: () => now });
    const forged = await forger.issueTicket('mailBody', 'user-1', 'message-1', 60);
    await expect(tokens.verifyTicket('mailBody', forged.ticket, 'message-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
