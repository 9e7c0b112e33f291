import type { SoftphoneConfig } from './softphone.js';

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 2048;

/**
 * Reads the body of GET /api/voice/softphone, `{ wsUrl, credentials: { uri,
 * authorizationUsername, password, expiresAt } }`. Throws on anything else:
 * a half-read config would only fail later, at REGISTER, less clearly.
 */
export function parseSoftphoneConfig(data: unknown): SoftphoneConfig {
  const body = (data ?? {}) as { wsUrl?: unknown; credentials?: Record<string, unknown> };
  const c = body.credentials ?? {};
  const { wsUrl } = body;
  const { uri, authorizationUsername, password, expiresAt } = c;
  if (!isText(wsUrl) || !/^wss?:\/\//.test(wsUrl)) throw new Error('softphone config: wsUrl');
  if (!isText(uri) || !uri.startsWith('sip:')) throw new Error('softphone config: uri');
  if (!isText(authorizationUsername) || !isText(password)) throw new Error('softphone config: credentials');
  if (!isText(expiresAt) || Number.isNaN(Date.parse(expiresAt))) throw new Error('softphone config: expiresAt');
  return { wsUrl, uri, authorizationUsername, password, expiresAt };
}
