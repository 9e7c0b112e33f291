import type { FastifyInstance } from 'fastify';
import { AppError, loginRequestSchema, type Session } from '@omnicc/shared';
import type { Store, UserRecord } from '../../store/Store.js';
import { iso } from '../../clock.js';
import { parseWith } from '../../http/errors.js';
import type { Authenticate } from './guard.js';
import type { LoginLimiter } from './loginLimiter.js';
import { verifyPassword } from './passwords.js';
import type { TokenService } from './tokens.js';

/** A fixed hash verified for unknown users, so timing does not reveal which usernames exist. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$y9xbuaPxLznIzd3eJnCd6Q$dkNggyt/8Jcqjhxv9scCA6r4oKR4MbFshCBGPVgO4FI';

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { store: Store; tokens: TokenService; authenticate: Authenticate; limiter: LoginLimiter },
): void {
  const session = async (user: Pick<UserRecord, 'id' | 'role' | 'displayName' | 'username'>): Promise<Session> => {
    const { token, expiresAt } = await deps.tokens.issue(user);
    return { token, expiresAt: iso(expiresAt), user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role } };
  };

  app.post('/api/auth/login', async (request) => {
    const body = parseWith(loginRequestSchema, request.body, 'login');
    const keys = [`u:${body.username.toLowerCase()}`, `ip:${request.ip}`];
    if (deps.limiter.isBlocked(keys)) throw new AppError('RATE_LIMITED', 'too many failed logins; try again later');
    const user = await deps.store.users.findByUsername(body.username);
    const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, body.password);
    if (!user || !valid) {
      deps.limiter.fail(keys);
      throw new AppError('UNAUTHENTICATED', 'wrong username or password');
    }
    deps.limiter.succeed(keys);
    return session(user);
  });

  /** Trades a still-valid token for a fresh one; the user is re-read so a deleted user cannot refresh. */
  app.post('/api/auth/refresh', async (request) => {
    const principal = await deps.authenticate(request);
    const user = await deps.store.users.findById(principal.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'user no longer exists');
    return session(user);
  });

  app.get('/api/me', async (request) => {
    const principal = await deps.authenticate(request);
    const user = await deps.store.users.findById(principal.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'user no longer exists');
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
  });
}
