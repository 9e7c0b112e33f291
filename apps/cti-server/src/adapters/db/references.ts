import { inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { AppError } from '@omnicc/shared';
import type { Tx } from './db.js';
import { nameList } from './paging.js';
import type { translating } from './pgErrors.js';

/** SQLSTATE -> [code, message] map of `translating`, for maps kept in a constant. */
export type PgErrorMap = Parameters<typeof translating>[1];

/**
 * Throws BAD_REQUEST naming every value of `wanted` that `column` does not
 * hold ("unknown skill: x, y"). The caller's foreign key still guards a row
 * deleted after this check; this is for a message that names the culprit.
 */
export async function requireExisting(tx: Tx, table: PgTable, column: PgColumn, wanted: readonly string[], what: string): Promise<void> {
  if (wanted.length === 0) return;
  const rows = await tx.select({ v: column }).from(table).where(inArray(column, [...wanted]));
  const found = new Set(rows.map((r) => String(r.v)));
  const missing = wanted.filter((w) => !found.has(w));
  if (missing.length > 0) throw new AppError('BAD_REQUEST', `unknown ${what}: ${nameList(missing)}`);
}

/** "queues a, b; 2 agents": the non-empty parts of a reference report, or undefined when nothing refers. */
export function describeRefs(parts: readonly (string | false | undefined)[]): string | undefined {
  const present = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return present.length > 0 ? present.join('; ') : undefined;
}

/** BAD_REQUEST when a list names one thing twice (the zod contract refuses it first; this guards direct store callers). */
export function requireUnique(values: readonly string[], what: string): void {
  const twice = values.filter((v, i) => values.indexOf(v) !== i);
  if (twice.length > 0) throw new AppError('BAD_REQUEST', `${what} listed twice: ${nameList([...new Set(twice)])}`);
}
