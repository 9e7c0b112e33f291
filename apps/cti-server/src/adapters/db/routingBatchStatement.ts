import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Interaction, InteractionState } from '@omnicc/shared';
import type { Fence, InteractionEvent, NewOffer, RoutingWrite } from '../../store/Store.js';
import type { Db } from './db.js';
import { patchColumns, toInteraction } from './interactionRows.js';
import { isUuid, PG, pgErrorCode } from './pgErrors.js';
import { agentStatusLog, interactionEvents, interactions, leases, offers } from './schema.js';

/*
 * A batch of routing writes as one statement: the fence check, each
 * interaction's INSERT or conditional UPDATE, their events, the offer rows
 * and the agents' status rows are data-modifying CTEs of one autocommitted
 * statement. One round trip and one WAL flush, where BEGIN, a fence check,
 * a statement per write and COMMIT took one round trip each: on a call's way
 * to ringing an agent this is its one write, the new interaction and its
 * offer together (docs/performance.md).
 *
 * PostgreSQL runs a statement whole or not at all, so a refusal must fail
 * the statement: the final SELECT divides by zero unless the fence held and
 * every UPDATE found its row in an allowed state. The caller then runs the
 * batch again the long way (routingWritesRepo.ts), which finds out which
 * write was refused and says why, as it always did.
 */

/** SQLSTATE of the guard's division by zero. */
const REFUSED = '22012';
/** Why the one-statement path gave up: the long way decides what happens (and what the error says). */
const RETRY_CODES: ReadonlySet<string> = new Set([REFUSED, PG.foreignKeyViolation, PG.uniqueViolation, PG.invalidTextRepresentation]);

type StatusWrite = Extract<RoutingWrite, { kind: 'recordStatus' }>;
type CreateWrite = Extract<RoutingWrite, { kind: 'createInteraction' }>;
/** An offer ended without a requeue (accepted, abandoned): it answers with its interaction as the statement found it. */
type EndWrite = { cte: string; index: number; interactionId: string; write: Extract<RoutingWrite, { kind: 'endOffer' }> };

/** One interaction row the statement writes, and which writes of the batch it answers. */
interface RowWrite {
  cte: string;
  /** Inserted (a new interaction) or updated (a transition or an offer of a stored one). */
  source: { create: CreateWrite } | { update: Extract<RoutingWrite, { kind: 'transition' }> };
  events: InteractionEvent[];
  offer?: NewOffer;
  /** Batch indexes answered by this row; a new interaction offered at once answers its create as `queued`. */
  answers: { index: number; state?: InteractionState }[];
}

const columns = getTableColumns(interactions);
const columnName = (key: string): string => {
  const column = columns[key as keyof typeof columns];
  if (!column) throw new Error(`no interactions column ${key}`);
  return column.name;
};

const offeredEvent = (offer: NewOffer): InteractionEvent => ({ type: 'offered', at: offer.offeredAt, data: { offerId: offer.offerId, agentId: offer.agentId } });

/**
 * The writes this path takes: new interactions, transitions, offers opened
 * and status records, each interaction at most once (two changes of one row
 * in one statement would not see each other), except that a new one may be
 * offered at once (it is inserted `offered`); and offers ended without a
 * requeue (an accept), before anything else of the batch changes their
 * interaction: they answer with the row as it was, which is what the
 * statement reads. A requeue changes the row (and a re-offer of it often
 * follows in the same batch), so those go the long way.
 */
function plan(writes: readonly RoutingWrite[]): { rows: RowWrite[]; statuses: StatusWrite[]; ends: EndWrite[] } | undefined {
  const rows = new Map<string, RowWrite>();
  const statuses: StatusWrite[] = [];
  const ends: EndWrite[] = [];
  for (const [index, w] of writes.entries()) {
    if (w.kind === 'endOffer') {
      const { interactionId } = w;
      if (w.end.requeue || interactionId === undefined || !isUuid(interactionId) || !isUuid(w.offerId) || rows.has(interactionId)) return undefined;
      ends.push({ cte: `end_${index}`, index, interactionId, write: w });
      continue;
    }
    if (w.kind === 'recordStatus') {
      if (!isUuid(w.agentId)) return undefined;
      statuses.push(w);
      continue;
    }
    const id = w.kind === 'createInteraction' ? w.id : w.kind === 'openOffer' ? w.offer.interactionId : w.interactionId;
    const cte = `row_${index}`;
    const seen = rows.get(id);
    if (!isUuid(id)) return undefined;
    if (w.kind === 'openOffer') {
      if (!isUuid(w.offer.offerId) || !isUuid(w.offer.agentId)) return undefined;
      if (seen && (!('create' in seen.source) || seen.offer)) return undefined;
      if (seen) {
        seen.offer = w.offer;
        seen.events.push(offeredEvent(w.offer));
        seen.answers.push({ index });
        continue;
      }
      const change = { from: ['queued'], to: 'offered' } as const;
      rows.set(id, { cte, source: { update: { kind: 'transition', interactionId: id, change, event: offeredEvent(w.offer) } }, events: [offeredEvent(w.offer)], offer: w.offer, answers: [{ index }] });
      continue;
    }
    if (seen) return undefined;
    if (w.kind === 'createInteraction') {
      const created: InteractionEvent = { type: 'created', at: w.at, ...(w.interaction.outbound ? { data: { direction: 'outbound' } } : {}) };
      rows.set(id, { cte, source: { create: w }, events: [created], answers: [{ index, state: 'queued' }] });
    } else {
      rows.set(id, { cte, source: { update: w }, events: [w.event], answers: [{ index }] });
    }
  }
  return { rows: [...rows.values()], statuses, ends };
}

