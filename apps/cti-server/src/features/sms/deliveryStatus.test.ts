import { describe, expect, it } from 'vitest';
import { deliveryStatusFromMessageState, deliveryStatusFromWord, isFinalStatus } from './deliveryStatus.js';

describe('delivery status', () => {
  it('maps the SMPP receipt words, in any case', () => {
    expect(deliveryStatusFromWord('DELIVRD')).toBe('delivered');
    expect(deliveryStatusFromWord('undeliv')).toBe('undeliverable');
    expect(deliveryStatusFromWord('EXPIRED')).toBe('expired');
    expect(deliveryStatusFromWord('REJECTD')).toBe('rejected');
    expect(deliveryStatusFromWord('ENROUTE')).toBe('enroute');
  });

  it('takes an unknown word (a CMPP failure code) as undeliverable', () => {
    expect(deliveryStatusFromWord('MK:0005')).toBe('undeliverable');
  });

  it('maps message_state numbers, and out-of-range ones to unknown', () => {
    expect(deliveryStatusFromMessageState(2)).toBe('delivered');
    expect(deliveryStatusFromMessageState(5)).toBe('undeliverable');
    expect(deliveryStatusFromMessageState(8)).toBe('rejected');
    expect(deliveryStatusFromMessageState(42)).toBe('unknown');
  });

  it('knows which states are final', () => {
    expect(isFinalStatus('delivered')).toBe(true);
    expect(isFinalStatus('undeliverable')).toBe(true);
    expect(isFinalStatus('enroute')).toBe(false);
    expect(isFinalStatus('unknown')).toBe(false);
  });
});
