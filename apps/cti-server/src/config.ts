import { z } from 'zod';
import { loadVoiceConfig, type VoiceConfig } from './features/voice/voiceConfig.js';
import { loadEmailConfig, type EmailConfig } from './features/email/emailConfig.js';
import { loadSmsConfig, type SmsConfig } from './features/sms/smsConfig.js';
import { configError, parseEnv } from './envConfig.js';
import { loadAddInConfig, type AddInConfig } from './features/addIns/addInConfig.js';

/**
 * Server configuration, read once from the environment and validated at
 * start: a bad value stops the server with a message naming the variable.
 */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** PostgreSQL URL; when absent the server runs its own embedded PostgreSQL. */
  DATABASE_URL: z.url().optional(),
  OMNICC_DATA_DIR: z.string().default('.data'),
  OMNICC_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** HMAC key for access tokens; at least 32 characters. Generated per run when absent (dev only). */
  OMNICC_TOKEN_SECRET: z.string().min(32).optional(),
  OMNICC_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(24 * 3600).default(30 * 60),
  /** Chats one address may start per minute (public endpoint, so it is limited). */
  OMNICC_CHAT_STARTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Origins allowed to embed the chat widget (comma separated), besides our own. */
  OMNICC_WIDGET_ORIGINS: z.string().default(''),
  /** Folder of the built web desktop (served at /). */
  OMNICC_WEB_DIR: z.string().optional(),
  /** The operator's IANA time zone: where "today" starts in the live metrics (docs/metrics.md §2). */
  OMNICC_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => isTimeZone(tz), { message: 'not an IANA time zone' }),
  /** Abandons after less waiting than this are "short" (docs/metrics.md). */
  OMNICC_SHORT_ABANDON_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  /** Redis for the socket.io adapter: set it to run several nodes (they must share DATABASE_URL and OMNICC_TOKEN_SECRET). */
  OMNICC_REDIS_URL: z.url().optional(),
  /** Prefix of this deployment's Redis keys (the adapter's stream and sessions). */
  OMNICC_REDIS_PREFIX: z.string().min(1).max(64).regex(/^[A-Za-z0-9:_-]+$/).default('omnicc'),
  /** The URL other nodes reach this one at (routing calls go to the owner); default http://HOST:PORT. */
  OMNICC_NODE_URL: z.url().optional(),
  /** Time to live of the routing lease: a dead owner is replaced after at most this long. */
  OMNICC_LEASE_TTL_MS: z.coerce.number().int().min(300).max(60_000).default(5000),
  /** How often the routing owner's watchdog compares routing with the store (and heals what it can). */
  OMNICC_WATCHDOG_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  host: string;
  port: number;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  tokenSecret?: string;
  tokenTtlSeconds: number;
  widgetOrigins: string[];
  chatStartsPerMinute: number;
  webDir?: string;
  /** IANA zone whose midnight starts "today" in the metrics. */
  timeZone: string;
  shortAbandonSeconds: number;
  logLevel: string;
  production: boolean;
  redisUrl?: string;
  redisPrefix: string;
  nodeUrl?: string;
  leaseTtlMs: number;
  watchdogSeconds: number;
  voice: VoiceConfig;
  email: EmailConfig;
  sms: SmsConfig;
  addIns: AddInConfig;
}

/** Parses the environment; throws an Error listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(envSchema, env);
  const production = e.NODE_ENV === 'production';
  if (production && !e.OMNICC_TOKEN_SECRET) {
    throw configError(['OMNICC_TOKEN_SECRET: required in production']);
  }
  if (e.OMNICC_REDIS_URL && !e.OMNICC_TOKEN_SECRET) {
    throw configError(["OMNICC_TOKEN_SECRET: required with OMNICC_REDIS_URL (every node must check the others' tokens)"]);
  }
  return {
    host: e.HOST,
    port: e.PORT,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    dataDir: e.OMNICC_DATA_DIR,
    embeddedPgPort: e.OMNICC_EMBEDDED_PG_PORT,
    ...(e.OMNICC_TOKEN_SECRET ? { tokenSecret: e.OMNICC_TOKEN_SECRET } : {}),
    tokenTtlSeconds: e.OMNICC_TOKEN_TTL_SECONDS,
    chatStartsPerMinute: e.OMNICC_CHAT_STARTS_PER_MINUTE,
    widgetOrigins: e.OMNICC_WIDGET_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    ...(e.OMNICC_WEB_DIR ? { webDir: e.OMNICC_WEB_DIR } : {}),
    timeZone: e.OMNICC_TIME_ZONE,
    shortAbandonSeconds: e.OMNICC_SHORT_ABANDON_SECONDS,
    logLevel: e.LOG_LEVEL,
    production,
    ...(e.OMNICC_REDIS_URL ? { redisUrl: e.OMNICC_REDIS_URL } : {}),
    redisPrefix: e.OMNICC_REDIS_PREFIX,
    ...(e.OMNICC_NODE_URL ? { nodeUrl: e.OMNICC_NODE_URL } : {}),
    leaseTtlMs: e.OMNICC_LEASE_TTL_MS,
    watchdogSeconds: e.OMNICC_WATCHDOG_SECONDS,
    voice: loadVoiceConfig(env),
    email: loadEmailConfig(env),
    sms: loadSmsConfig(env),
    addIns: loadAddInConfig(env),
  };
}
