import { describe, expect, it } from 'vitest';
import { holdingAnswer } from './holdingAnswer.js';

const offer = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 30000 RTP/AVP 8 101',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=rtcp:30001',
  'a=sendrecv',
  'm=video 30002 RTP/AVP 96',
  'a=rtpmap:96 H264/90000',
  '',
].join('\r\n');

describe('holdingAnswer', () => {
  it("answers the caller's audio send-only on the discard port, keeping its codecs, and refuses other streams", () => {
    const answer = holdingAnswer(offer) ?? '';
    expect(answer.split('\r\n')).toStrictEqual([
      'v=0',
      'o=omnicc-queue 1 1 IN IP4 127.0.0.1',
      's=omnicc queue',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 9 RTP/AVP 8 101',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-15',
      'a=sendonly',
      'm=video 0 RTP/AVP 96',
      '',
    ]);
  });

  it('gives nothing for an offer without audio or with a broken media line', () => {
    expect(holdingAnswer('v=0\r\nm=video 5000 RTP/AVP 96\r\n')).toBeUndefined();
    expect(holdingAnswer('v=0\r\nm=audio\r\n')).toBeUndefined();
    expect(holdingAnswer('')).toBeUndefined();
  });
});
