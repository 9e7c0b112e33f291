import { z } from 'zod';
import { configError, parseEnv } from '../../envConfig.js';
import { loadSmsAutomaticConfig, type SmsConfirmationConfig, type SmsSurveyConfig } from './smsAutomaticConfig.js';

/** Settings of the SMS channel, from the environment (validated like the rest of config.ts; docs/sms.md). */
export interface SmsConfig {
  /** `off`: no gateway runs; `smpp`: one SMPP transceiver bind. */
  mode: 'off' | 'smpp';
  smpp: { host: string; port: number; systemId: string; password: string };
  /** Our number: the source address of what we send, the number customers text. */
  serviceNumber: string;
  /** The `sms` queue new conversations go to. */
  queueId: string;
  /** A message joins the number's open conversation when that conversation's last message is at most this old. */
  threadWindowMs: number;
  /** The same text from the same number within this long, without a gateway id, is taken as a redelivery (SMPP gives none). */
  duplicateWindowMs: number;
  /** A reply may take this many parts at most. */
  maxParts: number;
  /** Outbox: first retry of a failed submit after this long, doubling (with jitter) up to 5 minutes. */
  retryBaseMs: number;
  /** Outbox: submits tried before a message is `failed` for good. */
  sendAttempts: number;
  /** The gateway's own quick retries of a throttled part (ESME_RTHROTTLED) before the outbox retries later. */
  throttleRetries: number;
  /** The satisfaction survey after an interaction closed. */
  survey: SmsSurveyConfig;
  /** What answers 退订 and 订阅. */
  confirmations: SmsConfirmationConfig;
}

const envSchema = z.object({
  OMNICC_SMS: z.enum(['off', 'smpp']).default('off'),
  OMNICC_SMPP_HOST: z.string().regex(/^[A-Za-z0-9.-]+$/).default('127.0.0.1'),
  OMNICC_SMPP_PORT: z.coerce.number().int().min(1).max(65535).default(2775),
  /** SMPP system_id is at most 15 octets, password at most 8 (SMPP 3.4 §5.2). */
  OMNICC_SMPP_SYSTEM_ID: z.string().max(15).default(''),
  OMNICC_SMPP_PASSWORD: z.string().max(8).default(''),
  OMNICC_SMS_SERVICE_NUMBER: z.string().regex(/^\+?\d{3,20}$|^[A-Za-z0-9 ]{1,11}$/, { message: 'expected a number or an alphanumeric sender of at most 11 characters' }).default('10086'),
  OMNICC_SMS_QUEUE: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).default('sms-general'),
  OMNICC_SMS_THREAD_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(24),
  OMNICC_SMS_DUPLICATE_SECONDS: z.coerce.number().min(0).max(24 * 3600).default(600),
  OMNICC_SMS_MAX_PARTS: z.coerce.number().int().min(1).max(255).default(10),
  OMNICC_SMS_RETRY_SECONDS: z.coerce.number().min(0.01).max(3600).default(5),
  OMNICC_SMS_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  OMNICC_SMPP_THROTTLE_RETRIES: z.coerce.number().int().min(0).max(20).default(6),
});

/** Throws an Error naming each bad variable (config.ts folds it into its own message). */
export function loadSmsConfig(env: NodeJS.ProcessEnv): SmsConfig {
  const e = parseEnv(envSchema, env);
  if (e.OMNICC_SMS === 'smpp' && !e.OMNICC_SMPP_SYSTEM_ID) throw configError(['OMNICC_SMPP_SYSTEM_ID: required with OMNICC_SMS=smpp']);
  return {
    mode: e.OMNICC_SMS,
    smpp: { host: e.OMNICC_SMPP_HOST, port: e.OMNICC_SMPP_PORT, systemId: e.OMNICC_SMPP_SYSTEM_ID, password: e.OMNICC_SMPP_PASSWORD },
    serviceNumber: e.OMNICC_SMS_SERVICE_NUMBER,
    queueId: e.OMNICC_SMS_QUEUE,
    threadWindowMs: Math.round(e.OMNICC_SMS_THREAD_HOURS * 3600_000),
    duplicateWindowMs: Math.round(e.OMNICC_SMS_DUPLICATE_SECONDS * 1000),
    maxParts: e.OMNICC_SMS_MAX_PARTS,
    retryBaseMs: Math.round(e.OMNICC_SMS_RETRY_SECONDS * 1000),
    sendAttempts: e.OMNICC_SMS_SEND_ATTEMPTS,
    throttleRetries: e.OMNICC_SMPP_THROTTLE_RETRIES,
    ...loadSmsAutomaticConfig(env, { enabled: e.OMNICC_SMS !== 'off', maxParts: e.OMNICC_SMS_MAX_PARTS }),
  };
}
