import { and, arrayContains, eq, sql } from 'drizzle-orm';
import { AppError, CANNED_CHANNELS, cannedVariablesOf, type CannedChannel, type CannedResponse } from '@omnicc/shared';
import type { CannedResponseRepository, CannedResponseWrite } from '../../store/Store.js';
import { cannedResponses } from './cannedResponseSchema.js';
import type { Db } from './db.js';
import { paged } from './paging.js';
import { PG, translating } from './pgErrors.js';
import { users } from './schema.js';

const notFound = (id: string) => new AppError('NOT_FOUND', `canned response ${id} not found`);

/** The set of channels in CANNED_CHANNELS order, whatever order the admin gave. */
const channelSet = (channels: readonly CannedChannel[]): CannedChannel[] => CANNED_CHANNELS.filter((c) => channels.includes(c));

/** The columns written, from what the admin saved. */
const columns = (r: CannedResponseWrite) => ({
  channels: channelSet(r.channels),
  language: r.language,
  category: r.category,
  title: r.title,
  body: r.body,
  enabled: r.enabled,
  updatedBy: r.updatedBy ?? null,
});

const selection = {
  row: cannedResponses,
  editorName: users.displayName,
};

type Row = { row: typeof cannedResponses.$inferSelect; editorName: string | null };

function toResponse({ row: r, editorName }: Row): CannedResponse {
  return {
    id: r.id,
    channels: r.channels,
    language: r.language,
    category: r.category,
    title: r.title,
    body: r.body,
    enabled: r.enabled,
    bodyLength: r.body.length,
    variables: cannedVariablesOf(r.body),
    updatedAt: r.updatedAt.toISOString(),
    ...(r.updatedBy && editorName !== null ? { updatedBy: { id: r.updatedBy, displayName: editorName } } : {}),
  };
}

/**
 * Canned responses on PostgreSQL. The admin list goes by category, then id,
 * compared byte-wise (COLLATE "C") so that pages follow the same order on
 * every server, whatever its locale.
 */
export function createCannedResponsesRepo(db: Db): CannedResponseRepository {
  const select = () => db.select(selection).from(cannedResponses).leftJoin(users, eq(users.id, cannedResponses.updatedBy));
  const get = async (id: string) => {
    const [row] = await select().where(eq(cannedResponses.id, id));
    return row && toResponse(row);
  };
  const reread = async (id: string) => (await get(id)) ?? Promise.reject(notFound(id));
  return {
    list: (page) =>
      paged(
        page,
        async (limit, offset) =>
          (await select().orderBy(sql`${cannedResponses.category} COLLATE "C"`, sql`${cannedResponses.id} COLLATE "C"`).limit(limit).offset(offset)).map(toResponse),
        () => db.$count(cannedResponses),
      ),

    get,

    async create(r) {
      await translating(() => db.insert(cannedResponses).values({ id: r.id, ...columns(r) }), {
        [PG.uniqueViolation]: ['CONFLICT', `canned response ${r.id} already exists`],
      });
      return reread(r.id);
    },

    async update(r) {
      const updated = await db
        .update(cannedResponses)
        .set({ ...columns(r), updatedAt: sql`now()` })
        .where(eq(cannedResponses.id, r.id))
        .returning({ id: cannedResponses.id });
      if (updated.length === 0) throw notFound(r.id);
      return reread(r.id);
    },

    async delete(id) {
      const deleted = await db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning({ id: cannedResponses.id });
      if (deleted.length === 0) throw notFound(id);
    },

    async enabledFor(channel) {
      return (await select().where(and(eq(cannedResponses.enabled, true), arrayContains(cannedResponses.channels, [channel])))).map(toResponse);
    },
  };
}
