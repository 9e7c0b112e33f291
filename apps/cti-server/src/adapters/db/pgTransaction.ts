import type pg from 'pg';

/**
 * Runs `work` in one transaction on one pooled client: committed when it
 * resolves, rolled back (and the error rethrown) when it throws, so a
 * refused write leaves nothing behind. For repositories on plain pg.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
