import { z } from 'zod';
import { customerContactSchema, dictionaryEntrySchema, chatMessageSchema, interactionSchema, userSchema } from '../model/domain.js';
import { idSchema } from '../model/ids.js';

/** POST /api/auth/login */
export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Reply of login and refresh: a short-lived bearer token. */
export const sessionSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: userSchema,
});
export type Session = z.infer<typeof sessionSchema>;

/** GET /api/dictionaries */
export const dictionariesSchema = z.object({
  notReadyReasons: z.array(dictionaryEntrySchema),
  dispositions: z.array(dictionaryEntrySchema),
});
export type Dictionaries = z.infer<typeof dictionariesSchema>;

/** POST /api/chat/sessions (public: the widget's visitor starts a chat). */
export const startChatRequestSchema = z.object({
  contact: customerContactSchema,
  /** Queue the widget was configured for; the server checks it exists. */
  queueId: z.string().min(1).max(64).optional(),
});
export type StartChatRequest = z.infer<typeof startChatRequestSchema>;

export const startChatResponseSchema = z.object({
  interactionId: idSchema,
  /** Bearer for the /customer namespace; stored by the widget to survive reloads. */
  customerToken: z.string(),
});
export type StartChatResponse = z.infer<typeof startChatResponseSchema>;

/** GET /api/interactions/:id/transcript */
export const transcriptSchema = z.object({
  interaction: interactionSchema,
  messages: z.array(chatMessageSchema),
});
export type Transcript = z.infer<typeof transcriptSchema>;

export const idParamsSchema = z.object({ id: idSchema });

/**
 * GET /api/voice/softphone: where the agent's softphone connects and its
 * ephemeral SIP credentials (Kamailio auth_ephemeral: the user is
 * "<expiry>:<username>"). Fetch new ones before `expiresAt`.
 */
export const softphoneSettingsSchema = z.object({
  wsUrl: z.string().regex(/^wss?:\/\/\S+$/).max(2048),
  credentials: z.object({
    /** sip:<username>@<domain> */
    uri: z.string().startsWith('sip:').max(512),
    authorizationUsername: z.string().min(1).max(512),
    password: z.string().min(1).max(512),
    expiresAt: z.iso.datetime(),
  }),
});
export type SoftphoneSettings = z.infer<typeof softphoneSettingsSchema>;
