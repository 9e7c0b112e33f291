import { z } from 'zod';
import { parseEnv } from '../../envConfig.js';

/** Settings of the email channel, from the environment (validated like the rest of config.ts). */
export interface EmailConfig {
  /** false: no mailbox is read (the admin API still works). */
  enabled: boolean;
  /** Attachment bytes kept per mail; past it an attachment is refused (metadata and a note kept). */
  maxAttachmentBytes: number;
  /** Raw bytes fetched per mail; a larger mail is read truncated (text kept, attachments refused). */
  maxMessageBytes: number;
  /** Safety net beside IDLE: every mailbox is checked at least this often. */
  pollMs: number;
  /** Inactivity before imapflow starts IDLE after a command. */
  idleDelayMs: number;
  /** First retry of a failed send after this long, doubling each time. */
  retryBaseMs: number;
  /** Send attempts before a mail is marked failed. */
  sendAttempts: number;
  /** Earlier token secrets, so passwords sealed under them still open (docs/email.md, "Secrets"). */
  previousTokenSecrets: string[];
}

const MiB = 1024 * 1024;

const envSchema = z.object({
  OMNICC_EMAIL: z.enum(['on', 'off']).default('on'),
  OMNICC_EMAIL_MAX_ATTACHMENT_BYTES: z.coerce.number().int().min(0).max(1024 * MiB).default(10 * MiB),
  OMNICC_EMAIL_MAX_MESSAGE_BYTES: z.coerce.number().int().min(64 * 1024).max(2048 * MiB).default(40 * MiB),
  OMNICC_EMAIL_POLL_SECONDS: z.coerce.number().min(0.1).max(3600).default(60),
  OMNICC_EMAIL_IDLE_DELAY_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  OMNICC_EMAIL_RETRY_SECONDS: z.coerce.number().min(0.05).max(3600).default(30),
  OMNICC_EMAIL_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  OMNICC_PREVIOUS_TOKEN_SECRETS: z.string().default(''),
});

/** Throws an Error naming each bad variable (config.ts folds it into its own message). */
export function loadEmailConfig(env: NodeJS.ProcessEnv): EmailConfig {
  const e = parseEnv(envSchema, env);
  return {
    enabled: e.OMNICC_EMAIL === 'on',
    maxAttachmentBytes: e.OMNICC_EMAIL_MAX_ATTACHMENT_BYTES,
    maxMessageBytes: e.OMNICC_EMAIL_MAX_MESSAGE_BYTES,
    pollMs: Math.round(e.OMNICC_EMAIL_POLL_SECONDS * 1000),
    idleDelayMs: e.OMNICC_EMAIL_IDLE_DELAY_MS,
    retryBaseMs: Math.round(e.OMNICC_EMAIL_RETRY_SECONDS * 1000),
    sendAttempts: e.OMNICC_EMAIL_SEND_ATTEMPTS,
    previousTokenSecrets: e.OMNICC_PREVIOUS_TOKEN_SECRETS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
