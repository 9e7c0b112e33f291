import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { AGENT_ROLES, AppError, type AdminAgent } from '@omnicc/shared';
import type { AgentProfileFields, AgentRepository } from '../../store/Store.js';
import { agentSkillRows, profileValues, toAdminAgent } from './agentRows.js';
import type { Db, Tx } from './db.js';
import { paged } from './paging.js';
import { isUuid, PG, translating } from './pgErrors.js';
import { describeRefs, type PgErrorMap, requireExisting, requireUnique } from './references.js';
import { agentProfiles, agentSkills, agentStatusLog, interactions, skills, teams, users } from './schema.js';

const isAgent = inArray(users.role, [...AGENT_ROLES]);

async function load(db: Db | Tx, where: ReturnType<typeof and>, page?: { limit: number; offset: number }): Promise<AdminAgent[]> {
  const query = db.select({ user: users, profile: agentProfiles }).from(users).leftJoin(agentProfiles, eq(agentProfiles.userId, users.id)).where(where).orderBy(asc(users.username));
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  if (rows.length === 0) return [];
  const held = await db
    .select()
    .from(agentSkills)
    .where(inArray(agentSkills.userId, rows.map((r) => r.user.id)))
    .orderBy(asc(agentSkills.userId), asc(agentSkills.position));
  return rows.map((r) => toAdminAgent(r.user, r.profile, held.filter((s) => s.userId === r.user.id)));
}

async function loadOne(db: Db | Tx, id: string): Promise<AdminAgent | undefined> {
  if (!isUuid(id)) return undefined;
  const [agent] = await load(db, and(eq(users.id, id), isAgent));
  return agent;
}

/** Replaces the profile and skills of an agent, after checking that its team and skills exist. */
async function writeProfile(tx: Tx, userId: string, p: AgentProfileFields): Promise<void> {
  requireUnique(p.skills.map((s) => s.skill), 'skill');
  if (p.teamId !== undefined) await requireExisting(tx, teams, teams.id, [p.teamId], 'team');
  await requireExisting(tx, skills, skills.code, p.skills.map((s) => s.skill), 'skill');
  const values = profileValues(userId, p);
  await tx.insert(agentProfiles).values(values).onConflictDoUpdate({ target: agentProfiles.userId, set: values });
  await tx.delete(agentSkills).where(eq(agentSkills.userId, userId));
  const rows = agentSkillRows(userId, p);
  if (rows.length > 0) await tx.insert(agentSkills).values(rows);
}

/** Locks the agent's user row for the rest of the transaction; NOT_FOUND for other roles too. */
async function lockAgent(tx: Tx, id: string): Promise<void> {
  const [row] = isUuid(id) ? await tx.select({ id: users.id }).from(users).where(and(eq(users.id, id), isAgent)).for('update') : [];
  if (!row) throw new AppError('NOT_FOUND', `agent ${id} not found`);
}

/** Translations shared by every write: a team or skill deleted after our check, a taken username. */
const WRITE_ERRORS: PgErrorMap = {
  [PG.foreignKeyViolation]: ['BAD_REQUEST', 'the team or a skill no longer exists'],
  [PG.uniqueViolation]: ['CONFLICT', 'username is taken'],
};

/** Agents are users of role agent or teamLead plus an optional profile row; listed by username. */
export function createAgentsRepo(db: Db): AgentRepository {
  const reload = async (tx: Tx, id: string): Promise<AdminAgent> => {
    const agent = await loadOne(tx, id);
    if (!agent) throw new Error(`agent ${id} vanished inside its own transaction`);
    return agent;
  };
  return {
    list: (page) => paged(page, (limit, offset) => load(db, isAgent, { limit, offset }), () => db.$count(users, isAgent)),

    get: (id) => loadOne(db, id),

    async profile(id) {
      const agent = await loadOne(db, id);
      return agent && { userId: agent.id, ...(agent.teamId !== undefined ? { teamId: agent.teamId } : {}), skills: agent.skills, capacity: agent.capacity };
    },

    create: (a) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const [user] = await tx
              .insert(users)
              .values({ username: a.username, displayName: a.displayName, role: a.role, passwordHash: a.passwordHash })
              .onConflictDoNothing({ target: users.username })
              .returning({ id: users.id });
            if (!user) throw new AppError('CONFLICT', `username ${a.username} is taken`);
            await writeProfile(tx, user.id, a);
            return reload(tx, user.id);
          }),
        WRITE_ERRORS,
      ),

    update: (id, a) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            await lockAgent(tx, id);
            const [other] = await tx.select({ id: users.id }).from(users).where(eq(users.username, a.username));
            if (other && other.id !== id) throw new AppError('CONFLICT', `username ${a.username} is taken`);
            await tx.update(users).set({ username: a.username, displayName: a.displayName, role: a.role }).where(eq(users.id, id));
            await writeProfile(tx, id, a);
            return reload(tx, id);
          }),
        WRITE_ERRORS,
      ),

    updateProfile: (id, p) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            await lockAgent(tx, id);
            await writeProfile(tx, id, p);
            return reload(tx, id);
          }),
        WRITE_ERRORS,
      ),

    async setPasswordHash(id, passwordHash) {
      const updated = isUuid(id) ? await db.update(users).set({ passwordHash }).where(and(eq(users.id, id), isAgent)).returning({ id: users.id }) : [];
      if (updated.length === 0) throw new AppError('NOT_FOUND', `agent ${id} not found`);
    },

    delete: (id) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            await lockAgent(tx, id);
            // Reports point at the agent: history keeps them (profile and skills go with the user).
            const [handled] = await tx.select({ n: count() }).from(interactions).where(eq(interactions.agentId, id));
            const [statuses] = await tx.select({ n: count() }).from(agentStatusLog).where(eq(agentStatusLog.agentId, id));
            const handledCount = handled?.n ?? 0;
            const statusCount = statuses?.n ?? 0;
            const refs = describeRefs([handledCount > 0 && `${handledCount} interactions`, statusCount > 0 && `${statusCount} status changes`]);
            if (refs) throw new AppError('CONFLICT', `agent ${id} has history (${refs}) and cannot be deleted`);
            await tx.delete(users).where(eq(users.id, id));
          }),
        { [PG.foreignKeyViolation]: ['CONFLICT', `agent ${id} has history and cannot be deleted`] },
      ),
  };
}
