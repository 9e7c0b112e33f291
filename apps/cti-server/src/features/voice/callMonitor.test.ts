import { describe, expect, it } from 'vitest';
import { withUniqueMids } from './callMonitor.js';

describe('the monitor offer', () => {
  it('gives each party its own mid and drops a BUNDLE group a copied leg brought along', () => {
    const sdp = ['v=0', 'a=group:BUNDLE 0', 'm=audio 1000 UDP/TLS/RTP/SAVPF 8', 'a=mid:0', 'a=sendonly', 'm=audio 1002 UDP/TLS/RTP/SAVPF 8', 'a=mid:0', 'a=sendonly', ''].join('\r\n');
    expect(withUniqueMids(sdp)).toBe(['v=0', 'm=audio 1000 UDP/TLS/RTP/SAVPF 8', 'a=mid:0', 'a=sendonly', 'm=audio 1002 UDP/TLS/RTP/SAVPF 8', 'a=mid:1', 'a=sendonly', ''].join('\r\n'));
  });
});
