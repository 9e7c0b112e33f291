/**
 * Tells a person's mail from an automatic one: auto-replies (out of office),
 * bounces, bulk and list mail, and mail that loops back to us. Such mail is
 * flagged, never acknowledged automatically and never opens an interaction
 * (docs/email.md, "Automatic mail"), so two auto-responders cannot keep
 * each other busy, nor a newsletter fill a queue.
 *
 * Signals (RFC 3834, and the de-facto headers of common auto-responders):
 * - `Auto-Submitted` with any value but `no`;
 * - `Precedence: bulk | junk | list`;
 * - `X-Autoreply`, `X-Autorespond`, `X-Autoresponder` (any value);
 * - `List-Id` or `List-Unsubscribe` (mailing list);
 * - an empty `Return-Path: <>` or a sender like `mailer-daemon@` / `postmaster@` (bounces);
 * - `X-Loop` naming our mailbox, or mail from our own address (loops).
 */

/** Unfolded values of a header (every occurrence), from `[name, rawLine]` pairs. */
export function headerValues(headers: readonly [string, string][], name: string): string[] {
  const lower = name.toLowerCase();
  return headers
    .filter(([key]) => key.toLowerCase() === lower)
    .map(([, line]) => {
      const colon = line.indexOf(':');
      return (colon < 0 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
    });
}

const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon)@/i;

/** Why the mail is automatic (`autoSubmitted`, `precedence`, `autoReplyHeader`, `list`, `bounce`, `loop`), or undefined. */
export function automaticReason(headers: readonly [string, string][], fromAddress: string | undefined, mailboxAddress: string): string | undefined {
  const first = (name: string) => headerValues(headers, name)[0];
  const autoSubmitted = first('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted.split(';')[0]?.trim().toLowerCase() !== 'no') return 'autoSubmitted';
  const precedence = first('precedence')?.toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'precedence';
  if (['x-autoreply', 'x-autorespond', 'x-autoresponder'].some((h) => first(h) !== undefined)) return 'autoReplyHeader';
  const ours = mailboxAddress.toLowerCase();
  if (headerValues(headers, 'x-loop').some((v) => v.toLowerCase().includes(ours)) || fromAddress?.toLowerCase() === ours) return 'loop';
  const returnPath = first('return-path');
  if ((returnPath !== undefined && /^<\s*>$/.test(returnPath)) || (fromAddress !== undefined && BOUNCE_SENDER.test(fromAddress))) return 'bounce';
  if (first('list-id') !== undefined || first('list-unsubscribe') !== undefined) return 'list';
  return undefined;
}
