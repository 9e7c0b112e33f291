import { softphoneSettingsSchema } from '@omnicc/shared';
import type { SoftphoneConfig } from './softphone.js';

/**
 * Reads the body of GET /api/voice/softphone with the contract's schema.
 * Throws on anything else: a half-read config would only fail later, at
 * REGISTER, less clearly.
 */
export function parseSoftphoneConfig(data: unknown): SoftphoneConfig {
  const { wsUrl, credentials } = softphoneSettingsSchema.parse(data);
  return { wsUrl, ...credentials };
}
