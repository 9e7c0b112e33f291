/**
 * The baseline of bench/socket: a bare socket.io server (no auth, no
 * routing, no database) in its own process. On `run` it pushes `count`
 * events at `perSecond`, each to one connected client picked at random,
 * carrying its wall clock send time and padding to the size of a real offer.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send, type ToBareServer } from './protocol.js';
import { loadSocketIoServer, wallNow } from './serverDeps.js';
import { sleep } from './stats.js';

const { Server } = loadSocketIoServer();
const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 1024 * 1024 });

async function run(count: number, perSecond: number, payloadBytes: number): Promise<void> {
  const clients = [...io.sockets.sockets.values()];
  const pad = 'x'.repeat(Math.max(0, payloadBytes - 40));
  const start = wallNow();
  let sent = 0;
  for (let i = 0; i < count && clients.length > 0; i++) {
    const wait = start + (i * 1000) / perSecond - wallNow();
    if (wait > 0) await sleep(wait);
    const client = clients[Math.floor(Math.random() * clients.length)];
    client?.emit('push', { t: wallNow(), seq: i, pad });
    sent++;
  }
  send({ type: 'runDone', sent, clients: clients.length });
}

http.listen(0, '127.0.0.1', () => {
  send({ type: 'listening', port: (http.address() as AddressInfo).port, clients: 0 });
});

process.on('message', (m: ToBareServer) => {
  if (m.type === 'run') void run(m.count, m.perSecond, m.payloadBytes);
  else {
    void io.close();
    setTimeout(() => process.exit(0), 100);
  }
});
process.on('disconnect', () => process.exit(0));
