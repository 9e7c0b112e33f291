import type { EmailAttachmentView, EmailConversation, EmailMessageView, EmailReplyRequest } from '@omnicc/shared';
import { useEmailStore } from '../stores/emailStore.js';
import type { Api } from './api.js';
import { createThreadLoader } from './threadLoader.js';

/** Ask for fresh body addresses this long before the signed ones lapse. */
export const BODY_URL_REFRESH_LEAD_MS = 5 * 60_000;

/** The agent's email work against the REST API, feeding the email store. */
export interface EmailDesk {
  /** Loads the thread unless a load is under way; `ifStale` skips a thread whose body addresses are still good. */
  load(interactionId: string, options?: { ifStale?: boolean }): Promise<void>;
  /** A pushed mail: merged, and the thread reloaded when it brings an HTML body (pushes carry no signed address). */
  pushed(message: EmailMessageView): void;
  /** Reloads every thread on the desk (after a reconnect: pushes missed meanwhile are not replayed). */
  reloadAll(): void;
  reply(interactionId: string, request: EmailReplyRequest): Promise<EmailMessageView>;
  /** Saves an attachment through the browser's download, never opening it. */
  download(interactionId: string, attachment: EmailAttachmentView): Promise<void>;
  stop(): void;
}

/** Whether the thread's signed body addresses still have a while to live. */
export function bodyUrlsFresh(expiresAt: string | undefined, now: number): boolean {
  return expiresAt !== undefined && Date.parse(expiresAt) - BODY_URL_REFRESH_LEAD_MS > now;
}

export function createEmailDesk(deps: { api: Api; token: () => string; now?: () => number; saveBlob?: (blob: Blob, filename: string) => void }): EmailDesk {
  const store = () => useEmailStore.getState();
  const now = deps.now ?? Date.now;
  const threads = createThreadLoader({ channel: 'email', store, fetch: (id) => deps.api.emailConversation(deps.token(), id) });
  const fresh = (known: EmailConversation): boolean => bodyUrlsFresh(known.bodyUrlsExpireAt, now());

  return {
    load: (interactionId, options = {}) => threads.load(interactionId, options.ifStale ? fresh : undefined),
    pushed(message) {
      const interactionId = message.interactionId;
      if (!interactionId) return;
      store().mergeMessage(interactionId, message);
      if (threads.changed(interactionId)) return;
      const known = store().threads[interactionId]?.conversation?.messages.find((m) => m.id === message.id);
      if (message.html !== undefined && !known?.bodyUrl) void threads.load(interactionId);
    },
    reloadAll: () => threads.reloadAll(),
    async reply(interactionId, request) {
      const sent = await deps.api.replyByEmail(deps.token(), interactionId, request);
      store().mergeMessage(interactionId, { ...sent, interactionId });
      return sent;
    },
    async download(interactionId, attachment) {
      const blob = await deps.api.emailAttachment(deps.token(), interactionId, attachment.id);
      (deps.saveBlob ?? saveWithAnchor)(blob, attachment.filename);
    },
    stop: () => threads.stop(),
  };
}

/** Characters no file system takes, and control characters; a hostile name cannot pick a folder. */
export function safeFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_').replace(/^\.+/, '').trim();
  return cleaned.slice(0, 180) || 'attachment';
}

function saveWithAnchor(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFilename(filename);
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
