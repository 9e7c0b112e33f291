import type { SmsMessageView, SmsReplyRequest, SmsStatusEvent } from '@omnicc/shared';
import { useSmsStore } from '../stores/smsStore.js';
import type { Api } from './api.js';
import { createThreadLoader } from './threadLoader.js';

/** The agent's SMS work against the REST API, feeding the SMS store. */
export interface SmsDesk {
  load(interactionId: string): Promise<void>;
  /** `sms:message`: a message joined the conversation, or a reply was written (in any tab). */
  pushed(message: SmsMessageView): void;
  /** `sms:status`: an outbound message's delivery moved on. */
  status(event: SmsStatusEvent): void;
  reloadAll(): void;
  reply(interactionId: string, request: SmsReplyRequest): Promise<SmsMessageView>;
  stop(): void;
}

export function createSmsDesk(deps: { api: Api; token: () => string }): SmsDesk {
  const store = () => useSmsStore.getState();
  const threads = createThreadLoader({ channel: 'sms', store, fetch: (id) => deps.api.smsConversation(deps.token(), id) });
  return {
    load: (interactionId) => threads.load(interactionId),
    pushed(message) {
      if (!message.interactionId) return;
      store().mergeMessage(message.interactionId, message);
      threads.changed(message.interactionId);
    },
    status(event) {
      store().updateMessage(event.interactionId, event.messageId, (m) => ({
        ...m,
        delivery: event.delivery,
        deliveryAt: event.at,
        ...(event.lastError !== undefined ? { lastError: event.lastError } : {}),
      }));
      threads.changed(event.interactionId);
    },
    reloadAll: () => threads.reloadAll(),
    async reply(interactionId, request) {
      const sent = await deps.api.replyBySms(deps.token(), interactionId, request);
      store().mergeMessage(interactionId, { ...sent, interactionId });
      return sent;
    },
    stop: () => threads.stop(),
  };
}
