import type { SmsMessageView } from '@omnicc/shared';
import type { SmsIngestOutcome } from '../../store/SmsStore.js';

/**
 * `sms:message` to the agent holding the conversation an SMS joined (a new
 * conversation arrives as its offer instead), as email does with
 * `email:message`. Best effort, as every push: the desktop reloads the
 * conversation when it reconnects (once it has an SMS view).
 */
export function smsPushes(push: (agentId: string, message: SmsMessageView) => void) {
  return {
    stored: (outcome: SmsIngestOutcome): void => {
      if (outcome.kind === 'joined' && outcome.interaction.agentId) push(outcome.interaction.agentId, outcome.message);
    },
  };
}
