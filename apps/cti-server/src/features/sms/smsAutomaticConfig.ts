import { z } from 'zod';
import { CHANNELS, splitText, type Channel } from '@omnicc/shared';
import { configError, parseEnv } from '../../envConfig.js';

/** A text the server sends by itself, with the parts it takes (counted once, at start). */
export interface SmsAutomaticText {
  text: string;
  parts: number;
}

/** The satisfaction survey by SMS after an interaction closed (docs/sms.md, "Satisfaction survey"). */
export interface SmsSurveyConfig {
  enabled: boolean;
  /** Channels whose closed interactions are surveyed (those with the customer's mobile number). */
  channels: readonly Channel[];
  /** Numbers (normalised, +86…) a survey may go to: mobiles, not landlines that cannot receive an SMS. */
  numbers: RegExp;
  /** An answer counts this long after the survey was written. */
  windowMs: number;
  /** At most one survey per number within this long. */
  everyMs: number;
  question: SmsAutomaticText;
  /** The one answer to a reply that is not a score. */
  clarification: SmsAutomaticText;
}

/** Answers to 退订 and 订阅 (docs/sms.md, "Opt-out confirmation"). */
export interface SmsConfirmationConfig {
  /** Absent when OMNICC_SMS_OPT_OUT_CONFIRM is off (some operators confirm at the network). */
  optOut?: SmsAutomaticText;
  optIn?: SmsAutomaticText;
}

const DEFAULT_TEXTS = {
  survey: '请对本次服务评分，回复1-5（5为非常满意）。/ Please rate our service, reply 1-5 (5 = very satisfied).',
  clarify: '请回复数字1-5为本次服务评分（5为非常满意）。如有其他问题，请再次发送，将由人工为您处理。/ Please reply 1-5 (5 = very satisfied). To ask something else, send it again and an agent will answer.',
  optOut: '您已成功退订，将不再收到营销短信。回复"订阅"可重新订阅。/ You have unsubscribed from marketing SMS. Reply START to subscribe again.',
  optIn: '您已重新订阅成功。回复"退订"可随时退订。/ You have subscribed again. Reply STOP to unsubscribe at any time.',
};

const text = (fallback: string) => z.string().trim().min(1).max(1000).default(fallback);
const onOff = z.enum(['on', 'off']);

const envSchema = z.object({
  OMNICC_SMS_SURVEY: onOff.default('off'),
  OMNICC_SMS_SURVEY_CHANNELS: z
    .string()
    .default('sms,voice')
    .transform((v) => v.split(',').map((c) => c.trim()).filter(Boolean))
    .pipe(z.array(z.enum(CHANNELS)).min(1)),
  OMNICC_SMS_SURVEY_NUMBERS: z
    .string()
    .default(String.raw`^\+861[3-9]\d{9}$`)
    .refine((v) => compiles(v), { message: 'expected a regular expression' }),
  OMNICC_SMS_SURVEY_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(24),
  OMNICC_SMS_SURVEY_EVERY_HOURS: z.coerce.number().min(0).max(24 * 365).default(24),
  OMNICC_SMS_SURVEY_TEXT: text(DEFAULT_TEXTS.survey),
  OMNICC_SMS_SURVEY_CLARIFY_TEXT: text(DEFAULT_TEXTS.clarify),
  OMNICC_SMS_OPT_OUT_CONFIRM: onOff.default('on'),
  OMNICC_SMS_OPT_OUT_TEXT: text(DEFAULT_TEXTS.optOut),
  OMNICC_SMS_OPT_IN_TEXT: text(DEFAULT_TEXTS.optIn),
});

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * The survey's and the confirmations' settings; throws a configError naming
 * the variable when one is bad, a text takes more than `maxParts` parts, or
 * the survey is on while SMS is off (it could never be sent).
 */
export function loadSmsAutomaticConfig(env: NodeJS.ProcessEnv, sms: { enabled: boolean; maxParts: number }): { survey: SmsSurveyConfig; confirmations: SmsConfirmationConfig } {
  const e = parseEnv(envSchema, env);
  const problems: string[] = [];
  const counted = (name: string, value: string): SmsAutomaticText => {
    const parts = splitText(value).parts.length;
    if (parts > sms.maxParts) problems.push(`${name}: takes ${parts} SMS parts, more than OMNICC_SMS_MAX_PARTS (${sms.maxParts})`);
    return { text: value, parts };
  };
  const survey: SmsSurveyConfig = {
    enabled: e.OMNICC_SMS_SURVEY === 'on',
    channels: [...new Set(e.OMNICC_SMS_SURVEY_CHANNELS)],
    numbers: new RegExp(e.OMNICC_SMS_SURVEY_NUMBERS, 'u'),
    windowMs: Math.round(e.OMNICC_SMS_SURVEY_HOURS * 3600_000),
    everyMs: Math.round(e.OMNICC_SMS_SURVEY_EVERY_HOURS * 3600_000),
    question: counted('OMNICC_SMS_SURVEY_TEXT', e.OMNICC_SMS_SURVEY_TEXT),
    clarification: counted('OMNICC_SMS_SURVEY_CLARIFY_TEXT', e.OMNICC_SMS_SURVEY_CLARIFY_TEXT),
  };
  const optIn = counted('OMNICC_SMS_OPT_IN_TEXT', e.OMNICC_SMS_OPT_IN_TEXT);
  const optOut = counted('OMNICC_SMS_OPT_OUT_TEXT', e.OMNICC_SMS_OPT_OUT_TEXT);
  if (survey.enabled && !sms.enabled) problems.push('OMNICC_SMS_SURVEY: on needs OMNICC_SMS=smpp (the survey goes by SMS)');
  if (problems.length > 0) throw configError(problems);
  return { survey, confirmations: e.OMNICC_SMS_OPT_OUT_CONFIRM === 'on' ? { optOut, optIn } : {} };
}
