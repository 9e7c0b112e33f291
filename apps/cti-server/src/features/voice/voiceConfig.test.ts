import { describe, expect, it } from 'vitest';
import { loadVoiceConfig } from './voiceConfig.js';

describe('voice configuration', () => {
  it('defaults to off, with the standard ports and 10086 for the general hotline', () => {
    const c = loadVoiceConfig({});
    expect(c).toMatchObject({ mode: 'off', domain: 'omnicc.local', wsUrl: 'ws://127.0.0.1:8088', ports: { sip: 5060, ws: 8088, evapi: 8448, rtpengineNg: 2223, rtpMin: 30000, rtpMax: 40000 } });
    expect([...c.numbers]).toStrictEqual([['10086', 'voice-general']]);
    expect(c.queueAnnouncement).toBe('tone');
  });

  it('takes the queue announcement as tone, off or a file on rtpengine\'s host', () => {
    expect(loadVoiceConfig({ OMNICC_QUEUE_ANNOUNCEMENT: 'off' }).queueAnnouncement).toBe('off');
    expect(loadVoiceConfig({ OMNICC_QUEUE_ANNOUNCEMENT: '/srv/ivr/queue-zh.wav' }).queueAnnouncement).toStrictEqual({ file: '/srv/ivr/queue-zh.wav' });
  });

  it('reads service numbers, ports and the softphone URL', () => {
    const c = loadVoiceConfig({ OMNICC_VOICE: 'external', OMNICC_SERVICE_NUMBERS: '10086=voice-general, +8610010 = voice-vip', OMNICC_SIP_WS_URL: 'wss://sip.example.com/ws', OMNICC_OUTBOUND_GATEWAY: 'trunk.example.com:5060' });
    expect([...c.numbers]).toStrictEqual([
      ['10086', 'voice-general'],
      ['+8610010', 'voice-vip'],
    ]);
    expect(c).toMatchObject({ mode: 'external', wsUrl: 'wss://sip.example.com/ws', outboundGateway: 'trunk.example.com:5060' });
  });

  it.each([
    [{ OMNICC_VOICE: 'maybe' }, 'OMNICC_VOICE'],
    [{ OMNICC_SERVICE_NUMBERS: '10086' }, 'OMNICC_SERVICE_NUMBERS'],
    [{ OMNICC_SERVICE_NUMBERS: 'abc=voice' }, 'OMNICC_SERVICE_NUMBERS'],
    [{ OMNICC_SIP_PORT: '70000' }, 'OMNICC_SIP_PORT'],
    [{ OMNICC_SIP_DOMAIN: 'bad domain' }, 'OMNICC_SIP_DOMAIN'],
    [{ OMNICC_RTP_PORT_MIN: '30000', OMNICC_RTP_PORT_MAX: '30010' }, 'OMNICC_RTP_PORT_MAX'],
    [{ OMNICC_OUTBOUND_GATEWAY: 'no-port' }, 'OMNICC_OUTBOUND_GATEWAY'],
    [{ OMNICC_QUEUE_ANNOUNCEMENT: 'queue.wav' }, 'OMNICC_QUEUE_ANNOUNCEMENT'],
  ])('refuses %j, naming the variable', (env, name) => {
    expect(() => loadVoiceConfig(env)).toThrow(name);
  });
});
