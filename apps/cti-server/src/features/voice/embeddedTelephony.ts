import path from 'node:path';
import type { Logger } from 'pino';
import { missingTelephony, TelephonyStack } from '../../adapters/kamailio/telephonyStack.js';
import { sipAuthSecret } from './sipCredentials.js';
import type { VoiceConfig } from './voiceConfig.js';

/**
 * Starts this server's own Kamailio and rtpengine when voice is `embedded`
 * (must work) or `auto` (when installed; otherwise voice is reported
 * unavailable and the server runs without it). `running` is undefined for
 * `off` and `external`, where nothing is started here.
 */
export async function startEmbeddedTelephony(voice: VoiceConfig, opts: { dataDir: string; tokenSecret: string; log: Logger }): Promise<{ stack?: TelephonyStack; running?: boolean }> {
  if (voice.mode === 'off' || voice.mode === 'external') return {};
  const missing = missingTelephony();
  if (missing.length > 0) {
    const why = `${missing.join(', ')} not installed (apps/cti-server/telephony/install.sh installs them)`;
    if (voice.mode === 'embedded') throw new Error(`voice: ${why}`);
    opts.log.warn(`voice unavailable: ${why}`);
    return { running: false };
  }
  const stack = new TelephonyStack({
    dir: path.resolve(opts.dataDir, 'telephony'),
    ports: voice.ports,
    domain: voice.domain,
    authSecret: sipAuthSecret(opts.tokenSecret),
    ...(voice.outboundGateway ? { outboundGateway: voice.outboundGateway } : {}),
    log: opts.log,
  });
  try {
    await stack.start();
    return { stack, running: true };
  } catch (err) {
    if (voice.mode === 'embedded') throw err;
    opts.log.warn({ err }, 'voice unavailable: Kamailio or rtpengine did not start');
    return { running: false };
  }
}
