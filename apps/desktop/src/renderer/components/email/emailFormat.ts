import type { EmailMessageView } from '@omnicc/shared';

type Address = { name: string; address: string };

/** "Li Na <li.na@x.cn>", or the bare address when there is no name. */
export const formatAddress = (a: Address): string => (a.name && a.name !== a.address ? `${a.name} <${a.address}>` : a.address);

/** The sender's display name, or their address. */
export const senderName = (m: EmailMessageView, fallback: string): string => m.from?.name || m.from?.address || fallback;

/**
 * The words of a sanitized HTML body. DOMParser makes an inert document: no
 * script runs and no image loads in it.
 */
function htmlText(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}

/** One line of the body for a folded mail. */
export function snippet(m: EmailMessageView, max = 140): string {
  const text = (m.text ?? (m.html ? htmlText(m.html) : '')).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** 1.2 MB, 34 KB, 512 B: sizes as an agent reads them. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** The mail the customer wrote last (the one a reply answers); an automatic one only when there is nothing else. */
export function latestFromCustomer(messages: readonly EmailMessageView[]): EmailMessageView | undefined {
  const inbound = messages.filter((m) => m.direction === 'in');
  return inbound.filter((m) => !m.automatic).at(-1) ?? inbound.at(-1);
}
