import { and, eq, gt, sql } from 'drizzle-orm';
import type { HeldLease, LeaseRepository } from '../../store/Store.js';
import { toIso, type Db } from './db.js';
import { leases } from './schema.js';

type LeaseRow = typeof leases.$inferSelect;

const toLease = (r: LeaseRow): HeldLease => ({ name: r.name, nodeId: r.nodeId, url: r.nodeUrl, token: r.token, expiresAt: toIso(r.expiresAt) });

/** `now() + ttl` by the database clock. */
const fromNow = (ttlMs: number) => sql`now() + ${Math.max(0, Math.ceil(ttlMs))}::integer * interval '1 millisecond'`;
/** Not expired by the database clock. */
const live = gt(leases.expiresAt, sql`now()`);

/**
 * Leases on one row per name. Every call is a single statement, so the
 * database serialises concurrent callers on the row; times are `now()`.
 */
export function createLeasesRepo(db: Db): LeaseRepository {
  return {
    async acquire(name, holder, ttlMs) {
      // A concurrent insert of the same name makes this one take the conflict
      // path against the committed row, whose WHERE then refuses a live lease of another node.
      const [row] = await db
        .insert(leases)
        .values({ name, nodeId: holder.nodeId, nodeUrl: holder.url, token: 1, expiresAt: fromNow(ttlMs) })
        .onConflictDoUpdate({
          target: leases.name,
          set: {
            nodeId: sql`excluded.node_id`,
            nodeUrl: sql`excluded.node_url`,
            // Same live holder: same token; otherwise the lease changes hands.
            token: sql`CASE WHEN leases.node_id = excluded.node_id AND leases.expires_at > now() THEN leases.token ELSE leases.token + 1 END`,
            expiresAt: sql`excluded.expires_at`,
          },
          setWhere: sql`leases.expires_at <= now() OR leases.node_id = excluded.node_id`,
        })
        .returning();
      return row && toLease(row);
    },

    async renew(name, nodeId, token, ttlMs) {
      const rows = await db
        .update(leases)
        .set({ expiresAt: fromNow(ttlMs) })
        .where(and(eq(leases.name, name), eq(leases.nodeId, nodeId), eq(leases.token, token), live))
        .returning({ name: leases.name });
      return rows.length > 0;
    },

    async release(name, nodeId, token) {
      // Truncated, not rounded to the column's ms: the lease must read as expired at once.
      await db
        .update(leases)
        .set({ expiresAt: sql`date_trunc('milliseconds', now())` })
        .where(and(eq(leases.name, name), eq(leases.nodeId, nodeId), eq(leases.token, token), live));
    },

    async current(name) {
      const [row] = await db.select().from(leases).where(and(eq(leases.name, name), live));
      return row && toLease(row);
    },
  };
}
