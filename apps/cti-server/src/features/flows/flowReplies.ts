import type { ChatMessage, Interaction } from '@omnicc/shared';
import type { IngestOutcome, MailStore } from '../../store/MailStore.js';
import type { SmsIngestOutcome } from '../../store/SmsStore.js';
import type { FlowRunService } from './flowRunService.js';

/**
 * The customer's messages that a flow waiting for a reply takes: a chat
 * message, an SMS or a mail that joined the interaction. Each hook returns
 * at once; the run advances in the background (a lost race with another
 * node is normal: the run took the reply there).
 */
export function flowReplies(runs: FlowRunService, mail: MailStore) {
  return {
    chat: (interaction: Interaction, message: ChatMessage): void => {
      if (message.sender === 'customer') runs.replied(interaction.id, message.text);
    },
    sms: (outcome: SmsIngestOutcome): void => {
      if (outcome.kind === 'joined') runs.replied(outcome.interaction.id, outcome.message.text);
    },
    email: async (outcome: IngestOutcome): Promise<void> => {
      if (outcome.kind !== 'joined') return;
      const stored = await mail.outbox.get(outcome.messageId);
      runs.replied(outcome.interaction.id, stored?.text ?? stored?.subject ?? '');
    },
  };
}
