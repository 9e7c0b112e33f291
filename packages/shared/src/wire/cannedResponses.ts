import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { cannedTemplateError } from '../model/cannedTemplate.js';
import { idSchema } from '../model/ids.js';
import { codeSchema } from '../model/routing.js';

/**
 * REST contract of canned responses (常用语, docs/canned-responses.md):
 * their admin CRUD under `/api/admin/canned-responses` (team leads and
 * admins write), and `GET /api/canned-responses` for the desktop's picker,
 * each body rendered for the interaction at hand. The variable language is
 * model/cannedTemplate.ts.
 */

/** Channels a canned response can be written for (a call has nothing to paste into). */
export const CANNED_CHANNELS = ['email', 'sms', 'chat'] as const;
export const cannedChannelSchema = z.enum(CANNED_CHANNELS);
export type CannedChannel = z.infer<typeof cannedChannelSchema>;

/** The language a response is written in: the UI languages. */
export const CANNED_LANGUAGES = ['zh-CN', 'en'] as const;
export const cannedLanguageSchema = z.enum(CANNED_LANGUAGES);
export type CannedLanguage = z.infer<typeof cannedLanguageSchema>;

/** A body: not blank, at most LIMITS.cannedBodyChars, and only known variables in well-formed braces. */
export const cannedBodySchema = z
  .string()
  .min(1)
  .max(LIMITS.cannedBodyChars)
  .superRefine((body, ctx) => {
    if (body.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be blank' });
    const error = cannedTemplateError(body);
    if (error) ctx.addIssue({ code: 'custom', message: error });
  });

/** A set: each channel at most once (stored and returned in CANNED_CHANNELS order). */
const channelsSchema = z
  .array(cannedChannelSchema)
  .min(1)
  .max(CANNED_CHANNELS.length)
  .superRefine((channels, ctx) => {
    channels.forEach((c, i) => {
      if (channels.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `channel ${c} is listed twice` });
    });
  });

const bodyFields = {
  channels: channelsSchema,
  language: cannedLanguageSchema,
  /** The folder the picker groups it under, in the response's language ("账单", "Billing"). */
  category: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(80),
  body: cannedBodySchema,
  /** A disabled response is kept for the admins but not offered to agents. */
  enabled: z.boolean().default(true),
};

/** POST body: the id is a code (`billChecked`), as other coded admin resources. */
export const cannedResponseCreateSchema = z.strictObject({ id: codeSchema, ...bodyFields });
export type CannedResponseCreate = z.infer<typeof cannedResponseCreateSchema>;
/** PUT body: the whole response but the id, which the path names. */
export const cannedResponseUpdateSchema = z.strictObject(bodyFields);
export type CannedResponseUpdate = z.infer<typeof cannedResponseUpdateSchema>;

/** A canned response as the admin API returns it. */
export const cannedResponseSchema = z.object({
  id: codeSchema,
  channels: z.array(cannedChannelSchema),
  language: cannedLanguageSchema,
  category: z.string(),
  title: z.string(),
  body: z.string(),
  enabled: z.boolean(),
  /** The body's length in UTF-16 code units: what the limit counts, and what a UCS-2 SMS counts. */
  bodyLength: z.number().int().min(0),
  /** The variables the body uses, in order of first use. */
  variables: z.array(z.string()),
  updatedAt: z.iso.datetime(),
  /** Who saved it last; absent for seeded ones and after that user was deleted. */
  updatedBy: z.object({ id: idSchema, displayName: z.string() }).optional(),
});
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

/**
 * `GET /api/canned-responses`: the enabled responses of one channel. With
 * `interactionId` (agents: an interaction they hold) each body is rendered
 * for it; without, the bodies come raw. `lang` puts responses in that
 * language first (default: the Accept-Language header, else zh-CN).
 */
export const cannedResponsesQuerySchema = z.strictObject({
  channel: cannedChannelSchema,
  interactionId: idSchema.optional(),
  lang: cannedLanguageSchema.optional(),
});
export type CannedResponsesQuery = z.infer<typeof cannedResponsesQuerySchema>;

/** One response as the picker offers it. */
export const cannedResponseUseSchema = z.object({
  id: codeSchema,
  language: cannedLanguageSchema,
  category: z.string(),
  title: z.string(),
  /** The body with its variables filled in for the interaction (the raw body without one): what will be sent. */
  text: z.string(),
  /** `text.length` (UTF-16 code units), for the SMS character budget. */
  length: z.number().int().min(0),
  /** Variables left unfilled, still written `{{name}}` in `text`, in order of first use (without an interaction: every variable used). */
  missing: z.array(z.string()),
});
export type CannedResponseUse = z.infer<typeof cannedResponseUseSchema>;

/** Reply of `GET /api/canned-responses`: the caller's language first, then by category and title. */
export const cannedResponseListSchema = z.object({
  channel: cannedChannelSchema,
  /** Present when the bodies were rendered for this interaction. */
  interactionId: idSchema.optional(),
  items: z.array(cannedResponseUseSchema),
});
export type CannedResponseList = z.infer<typeof cannedResponseListSchema>;
