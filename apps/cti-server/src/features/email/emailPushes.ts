import type { EmailMessageView } from '@omnicc/shared';
import type { IngestOutcome, MailStore } from '../../store/MailStore.js';
import type { Store } from '../../store/Store.js';
import { messageView } from './emailConversations.js';

/**
 * What the agent's desktop is told about mail, pushed to the agent holding
 * the interaction: a mail that joined it (a new one arrives with its offer
 * instead), and each change of an outbound mail's delivery. Best effort, as
 * every push: the desktop reloads the conversation when it reconnects.
 */
export function emailPushes(deps: { mail: MailStore; store: Store; push: (agentId: string, message: EmailMessageView) => void }) {
  const pushStored = async (messageId: string, agentId: string | undefined) => {
    const stored = agentId ? await deps.mail.outbox.get(messageId) : undefined;
    if (agentId && stored) deps.push(agentId, messageView(stored));
  };
  return {
    stored: async (outcome: IngestOutcome): Promise<void> => {
      if (outcome.kind === 'joined') await pushStored(outcome.messageId, outcome.interaction.agentId);
    },
    sendAttempted: async (messageId: string): Promise<void> => {
      const stored = await deps.mail.outbox.get(messageId);
      const interaction = stored?.interactionId ? await deps.store.interactions.get(stored.interactionId) : undefined;
      if (stored && interaction?.agentId) deps.push(interaction.agentId, messageView(stored));
    },
  };
}