const ident = (name: string): SQL => sql`${sql.identifier(name)}`;
const jsonb = (value: unknown): SQL => sql`${value === undefined || value === null ? null : JSON.stringify(value)}::jsonb`;
const list = (items: SQL[], separator = ', '): SQL => sql.join(items, sql.raw(separator));

/** The row's INSERT (offered at once, if its offer is in the batch) or conditional UPDATE, returning it. */
function rowStatement(row: RowWrite): SQL {
  if ('create' in row.source) {
    const { id, interaction: i, at } = row.source.create;
    const values: [string, SQL][] = [
      [interactions.id.name, sql`${id}::uuid`],
      [interactions.channel.name, sql`${i.channel}`],
      [interactions.state.name, sql`${row.offer ? 'offered' : 'queued'}`],
      [interactions.queueId.name, sql`${i.queueId}`],
      [interactions.customerName.name, sql`${i.customer.name}`],
      [interactions.customerPhone.name, sql`${i.customer.phone ?? null}`],
      [interactions.customerEmail.name, sql`${i.customer.email ?? null}`],
      [interactions.customerTokenHash.name, sql`${i.customerTokenHash ?? null}`],
      [interactions.channelRef.name, sql`${i.channelRef ?? null}`],
      [interactions.createdAt.name, sql`${at}::timestamptz`],
    ];
    return sql`INSERT INTO ${interactions} (${list(values.map(([c]) => ident(c)))}) VALUES (${list(values.map(([, v]) => v))}) RETURNING *`;
  }
  const { interactionId, change } = row.source.update;
  const set = [sql`${ident(interactions.state.name)} = ${change.to}`];
  for (const [key, value] of Object.entries(patchColumns(change.patch))) set.push(sql`${ident(columnName(key))} = ${value}`);
  const from = list(change.from.map((s) => sql`${s}`));
  return sql`UPDATE ${interactions} SET ${list(set)} WHERE ${ident(interactions.id.name)} = ${interactionId}::uuid AND ${ident(interactions.state.name)} IN (${from}) RETURNING *`;
}

