import { asc, eq } from 'drizzle-orm';
import type { Skill } from '@omnicc/shared';
import type { CodedRepository } from '../../store/Store.js';
import type { Db } from './db.js';
import { createLabelledCodesRepo } from './labelledCodesRepo.js';
import { nameList } from './paging.js';
import { describeRefs } from './references.js';
import { agentSkills, queueSkills, skills, users } from './schema.js';

/** Skills, listed in the order they were added; one that a queue requires or an agent holds cannot be deleted. */
export function createSkillsRepo(db: Db): CodedRepository<Skill> {
  return createLabelledCodesRepo(db, skills, {
    what: 'skill',
    async referencedBy(tx, code) {
      const queues = await tx.select({ id: queueSkills.queueId }).from(queueSkills).where(eq(queueSkills.skillCode, code)).orderBy(asc(queueSkills.queueId));
      const agents = await tx
        .select({ name: users.username })
        .from(agentSkills)
        .innerJoin(users, eq(users.id, agentSkills.userId))
        .where(eq(agentSkills.skillCode, code))
        .orderBy(asc(users.username));
      return describeRefs([
        queues.length > 0 && `queues ${nameList(queues.map((q) => q.id))}`,
        agents.length > 0 && `agents ${nameList(agents.map((a) => a.name))}`,
      ]);
    },
  });
}
