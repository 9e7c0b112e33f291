import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';

/**
 * The socket.io adapter over Redis Streams, so a push from the routing owner
 * reaches sockets on every node and a socket can recover its missed packets
 * on any node. Keys and channels carry the deployment's prefix, so several
 * deployments (or test runs) can share one Redis.
 */
export async function createRedisAdapter(url: string, prefix: string): Promise<{ adapter: ServerOptions['adapter']; close(): Promise<void> }> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, connectionName: `${prefix}:socket.io` });
  // ioredis reconnects by itself; without a listener an outage would be an unhandled 'error' event.
  client.on('error', () => undefined);
  await client.connect();
  const adapter = createAdapter(client, {
    streamName: `${prefix}:socket.io`,
    channelPrefix: `${prefix}:socket.io`,
    sessionKeyPrefix: `${prefix}:sio-session:`,
    maxLen: 10_000,
    // Pushes are JSON (the shared contract has no binary): skip the binary scan.
    onlyPlaintext: true,
  }) as ServerOptions['adapter'];
  return {
    adapter,
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
