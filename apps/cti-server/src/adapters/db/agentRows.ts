import type { AdminAgent, AgentRole } from '@omnicc/shared';
import type { AgentProfileFields } from '../../store/Store.js';
import type { agentProfiles, agentSkills, users } from './schema.js';

/** Capacity of an agent without a stored profile: the model's default. */
export const DEFAULT_CAPACITY = { voice: 1, chat: 3, email: 5, sms: 5 } as const;

/** A user row of an agent role, its profile row (if any) and its skill rows as an AdminAgent. */
export function toAdminAgent(
  user: typeof users.$inferSelect,
  profile: typeof agentProfiles.$inferSelect | null,
  skills: readonly (typeof agentSkills.$inferSelect)[],
): AdminAgent {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    // Callers select agent roles only.
    role: user.role as AgentRole,
    ...(profile?.teamId ? { teamId: profile.teamId } : {}),
    skills: skills.map((s) => ({ skill: s.skillCode, level: s.level })),
    capacity: profile
      ? { voice: profile.capacityVoice, chat: profile.capacityChat, email: profile.capacityEmail, sms: profile.capacitySms }
      : { ...DEFAULT_CAPACITY },
  };
}

/** Column values of a profile row. */
export const profileValues = (userId: string, p: AgentProfileFields): typeof agentProfiles.$inferInsert => ({
  userId,
  teamId: p.teamId ?? null,
  capacityVoice: p.capacity.voice,
  capacityChat: p.capacity.chat,
  capacityEmail: p.capacity.email,
  capacitySms: p.capacity.sms,
});

/** Rows of agent_skills, numbered in the order given. */
export const agentSkillRows = (userId: string, p: AgentProfileFields): (typeof agentSkills.$inferInsert)[] =>
  p.skills.map((s, position) => ({ userId, skillCode: s.skill, level: s.level, position }));
