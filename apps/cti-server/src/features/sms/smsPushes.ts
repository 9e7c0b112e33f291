import type { SmsMessageView, SmsStatusEvent } from '@omnicc/shared';
import type { SmsIngestOutcome, SmsStatusChange } from '../../store/SmsStore.js';

/**
 * What the agent's desktop is told about SMS, pushed to the agent holding
 * the conversation, as email does with `email:message`: `sms:message` for
 * a message that joined it (a new conversation arrives as its offer
 * instead) and for a reply just written (so the agent's other tabs show
 * it), and `sms:status` for each delivery change of an outbound message.
 * Best effort, as every push: the desktop reloads the conversation
 * (`GET /api/interactions/:id/sms`) when it reconnects.
 */
export function smsPushes(push: { message: (agentId: string, message: SmsMessageView) => void; status: (agentId: string, status: SmsStatusEvent) => void }) {
  return {
    stored: (outcome: SmsIngestOutcome): void => {
      if (outcome.kind === 'joined' && outcome.interaction.agentId) push.message(outcome.interaction.agentId, outcome.message);
    },
    written: (agentId: string, message: SmsMessageView): void => push.message(agentId, message),
    status: (change: SmsStatusChange): void => {
      if (change.agentId) push.status(change.agentId, change.event);
    },
  };
}
