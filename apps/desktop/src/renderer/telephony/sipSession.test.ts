import { describe, expect, it } from 'vitest';
import type { Invitation } from 'sip.js';
import { UserAgent } from 'sip.js';
import { consultHeaders, describeInvitation, sipAddress, sipfragStatus } from './sipSession.js';
import { SoftphoneError } from './softphone.js';

describe('SIP helpers', () => {
  it('reads routing\'s ids and a colleague\'s consult header from an INVITE', () => {
    const headers: Record<string, string> = { 'X-Omnicc-Interaction': ' i-1 ', 'X-Omnicc-Consult': 'i-7' };
    const invitation = {
      request: { callId: 'call-1', getHeader: (name: string) => headers[name] },
      remoteIdentity: { uri: UserAgent.makeURI('sip:wang@omnicc.local'), displayName: 'Wang Fang' },
    } as unknown as Invitation;
    expect(describeInvitation(invitation)).toEqual({ callId: 'call-1', offerId: null, interactionId: 'i-1', consultFor: 'i-7', number: 'wang', name: 'Wang Fang' });
  });

  it('dials numbers in our own domain and takes the server\'s transfer and consult addresses as they are', () => {
    expect(sipAddress('138 0013-8000', 'sip:wang@omnicc.local').toString()).toBe('sip:1380013-8000@omnicc.local');
    expect(sipAddress('sip:xfer-AbC_12-x@omnicc.local', 'sip:wang@omnicc.local').toString()).toBe('sip:xfer-AbC_12-x@omnicc.local');
    expect(sipAddress('sip:lina@omnicc.local', undefined).user).toBe('lina');
  });

  it('puts only an id into the consult header, never a second header', () => {
    expect(consultHeaders(null)).toEqual([]);
    expect(consultHeaders('00000000-0000-4000-8000-000000000001')).toEqual(['X-Omnicc-Consult: 00000000-0000-4000-8000-000000000001']);
    expect(() => consultHeaders('x\r\nX-Omnicc-Offer: forged')).toThrow(SoftphoneError);
  });

  it('reads the status of a transfer NOTIFY (message/sipfrag), and nothing from a body without one', () => {
    expect(sipfragStatus('SIP/2.0 100 Trying\r\n')).toBe(100);
    expect(sipfragStatus('SIP/2.0 410 Gone')).toBe(410);
    expect(sipfragStatus('  SIP/2.0 200 OK\r\nContent-Length: 0')).toBe(200);
    expect(sipfragStatus('')).toBeNull();
    expect(sipfragStatus(undefined)).toBeNull();
    expect(sipfragStatus('HTTP/1.1 200 OK')).toBeNull();
  });
});
