import { AppError, type Role } from '@omnicc/shared';

/**
 * Who may connect to each socket namespace. Team leads also take
 * interactions; supervisors and admins watch but do not take them.
 */
export const NAMESPACE_ROLES = {
  agent: ['agent', 'teamLead'],
  supervisor: ['teamLead', 'supervisor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

/** Throws FORBIDDEN unless `role` is one of `allowed`. */
export function requireRole(role: Role, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(role)) {
    throw new AppError('FORBIDDEN', `role ${role} may not ${action}`);
  }
}
