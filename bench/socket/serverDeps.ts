import { createRequire } from 'node:module';
import type * as SocketIoServer from 'socket.io';
import type * as SocketIoClient from 'socket.io-client';
import type Argon2 from 'argon2';
import type * as Pino from 'pino';

/**
 * socket.io, socket.io-client and argon2 (and pg, see ../store) are dependencies of
 * apps/cti-server, not of the repo root, so bench/ cannot import them by
 * name: they are loaded from the server's node_modules (the types come from
 * the same place through this folder's tsconfig `paths`).
 */
export { adminQuery, pg } from '../store/serverDeps.js';

const requireFromServer = createRequire(new URL('../../apps/cti-server/package.json', import.meta.url));
export const loadSocketIoServer = (): typeof SocketIoServer => requireFromServer('socket.io') as typeof SocketIoServer;
export const loadSocketIoClient = (): typeof SocketIoClient => requireFromServer('socket.io-client') as typeof SocketIoClient;
export const loadArgon2 = (): typeof Argon2 => requireFromServer('argon2') as typeof Argon2;
export const loadPino = (): typeof Pino => requireFromServer('pino') as typeof Pino;

/** Wall clock in ms with sub-ms resolution, comparable across processes of one machine. */
export const wallNow = (): number => performance.timeOrigin + performance.now();
