import { AppError, cannedTemplateError, CANNED_VARIABLE_NAMES, renderCannedResponse, SMS_CAMPAIGN_MAX_RECIPIENTS, type CannedContext, type SmsCampaignRecipientInput } from '@omnicc/shared';
import type { ClaimedRecipient, NewCampaignRecipient } from '../../store/SmsCampaignStore.js';
import { cannedDate } from '../cannedResponses/cannedResponsePicker.js';
import { normalisePhoneNumber } from '../sms/phoneNumber.js';

/** A number a campaign can send to: E.164 after normalising (mainland mobiles get +86), 8 to 15 digits. */
export const isCampaignNumber = (n: string): boolean => /^\+[1-9]\d{7,14}$/.test(n);

/**
 * The recipients as stored: numbers normalised, the invalid ones and later
 * copies of a number kept but `skipped` (so the list shows why), the rest
 * `pending`. PAYLOAD_TOO_LARGE past SMS_CAMPAIGN_MAX_RECIPIENTS; BAD_REQUEST
 * for a variable the template language does not know.
 */
export function judgeRecipients(input: readonly SmsCampaignRecipientInput[]): NewCampaignRecipient[] {
  if (input.length > SMS_CAMPAIGN_MAX_RECIPIENTS) throw new AppError('PAYLOAD_TOO_LARGE', `at most ${SMS_CAMPAIGN_MAX_RECIPIENTS} recipients a campaign (got ${input.length})`);
  if (input.length === 0) throw new AppError('BAD_REQUEST', 'recipients: at least one');
  const seen = new Set<string>();
  return input.map((r, i) => {
    for (const name of Object.keys(r.variables ?? {})) {
      if (!(CANNED_VARIABLE_NAMES as readonly string[]).includes(name)) throw new AppError('BAD_REQUEST', `recipients[${i}].variables: unknown variable ${name}; the variables are ${CANNED_VARIABLE_NAMES.join(', ')}`);
    }
    const number = normalisePhoneNumber(r.number);
    const base = { number, ...(r.name ? { name: r.name } : {}), ...(r.variables && Object.keys(r.variables).length > 0 ? { variables: r.variables } : {}) };
    if (!isCampaignNumber(number)) return { ...base, number: r.number, state: 'skipped', reason: 'invalidNumber' };
    if (seen.has(number)) return { ...base, state: 'skipped', reason: 'duplicate' };
    seen.add(number);
    return { ...base, state: 'pending' };
  });
}

/** BAD_REQUEST naming what is wrong with a campaign body (the canned template language: unknown variables, broken braces). */
export function checkCampaignBody(body: string): void {
  if (body.trim() === '') throw new AppError('BAD_REQUEST', 'body: must not be blank');
  const error = cannedTemplateError(body);
  if (error) throw new AppError('BAD_REQUEST', `body: ${error}`);
}

/** The text one recipient gets: {{customer.name}} is their name, {{date}} today in the operator's zone, the rest their variables. */
export function renderForRecipient(body: string, recipient: Pick<ClaimedRecipient, 'name' | 'variables'>, language: 'zh-CN' | 'en', now: number, timeZone: string): { text: string; missing: string[] } {
  const context: CannedContext = { date: cannedDate(now, timeZone, language), ...(recipient.name ? { 'customer.name': recipient.name } : {}), ...recipient.variables };
  return renderCannedResponse(body, context);
}
