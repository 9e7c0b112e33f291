import { randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { AppError, roleSchema, type Role } from '@omnicc/shared';
import type { Clock } from '../../clock.js';

/** What a verified access token says about its bearer. */
export interface Principal {
  userId: string;
  role: Role;
  displayName: string;
  /** Expiry in epoch ms. */
  expiresAt: number;
}

/**
 * Short-lived HS256 access tokens. The secret comes from config; without one
 * (development) a random secret is made per process, so restarts log everyone out.
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string | undefined,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = secret ? new TextEncoder().encode(secret) : randomBytes(32);
  }

  async issue(user: { id: string; role: Role; displayName: string }): Promise<{ token: string; expiresAt: number }> {
    const nowSec = Math.floor(this.clock.now() / 1000);
    const exp = nowSec + this.ttlSeconds;
    const token = await new SignJWT({ role: user.role, name: user.displayName })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt(nowSec)
      .setExpirationTime(exp)
      .setAudience('omnicc')
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  /** Throws AppError TOKEN_EXPIRED or UNAUTHENTICATED; never returns a half-checked principal. */
  async verify(token: string): Promise<Principal> {
    const payload = await this.verified(token, 'omnicc', 'token');
    const role = roleSchema.safeParse(payload.role);
    if (!payload.sub || !role.success || typeof payload.name !== 'string' || !payload.exp) {
      throw new AppError('UNAUTHENTICATED', 'token has no valid subject or role');
    }
    return { userId: payload.sub, role: role.data, displayName: payload.name, expiresAt: payload.exp * 1000 };
  }

  /**
   * A short-lived capability to one resource for a URL that cannot carry an
   * Authorization header (an iframe's `src`). Its audience names the purpose,
   * so a ticket is never accepted as an access token nor for another purpose,
   * and it names the one resource it opens.
   */
  async issueTicket(purpose: string, userId: string, resourceId: string, ttlSeconds: number): Promise<{ ticket: string; expiresAt: number }> {
    const nowSec = Math.floor(this.clock.now() / 1000);
    const exp = nowSec + ttlSeconds;
    const ticket = await new SignJWT({ res: resourceId }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt(nowSec).setExpirationTime(exp).setAudience(`omnicc:${purpose}`).sign(this.key);
    return { ticket, expiresAt: exp * 1000 };
  }

  /** The user a ticket was issued to; TOKEN_EXPIRED, or UNAUTHENTICATED for a forged one, another purpose's or another resource's. */
  async verifyTicket(purpose: string, ticket: string, resourceId: string): Promise<{ userId: string }> {
    const payload = await this.verified(ticket, `omnicc:${purpose}`, 'ticket');
    if (!payload.sub || payload.res !== resourceId) throw new AppError('UNAUTHENTICATED', 'the ticket is for another resource');
    return { userId: payload.sub };
  }

  /** The payload of a JWT signed by us for `audience`, unexpired; coded errors only. */
  private async verified(jwt: string, audience: string, noun: string): Promise<JWTPayload> {
    try {
      return (await jwtVerify(jwt, this.key, { algorithms: ['HS256'], audience, currentDate: new Date(this.clock.now()) })).payload;
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED', `${noun} expired`);
      throw new AppError('UNAUTHENTICATED', `invalid ${noun}`);
    }
  }
}

/** Extracts the token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