function statement({ rows, statuses, ends }: NonNullable<ReturnType<typeof plan>>, fence: Fence | undefined): SQL {
  const ctes: SQL[] = [];
  if (fence) {
    const l = leases;
    ctes.push(sql`fence AS (SELECT 1 FROM ${l} WHERE ${ident(l.name.name)} = ${fence.lease} AND ${ident(l.nodeId.name)} = ${fence.nodeId} AND ${ident(l.token.name)} = ${fence.token} AND ${ident(l.expiresAt.name)} > now() FOR SHARE)`);
  }
  for (const row of rows) ctes.push(sql`${ident(row.cte)} AS (${rowStatement(row)})`);
  const o = offers;
  for (const { cte, write } of ends) {
    const set = sql`${ident(o.endedAt.name)} = ${write.end.at}::timestamptz, ${ident(o.endReason.name)} = ${write.end.reason}`;
    ctes.push(sql`${ident(cte)} AS (UPDATE ${o} SET ${set} WHERE ${ident(o.id.name)} = ${write.offerId}::uuid AND ${ident(o.endedAt.name)} IS NULL RETURNING ${ident(o.interactionId.name)})`);
  }
  const events = rows.flatMap((row) => row.events.map((e) => sql`SELECT id, ${e.type}::text, ${e.at}::timestamptz, ${e.actorId ?? null}::text, ${jsonb(e.data)} FROM ${ident(row.cte)}`));
  if (events.length > 0) {
    // One INSERT for every event, in batch order: their ids keep it, as they did one statement at a time.
    const e = interactionEvents;
    ctes.push(sql`events AS (INSERT INTO ${e} (${list([e.interactionId, e.type, e.at, e.actorId, e.data].map((c) => ident(c.name)))}) ${list(events, ' UNION ALL ')})`);
  }
  const opened = rows.flatMap((row) => (row.offer ? [{ row, offer: row.offer }] : []));
  if (opened.length > 0) {
    const values = opened.map(({ row, offer }) => sql`SELECT ${offer.offerId}::uuid, id, ${offer.agentId}::uuid, ${offer.queueId}::text, ${offer.offeredAt}::timestamptz, ${offer.expiresAt}::timestamptz, ${jsonb(offer.explain)} FROM ${ident(row.cte)}`);
    ctes.push(sql`offers_opened AS (INSERT INTO ${o} (${list([o.id, o.interactionId, o.agentId, o.queueId, o.offeredAt, o.expiresAt, o.explain].map((c) => ident(c.name)))}) ${list(values, ' UNION ALL ')})`);
  }
  if (statuses.length > 0) {
    const s = agentStatusLog;
    const values = statuses.map((w) => sql`(${w.agentId}::uuid, ${w.status}::text, ${w.reasonCode ?? null}::text, ${w.at}::timestamptz)`);
    ctes.push(sql`statuses AS (INSERT INTO ${s} (${list([s.agentId, s.status, s.reasonCode, s.at].map((c) => ident(c.name)))}) VALUES ${list(values)})`);
  }
  const checks = [
    ...(fence ? [sql`EXISTS (SELECT 1 FROM fence)`] : []),
    ...rows.map((row) => sql`(SELECT count(*) FROM ${ident(row.cte)}) = 1`),
    // An offer of another interaction than the batch says: the long way (which trusts the offer row) decides.
    ...ends.map((end) => sql`NOT EXISTS (SELECT 1 FROM ${ident(end.cte)} WHERE ${ident(o.interactionId.name)} <> ${end.interactionId}::uuid)`),
  ];
  // The guard: a refused write or a lost lease fails the whole statement, so none of it is written. It is
  // in the output, so that the planner cannot drop it as unused.
  const guard = checks.length > 0 ? sql`SELECT 1 / (CASE WHEN ${list(checks, ' AND ')} THEN 1 ELSE 0 END) AS ok` : sql`SELECT 1 AS ok`;
  const answers = [
    ...rows.map((row) => sql`SELECT ${row.cte}::text AS row_cte, ${ident(row.cte)}.* FROM ${ident(row.cte)}`),
    // The statement's snapshot: the row before any change of this statement, as the offer's end found it.
    ...ends.map((end) => sql`SELECT ${end.cte}::text AS row_cte, ${interactions}.* FROM ${interactions} WHERE ${ident(interactions.id.name)} IN (SELECT ${ident(o.interactionId.name)} FROM ${ident(end.cte)})`),
  ];
  const results = answers.length > 0 ? list(answers, ' UNION ALL ') : sql`SELECT NULL::text AS row_cte WHERE false`;
  return sql`WITH ${list(ctes)} SELECT guard.ok, results.* FROM (${guard}) guard LEFT JOIN (${results}) results ON true`;
}

/** A raw row of the statement (snake_case, timestamps as text) -> the interaction. */
function rowToInteraction(raw: Record<string, unknown>): Interaction {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return toInteraction(row as typeof interactions.$inferSelect);
}

/**
 * Runs the batch as one statement. Resolves with each write's result, or
 * undefined when this path does not take the batch or gave up on it (a
 * refusal, a lost lease, an unknown agent or queue, a duplicate id): nothing
 * was written then, and the caller goes the long way. Other errors (the
 * database itself) are thrown.
 */
export async function commitAsOneStatement(db: Db, writes: readonly RoutingWrite[], fence: Fence | undefined): Promise<(Interaction | undefined)[] | undefined> {
  const planned = plan(writes);
  if (!planned) return undefined;
  let raws: Record<string, unknown>[];
  try {
    raws = (await db.execute<Record<string, unknown>>(statement(planned, fence))).rows;
  } catch (err) {
    if (RETRY_CODES.has(pgErrorCode(err) ?? '')) return undefined;
    throw err;
  }
  const results: (Interaction | undefined)[] = writes.map(() => undefined);
  const answers = new Map<string, RowWrite['answers']>();
  for (const row of planned.rows) answers.set(row.cte, row.answers);
  for (const end of planned.ends) answers.set(end.cte, [{ index: end.index }]);
  for (const raw of raws) {
    const answered = typeof raw.row_cte === 'string' ? answers.get(raw.row_cte) : undefined;
    if (!answered) continue;
    const after = rowToInteraction(raw);
    for (const { index, state } of answered) results[index] = state ? { ...after, state } : after;
  }
  return results;
}
