import { Gauge, type Registry } from 'prom-client';
import type { MailStore } from '../../store/MailStore.js';
import type { EmailChannel } from './emailChannel.js';

/**
 * Email figures on `/metrics`, read when scraped: mailbox readers on this
 * node by connection state (all on the routing owner), and outbound mail
 * pending or failed for good (from the database, the same on every node).
 * A failed count above zero is mail an agent wrote that did not leave.
 */
export function registerEmailMetrics(registry: Registry, deps: { email: EmailChannel; mail: MailStore }): void {
  new Gauge({
    name: 'omnicc_email_readers',
    help: 'Mailbox readers on this node, by IMAP connection state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const readers = [...deps.email.status().values()];
      const connected = readers.filter((r) => r.connected).length;
      this.set({ state: 'connected' }, connected);
      this.set({ state: 'disconnected' }, readers.length - connected);
    },
  });
  new Gauge({
    name: 'omnicc_email_outbox',
    help: 'Outbound mail by delivery state: pending (to be sent or retried) and failed (given up)',
    labelNames: ['delivery'] as const,
    registers: [registry],
    async collect() {
      const counts = await deps.mail.outbox.counts();
      this.set({ delivery: 'pending' }, counts.pending);
      this.set({ delivery: 'failed' }, counts.failed);
    },
  });
}
