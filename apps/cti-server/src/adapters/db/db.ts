import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { schema } from './schema.js';

/** The drizzle handle every repository works on. */
export type Db = NodePgDatabase<typeof schema>;

/** Transaction handle passed to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Wraps a pg pool (or one checked-out client) in drizzle with our schema. */
export function createDb(client: pg.Pool | pg.PoolClient): Db {
  return drizzle(client, { schema });
}

/** Date -> the Store's ISO string (ms precision, `Z`). */
export const toIso = (d: Date): string => d.toISOString();

/** ISO string -> Date for a timestamptz column; rejects garbage instead of storing NaN. */
export function fromIso(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an ISO-8601 timestamp: ${iso}`);
  return d;
}
