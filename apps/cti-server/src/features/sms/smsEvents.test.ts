import { describe, expect, it } from 'vitest';
import { SmsEventHub } from './smsEvents.js';

const message = { from: '+8613800138000', to: '10086', text: 'hi', receivedAt: new Date(0), parts: 1, missingParts: [] };

describe('gateway listeners', () => {
  it('waits for async listeners and reports success', async () => {
    const hub = new SmsEventHub(() => undefined);
    const stored: string[] = [];
    hub.on('inbound', async (m) => {
      await new Promise((r) => setTimeout(r, 10));
      stored.push(m.text);
    });
    expect(await hub.deliver('inbound', message)).toBe(true);
    expect(stored).toStrictEqual(['hi']);
  });

  it('runs the other listeners when one fails, reports the failure, and says not all took it', async () => {
    const errors: unknown[] = [];
    const hub = new SmsEventHub((err) => errors.push(err));
    const seen: string[] = [];
    hub.on('inbound', () => {
      throw new Error('store down');
    });
    hub.on('inbound', (m) => void seen.push(m.text));
    expect(await hub.deliver('inbound', message)).toBe(false);
    expect(seen).toStrictEqual(['hi']);
    expect(errors).toMatchObject([{ message: 'store down' }]);
  });

  it('stops calling a listener once unsubscribed', async () => {
    const hub = new SmsEventHub(() => undefined);
    let calls = 0;
    const off = hub.on('state', () => void calls++);
    await hub.deliver('state', 'connected');
    off();
    await hub.deliver('state', 'closed');
    expect(calls).toBe(1);
  });
});
