import { eq } from 'drizzle-orm';
import type { InboundSmsInput, SmsIngestEffects, SmsIngestRules } from '../../store/SmsStore.js';
import { fromIso, type Tx } from './db.js';
import { insertAutomatic } from './smsAutomaticRows.js';
import { smsOptOuts } from './smsSchema.js';

/**
 * An opt-out or re-subscribe word, inside the message's transaction (the
 * number is locked): the opt-out recorded or lifted, and its confirmation
 * written to the outbox. Returns which it was, or undefined when the text
 * is neither, or a re-subscribe word from a number that never opted out
 * (then it is an ordinary message).
 */
export async function applyKeyword(tx: Tx, input: InboundSmsInput, rules: SmsIngestRules, effects: SmsIngestEffects): Promise<'optOut' | 'optIn' | undefined> {
  const at = fromIso(input.at);
  const to = { number: input.number, serviceNumber: input.serviceNumber, gateway: input.gateway };
  if (input.optOutWord) {
    effects.optOutWord = input.optOutWord;
    const confirmation = rules.confirmations.optOut;
    const [existing] = await tx.select().from(smsOptOuts).where(eq(smsOptOuts.number, input.number));
    // The first opt-out counts: the number has been opted out since then. A repeat is confirmed again after a day at most.
    const confirm = confirmation && (!existing?.confirmedAt || existing.confirmedAt.getTime() <= at.getTime() - rules.reconfirmAfterMs);
    if (!existing) await tx.insert(smsOptOuts).values({ number: input.number, word: input.optOutWord, at, confirmedAt: confirm ? at : null });
    else if (confirm) await tx.update(smsOptOuts).set({ confirmedAt: at }).where(eq(smsOptOuts.number, input.number));
    if (confirm) {
      await insertAutomatic(tx, to, 'optOutConfirmation', confirmation, at);
      effects.queued.push('optOutConfirmation');
    }
    return 'optOut';
  }
  if (!input.optInWord) return undefined;
  const lifted = await tx.delete(smsOptOuts).where(eq(smsOptOuts.number, input.number)).returning({ number: smsOptOuts.number });
  if (lifted.length === 0) return undefined;
  effects.optInWord = input.optInWord;
  if (rules.confirmations.optIn) {
    await insertAutomatic(tx, to, 'optInConfirmation', rules.confirmations.optIn, at);
    effects.queued.push('optInConfirmation');
  }
  return 'optIn';
}
