import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { EvapiClient } from './evapiClient.js';
import { encodeNetstring } from './netstring.js';

describe('EvapiClient', () => {
  let server: Server | undefined;
  let client: EvapiClient | undefined;
  afterEach(async () => {
    await client?.close();
    await new Promise((r) => server?.close(r));
  });

  it('answers every chunk Kamailio sends with one blank at once, so the TCP ACK does not wait (Nagle on evapi)', async () => {
    let kamailio: Socket | undefined;
    const received: Buffer[] = [];
    server = createServer((s) => {
      kamailio = s;
      s.on('data', (d: Buffer) => received.push(d));
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const messages: unknown[] = [];
    const up = new Promise<void>((onConnected) => {
      client = new EvapiClient({ host: '127.0.0.1', port: (server?.address() as AddressInfo).port, log: pino({ level: 'silent' }), onMessage: (m) => messages.push(m), onConnected });
      client.start();
    });
    await up;
    kamailio?.write(encodeNetstring('{"event":"call.queued","callId":"c1"}'));
    await expect.poll(() => Buffer.concat(received).toString()).toBe(' ');
    expect(messages).toStrictEqual([{ event: 'call.queued', callId: 'c1' }]);
    // Commands go out whole after it; evapi skips the blanks between frames.
    client?.send({ cmd: 'sync' });
    await expect.poll(() => Buffer.concat(received).toString()).toBe(' 14:{"cmd":"sync"},');
  });
});
