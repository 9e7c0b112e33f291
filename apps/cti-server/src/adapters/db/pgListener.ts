import type pg from 'pg';
import type { Logger } from 'pino';

/**
 * LISTEN on one PostgreSQL channel on a connection of its own (taken from
 * the pool for as long as it runs), calling `onNotify` for each NOTIFY. A
 * lost connection is replaced after `retryMs`; notifications sent while it
 * was down are lost, so whoever listens also polls (the listener only makes
 * the common case fast).
 */
export class PgListener {
  private client: pg.PoolClient | undefined;
  private running = false;
  private retry: NodeJS.Timeout | undefined;
  /** A connection is given back once, though its error event and a failed query may both report it. */
  private readonly released = new WeakSet<pg.PoolClient>();

  constructor(
    private readonly options: { pool: pg.Pool; channel: string; onNotify: () => void; log: Logger; retryMs?: number },
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`not a plain channel name: ${options.channel}`);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (!client || this.released.has(client)) return;
    this.released.add(client);
    client.removeAllListeners('notification');
    await client.query(`UNLISTEN ${this.options.channel}`).then(
      () => client.release(),
      (err: unknown) => client.release(err instanceof Error ? err : true),
    );
  }

  private async connect(): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.options.pool.connect();
      const connection = client;
      connection.on('notification', (n) => {
        if (n.channel === this.options.channel) this.options.onNotify();
      });
      connection.once('error', (err) => this.lost(connection, err));
      await connection.query(`LISTEN ${this.options.channel}`);
      if (!this.running) {
        this.client = connection;
        await this.stop();
        return;
      }
      this.client = connection;
    } catch (err) {
      if (client) this.lost(client, err);
      else this.scheduleRetry(err);
    }
  }

  private lost(client: pg.PoolClient, err: unknown): void {
    if (this.released.has(client)) return;
    this.released.add(client);
    if (this.client === client) this.client = undefined;
    client.removeAllListeners('notification');
    client.release(err instanceof Error ? err : true);
    this.scheduleRetry(err);
  }

  private scheduleRetry(err: unknown): void {
    if (!this.running) return;
    this.options.log.warn({ err, channel: this.options.channel }, 'LISTEN connection lost; reconnecting');
    this.retry = setTimeout(() => void this.connect(), this.options.retryMs ?? 1000);
    this.retry.unref();
  }
}
