import type { FastifyRequest } from 'fastify';
import { AppError, type Role } from '@omnicc/shared';
import { requireRole } from './roles.js';
import { bearerToken, type Principal, type TokenService } from './tokens.js';

/** Authenticates a REST call from its bearer token and checks the role. */
export type Authenticate = (request: FastifyRequest, roles?: readonly Role[]) => Promise<Principal>;

export function makeAuthenticate(tokens: TokenService): Authenticate {
  return async (request, roles) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AppError('UNAUTHENTICATED', 'missing bearer token');
    const principal = await tokens.verify(token);
    if (roles) requireRole(principal.role, roles, `${request.method} ${request.routeOptions.url ?? request.url}`);
    return principal;
  };
}
