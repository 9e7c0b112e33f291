import { describe, expect, it } from 'vitest';
import { deliveryOfParts, nextPartState, undeliveredError } from './outboundDelivery.js';

describe('outbound delivery from part receipts', () => {
  it('moves a part on, ignores a redelivered receipt, and never undoes a final state', () => {
    expect(nextPartState('', { status: 'enroute' })).toBe('enroute');
    expect(nextPartState('enroute', { status: 'delivered' })).toBe('delivered');
    expect(nextPartState('delivered', { status: 'delivered' })).toBeUndefined();
    expect(nextPartState('delivered', { status: 'enroute' })).toBeUndefined();
    expect(nextPartState('undeliverable', { status: 'delivered' })).toBeUndefined();
    // `unknown` is not final: the SMSC may still learn more.
    expect(nextPartState('unknown', { status: 'delivered' })).toBe('delivered');
  });

  it('is delivered when every part is, undelivered when one part ended otherwise', () => {
    expect(deliveryOfParts(['', ''], 2)).toBe('submitted');
    expect(deliveryOfParts(['delivered', ''], 2)).toBe('submitted');
    expect(deliveryOfParts(['delivered', 'enroute'], 2)).toBe('submitted');
    expect(deliveryOfParts(['delivered', 'delivered'], 2)).toBe('delivered');
    expect(deliveryOfParts(['delivered', 'expired'], 2)).toBe('undelivered');
    expect(deliveryOfParts(['rejected', ''], 2)).toBe('undelivered');
    expect(deliveryOfParts(['delivered'], 2)).toBe('submitted');
  });

  it('names the part and the gateway word of what was not delivered', () => {
    expect(undeliveredError(2, 3, { gatewayStatus: 'UNDELIV', errorCode: '034' })).toBe('part 2 of 3 not delivered: UNDELIV (error 034)');
    expect(undeliveredError(1, 1, { gatewayStatus: 'EXPIRED' })).toBe('not delivered: EXPIRED');
  });
});
