import type { TFunction } from 'i18next';

const SYSTEM_CODES = ['agentEnded', 'customerLeft'] as const;
type SystemCode = (typeof SYSTEM_CODES)[number];
const isSystemCode = (text: string): text is SystemCode => (SYSTEM_CODES as readonly string[]).includes(text);

/** System messages carry a code as their text (e.g. "customerLeft"); known codes are translated. */
export function systemText(t: TFunction, text: string): string {
  return isSystemCode(text) ? t(`system.${text}`) : text;
}
