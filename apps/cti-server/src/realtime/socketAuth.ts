import type { Namespace, Socket } from 'socket.io';
import { AppError, type Role } from '@omnicc/shared';
import type { Principal, TokenService } from '../features/auth/tokens.js';

/** Socket data of an authenticated staff connection. */
export interface StaffSocketData {
  principal: Principal;
}

/**
 * Refuses the connection unless `auth.token` is a valid token of an allowed
 * role. The refusal reaches the client as `connect_error` whose message is
 * the code (UNAUTHENTICATED, TOKEN_EXPIRED, FORBIDDEN) and whose data is
 * `{ code, message }`.
 */
export function requireStaff(nsp: Namespace, tokens: TokenService, roles: readonly Role[]): void {
  nsp.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown>).token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
      next(connectError(new AppError('UNAUTHENTICATED', 'missing token')));
      return;
    }
    tokens.verify(token).then(
      (principal) => {
        if (!roles.includes(principal.role)) {
          next(connectError(new AppError('FORBIDDEN', `role ${principal.role} may not use ${nsp.name}`)));
          return;
        }
        (socket.data as StaffSocketData).principal = principal;
        next();
      },
      (err: unknown) => next(connectError(err instanceof AppError ? err : new AppError('UNAUTHENTICATED', 'invalid token'))),
    );
  });
}

export function connectError(err: AppError): Error & { data: { code: string; message: string } } {
  return Object.assign(new Error(err.code), { data: err.toJSON() });
}

/**
 * Disconnects the socket when its token expires, after telling it why. The
 * desktop renews before that with `session:renew`, which moves the deadline.
 */
export class SessionDeadline {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly now: () => number,
  ) {}

  set(expiresAt: number): void {
    if (this.timer) clearTimeout(this.timer);
    // setTimeout overflows past ~24.8 days; tokens live far shorter.
    const delay = Math.min(Math.max(0, expiresAt - this.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.socket.emit('session:error', { code: 'TOKEN_EXPIRED', message: 'token expired' });
      this.socket.disconnect(true);
    }, delay);
    this.timer.unref();
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
