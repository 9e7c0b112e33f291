import { ImapFlow } from 'imapflow';
import type { ImapAccount } from './imapInbox.js';

/**
 * Appends a sent message to the account's Sent folder (the one flagged
 * `\Sent`, else `Sent`, created if missing), marked `\Seen`, so the mailbox
 * seen from any mail client shows what the contact center answered. A
 * connection of its own: the reader's stays on INBOX in IDLE.
 */
export async function appendToSent(account: ImapAccount, raw: Buffer): Promise<void> {
  const client = new ImapFlow({ host: account.host, port: account.port, secure: account.tls, auth: { user: account.user, pass: account.password }, logger: false, disableAutoIdle: true, connectionTimeout: 15_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const folders = await client.list();
    const sent = folders.find((f) => f.specialUse === '\\Sent')?.path ?? folders.find((f) => f.path.toLowerCase() === 'sent')?.path;
    const path = sent ?? (await client.mailboxCreate('Sent')).path;
    await client.append(path, raw, ['\\Seen']);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
