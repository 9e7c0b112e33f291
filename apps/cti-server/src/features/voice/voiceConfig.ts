import { z } from 'zod';
import { configError, parseEnv } from '../../envConfig.js';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/**
 * Voice settings, from the environment (see docs/voice.md):
 * - OMNICC_VOICE: `off`; `embedded` (this server runs Kamailio and rtpengine
 *   on loopback, fails to start without them); `auto` (embedded when they are
 *   installed, else voice reported unavailable); `external` (Kamailio runs
 *   elsewhere: only connect to its evapi).
 * - OMNICC_SERVICE_NUMBERS: called number -> queue, "10086=voice-general,10010=voice-vip".
 * - OMNICC_QUEUE_ANNOUNCEMENT: what waiting callers hear: `tone` (our own
 *   queue tone), `off` (silence), or the absolute path of an audio file on
 *   rtpengine's host (any format its ffmpeg reads: WAV, MP3...).
 */
const voiceEnvSchema = z.object({
  OMNICC_VOICE: z.enum(['off', 'auto', 'embedded', 'external']).default('off'),
  OMNICC_SIP_DOMAIN: z.string().regex(/^[A-Za-z0-9.-]+$/).default('omnicc.local'),
  OMNICC_SIP_HOST: z.string().regex(/^[A-Za-z0-9.-]+$/).default('127.0.0.1'),
  OMNICC_SIP_PORT: port(5060),
  OMNICC_SIP_WS_PORT: port(8088),
  /** What the desktops' softphones connect to; default ws://OMNICC_SIP_HOST:OMNICC_SIP_WS_PORT. */
  OMNICC_SIP_WS_URL: z.string().regex(/^wss?:\/\/[^\s]+$/).optional(),
  OMNICC_EVAPI_PORT: port(8448),
  OMNICC_RTPENGINE_NG_PORT: port(2223),
  OMNICC_RTP_PORT_MIN: port(30000),
  OMNICC_RTP_PORT_MAX: port(40000),
  OMNICC_SERVICE_NUMBERS: z
    .string()
    .default('10086=voice-general')
    .refine((s) => s.split(',').every((pair) => /^\s*\+?\d{2,20}\s*=\s*[A-Za-z0-9_-]{1,32}\s*$/.test(pair)), { message: 'expected number=queueId[,number=queueId...]' }),
  /** host:port where agents' outbound calls go (a trunk or gateway); none = outbound calls are refused. */
  OMNICC_OUTBOUND_GATEWAY: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/).optional(),
  /** The queue agents' own calls are reported under (wrap-up codes, after-call time); default: the first service number's. */
  OMNICC_OUTBOUND_QUEUE: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional(),
  OMNICC_QUEUE_ANNOUNCEMENT: z
    .string()
    .default('tone')
    .refine((s) => s === 'tone' || s === 'off' || /^\/[^\0]+$/.test(s), { message: 'expected tone, off or an absolute file path' }),
});

export interface VoiceConfig {
  mode: 'off' | 'auto' | 'embedded' | 'external';
  domain: string;
  sipHost: string;
  wsUrl: string;
  ports: { sip: number; ws: number; evapi: number; rtpengineNg: number; rtpMin: number; rtpMax: number };
  numbers: Map<string, string>;
  outboundGateway?: string;
  outboundQueueId: string;
  queueAnnouncement: 'tone' | 'off' | { file: string };
}

export function loadVoiceConfig(env: NodeJS.ProcessEnv): VoiceConfig {
  const e = parseEnv(voiceEnvSchema, env);
  if (e.OMNICC_RTP_PORT_MAX - e.OMNICC_RTP_PORT_MIN < 100) throw configError(['OMNICC_RTP_PORT_MAX: the media port range needs at least 100 ports']);
  const numbers = new Map(
    e.OMNICC_SERVICE_NUMBERS.split(',').map((pair) => {
      const [number = '', queueId = ''] = pair.split('=').map((s) => s.trim());
      return [number, queueId] as const;
    }),
  );
  return {
    mode: e.OMNICC_VOICE,
    domain: e.OMNICC_SIP_DOMAIN,
    sipHost: e.OMNICC_SIP_HOST,
    wsUrl: e.OMNICC_SIP_WS_URL ?? `ws://${e.OMNICC_SIP_HOST}:${e.OMNICC_SIP_WS_PORT}`,
    ports: { sip: e.OMNICC_SIP_PORT, ws: e.OMNICC_SIP_WS_PORT, evapi: e.OMNICC_EVAPI_PORT, rtpengineNg: e.OMNICC_RTPENGINE_NG_PORT, rtpMin: e.OMNICC_RTP_PORT_MIN, rtpMax: e.OMNICC_RTP_PORT_MAX },
    numbers,
    ...(e.OMNICC_OUTBOUND_GATEWAY ? { outboundGateway: e.OMNICC_OUTBOUND_GATEWAY } : {}),
    outboundQueueId: e.OMNICC_OUTBOUND_QUEUE ?? [...numbers.values()][0] ?? 'voice-general',
    queueAnnouncement: e.OMNICC_QUEUE_ANNOUNCEMENT === 'tone' || e.OMNICC_QUEUE_ANNOUNCEMENT === 'off' ? e.OMNICC_QUEUE_ANNOUNCEMENT : { file: e.OMNICC_QUEUE_ANNOUNCEMENT },
  };
}
