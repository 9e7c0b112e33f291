import { asc, eq, inArray } from 'drizzle-orm';
import { AppError, type Team } from '@omnicc/shared';
import type { CodedRepository } from '../../store/Store.js';
import type { Db, Tx } from './db.js';
import { nameList, paged } from './paging.js';
import { PG, translating } from './pgErrors.js';
import { requireExisting, requireUnique, type PgErrorMap } from './references.js';
import { agentProfiles, queues, teamQueues, teams, users } from './schema.js';

async function withQueues(db: Db | Tx, rows: (typeof teams.$inferSelect)[]): Promise<Team[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(teamQueues)
    .where(inArray(teamQueues.teamId, rows.map((r) => r.id)))
    .orderBy(asc(teamQueues.teamId), asc(teamQueues.position));
  return rows.map((r) => ({ id: r.id, nameEn: r.nameEn, nameZh: r.nameZh, queueIds: links.filter((l) => l.teamId === r.id).map((l) => l.queueId) }));
}

async function writeQueues(tx: Tx, team: Team): Promise<void> {
  requireUnique(team.queueIds, 'queue');
  await requireExisting(tx, queues, queues.id, team.queueIds, 'queue');
  await tx.delete(teamQueues).where(eq(teamQueues.teamId, team.id));
  if (team.queueIds.length > 0) await tx.insert(teamQueues).values(team.queueIds.map((queueId, position) => ({ teamId: team.id, queueId, position })));
}

/** A queue deleted after our existence check still fails on its foreign key. */
const FK_GONE: PgErrorMap = { [PG.foreignKeyViolation]: ['BAD_REQUEST', 'a queue of the team no longer exists'] };

/** Teams and the queues they work, listed by id; a team with agents cannot be deleted. */
export function createTeamsRepo(db: Db): CodedRepository<Team> {
  const notFound = (id: string) => new AppError('NOT_FOUND', `team ${id} not found`);
  return {
    list: (page) =>
      paged(
        page,
        async (limit, offset) => withQueues(db, await db.select().from(teams).orderBy(asc(teams.id)).limit(limit).offset(offset)),
        () => db.$count(teams),
      ),

    async get(id) {
      const [team] = await withQueues(db, await db.select().from(teams).where(eq(teams.id, id)));
      return team;
    },

    create: (team) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const inserted = await tx.insert(teams).values({ id: team.id, nameEn: team.nameEn, nameZh: team.nameZh }).onConflictDoNothing().returning({ id: teams.id });
            if (inserted.length === 0) throw new AppError('CONFLICT', `team ${team.id} already exists`);
            await writeQueues(tx, team);
            return team;
          }),
        FK_GONE,
      ),

    update: (team) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const updated = await tx.update(teams).set({ nameEn: team.nameEn, nameZh: team.nameZh }).where(eq(teams.id, team.id)).returning({ id: teams.id });
            if (updated.length === 0) throw notFound(team.id);
            await writeQueues(tx, team);
            return team;
          }),
        FK_GONE,
      ),

    delete: (id) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const [row] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, id)).for('update');
            if (!row) throw notFound(id);
            const members = await tx
              .select({ name: users.username })
              .from(agentProfiles)
              .innerJoin(users, eq(users.id, agentProfiles.userId))
              .where(eq(agentProfiles.teamId, id))
              .orderBy(asc(users.username));
            if (members.length > 0) throw new AppError('CONFLICT', `team ${id} still has agents ${nameList(members.map((m) => m.name))}`);
            await tx.delete(teams).where(eq(teams.id, id));
          }),
        { [PG.foreignKeyViolation]: ['CONFLICT', `team ${id} still has agents`] },
      ),
  };
}
