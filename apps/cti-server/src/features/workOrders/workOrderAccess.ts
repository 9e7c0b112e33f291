import { AppError, type WorkOrderState } from '@omnicc/shared';
import type { WorkOrderScope } from '../../adapters/db/workOrderQueries.js';
import type { WorkOrderRow } from '../../adapters/db/workOrdersRepo.js';
import type { Store } from '../../store/Store.js';
import type { Principal } from '../auth/tokens.js';

/**
 * Who may do what with work orders (docs/work-orders.md, "Roles"). Groups
 * are routing teams. Agents and team leads see the orders of their team and
 * those assigned to or created by them; supervisors and admins see all.
 * Agents work those orders but do not reject them and assign only
 * themselves; team leads, supervisors and admins assign anyone.
 */
export async function scopeOf(store: Store, principal: Principal): Promise<WorkOrderScope> {
  if (principal.role === 'supervisor' || principal.role === 'admin') return { all: true };
  const profile = await store.agents.profile(principal.userId);
  return { all: false, userId: principal.userId, groupId: profile?.teamId ?? null };
}

/** Whether `row` is within `scope` (the same rule as scopeCondition's SQL). */
export function inScope(row: Pick<WorkOrderRow, 'groupId' | 'assigneeId' | 'createdBy'>, scope: WorkOrderScope): boolean {
  if (scope.all) return true;
  return row.assigneeId === scope.userId || row.createdBy === scope.userId || (scope.groupId !== null && row.groupId === scope.groupId);
}

/** FORBIDDEN unless the caller's scope holds the order. */
export function mustSee(row: WorkOrderRow, scope: WorkOrderScope): void {
  if (!inScope(row, scope)) throw new AppError('FORBIDDEN', 'this work order is not in your group');
}

/** Moves only team leads and above make: turning a request down. */
const LEAD_ONLY_MOVES: readonly WorkOrderState[] = ['rejected'];

/** FORBIDDEN for a move the caller's role does not make. */
export function mustMayMove(principal: Principal, to: WorkOrderState): void {
  if (principal.role === 'agent' && LEAD_ONLY_MOVES.includes(to)) throw new AppError('FORBIDDEN', 'only a team lead rejects a work order');
}

/** FORBIDDEN when an agent assigns someone else or another group. */
export function mustMayAssign(principal: Principal, scope: WorkOrderScope, groupId: string | undefined, assigneeId: string | null | undefined): void {
  if (principal.role !== 'agent') return;
  const ownGroup = scope.all ? undefined : scope.groupId;
  if (groupId !== undefined && groupId !== ownGroup) throw new AppError('FORBIDDEN', 'an agent assigns within their own group only');
  if (assigneeId !== undefined && assigneeId !== null && assigneeId !== principal.userId) throw new AppError('FORBIDDEN', 'an agent assigns only themselves');
}
