import { z } from 'zod';
import { idSchema } from '../model/ids.js';

/** One SMS of a conversation, as the agent's desktop shows it (pushed as `sms:message`). */
export const smsMessageViewSchema = z.object({
  id: idSchema,
  interactionId: idSchema.optional(),
  direction: z.enum(['in', 'out']),
  /** The customer's number, normalised (+86…). */
  number: z.string(),
  text: z.string(),
  /** Parts it came or went in; `missingParts` names inbound parts that never came (their text is missing). */
  parts: z.number().int().min(1),
  missingParts: z.array(z.number().int().min(1)),
  at: z.iso.datetime(),
  /** Outbound only: the latest delivery receipt's status. */
  deliveryStatus: z.string().optional(),
});
export type SmsMessageView = z.infer<typeof smsMessageViewSchema>;
