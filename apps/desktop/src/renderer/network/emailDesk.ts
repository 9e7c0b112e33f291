import type { EmailAttachmentView, EmailMessageView, EmailReplyRequest } from '@omnicc/shared';
import { useEmailStore } from '../stores/emailStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import type { Api } from './api.js';
import { errorCodeOf } from './commands.js';

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
  const inFlight = new Map<string, Promise<void>>();
  /** Threads that changed while their load was on its way: what it brings may predate the change. */
  const changedMeanwhile = new Set<string>();
  let stopped = false;


  const fetchThread = async (interactionId: string): Promise<void> => {
    store().loadStarted(interactionId);
    try {
      const conversation = await deps.api.emailConversation(deps.token(), interactionId);
      if (!stopped && interactionId in useInteractionsStore.getState().byId) store().loaded(conversation);
    } catch (err) {
      if (!stopped) store().loadFailed(interactionId, errorCodeOf(err));
    }
  };

  const load: EmailDesk['load'] = (interactionId, options = {}) => {
    const running = inFlight.get(interactionId);
    if (running) return running;
    const known = store().threads[interactionId]?.conversation;
    if (options.ifStale && known && bodyUrlsFresh(known.bodyUrlsExpireAt, now())) return Promise.resolve();
    const started = fetchThread(interactionId).finally(() => {
      inFlight.delete(interactionId);
      if (changedMeanwhile.delete(interactionId) && !stopped) void load(interactionId);
    });
    inFlight.set(interactionId, started);
    return started;
  };

  // Threads come and go with their interactions: loaded as one lands on the desk (the inbox shows its subject), dropped as it leaves.
  const unsubscribe = useInteractionsStore.subscribe((s, prev) => {
    if (s.byId === prev.byId) return;
    store().keepOnly(Object.keys(s.byId));
    for (const interaction of Object.values(s.byId)) {
      if (interaction.channel === 'email' && !(interaction.id in prev.byId) && !(interaction.id in store().threads)) void load(interaction.id);
    }
  });

  return {
    load,
    pushed(message) {
      const interactionId = message.interactionId;
      if (!interactionId) return;
      store().mergeMessage(interactionId, message);
      if (inFlight.has(interactionId)) {
        changedMeanwhile.add(interactionId);
        return;
      }
      const known = store().threads[interactionId]?.conversation?.messages.find((m) => m.id === message.id);
      if (message.html !== undefined && !known?.bodyUrl) void load(interactionId);
    },
    reloadAll() {
      for (const id of Object.keys(store().threads)) void load(id);
    },
    async reply(interactionId, request) {
      const sent = await deps.api.replyByEmail(deps.token(), interactionId, request);
      store().mergeMessage(interactionId, { ...sent, interactionId });
      return sent;
    },
    async download(interactionId, attachment) {
      const blob = await deps.api.emailAttachment(deps.token(), interactionId, attachment.id);
      (deps.saveBlob ?? saveWithAnchor)(blob, attachment.filename);
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
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
