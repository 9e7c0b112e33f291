import { z } from 'zod';
import { channelSchema } from './domain.js';

/** Customer tiers (客户分层): VIP platinum/gold/silver, loyal, potential, ordinary. */
export const TIERS = ['vipPlatinum', 'vipGold', 'vipSilver', 'loyal', 'potential', 'ordinary'] as const;
export const tierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof tierSchema>;

/** Codes are short machine names (letters, digits, - and _), shown through dictionaries. */
export const codeSchema = z.string().min(1).max(32).regex(/^[A-Za-z][A-Za-z0-9_-]*$/);

/** Skill levels run 1 (basic) to 10 (expert). */
export const skillLevelSchema = z.number().int().min(1).max(10);

export const skillSchema = z.object({
  code: codeSchema,
  labels: z.object({ en: z.string().min(1).max(80), 'zh-CN': z.string().min(1).max(80) }),
});
export type Skill = z.infer<typeof skillSchema>;

/** How a queue picks among eligible agents once skills are compared. */
export const AGENT_SELECTIONS = ['longestIdle', 'leastOccupied'] as const;

export const queueConfigSchema = z.object({
  id: codeSchema,
  channel: channelSchema,
  nameEn: z.string().min(1).max(80),
  nameZh: z.string().min(1).max(80),
  /** Skills an agent needs, each at a minimum level. */
  requiredSkills: z.array(z.object({ skill: codeSchema, minLevel: skillLevelSchema })).max(10).default([]),
  /** Base priority of the queue's interactions, 0 (lowest) to 100. */
  priority: z.number().int().min(0).max(100).default(50),
  /** Service-level target: `percent` of interactions answered within `seconds` (e.g. 80/20). */
  serviceLevel: z.object({ percent: z.number().min(1).max(100), seconds: z.number().int().min(1).max(3600) }).default({ percent: 80, seconds: 20 }),
  offerTimeoutSeconds: z.number().int().min(3).max(600).default(20),
  /** Longest wait before overflow (or a callback offer for voice). */
  maxWaitSeconds: z.number().int().min(10).max(86_400).default(600),
  /** Queue that takes interactions waiting past maxWait; must be another queue of the same channel. */
  overflowQueueId: codeSchema.optional(),
  selection: z.enum(AGENT_SELECTIONS).default('longestIdle'),
  /** A returning customer goes to their last agent within this window, if that agent can take it. 0 turns it off. */
  stickySeconds: z.number().int().min(0).max(30 * 86_400).default(3600),
  /** Wrap-up time after an interaction of this queue, before the agent is offered more. */
  wrapUpSeconds: z.number().int().min(0).max(3600).default(30),
});
export type QueueConfig = z.infer<typeof queueConfigSchema>;

/**
 * Capacity per channel: how many at once, alone. Mixed work adds up as
 * fractions of the agent (e.g. 2 chats + 1 email = 2/3 + 1/5); voice excludes
 * every other channel.
 */
export const channelCapacitySchema = z.object({
  voice: z.number().int().min(0).max(1).default(1),
  chat: z.number().int().min(0).max(10).default(3),
  email: z.number().int().min(0).max(20).default(5),
  sms: z.number().int().min(0).max(20).default(5),
});
export type ChannelCapacity = z.infer<typeof channelCapacitySchema>;

/** An agent as routing sees them: skills with levels, capacity, team. */
export const agentProfileSchema = z.object({
  userId: z.uuid(),
  teamId: codeSchema.optional(),
  skills: z.array(z.object({ skill: codeSchema, level: skillLevelSchema })).max(50).default([]),
  capacity: channelCapacitySchema.default({ voice: 1, chat: 3, email: 5, sms: 5 }),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

export const teamSchema = z.object({
  id: codeSchema,
  nameEn: z.string().min(1).max(80),
  nameZh: z.string().min(1).max(80),
  /** Queues the team works; supervisors of the team see these. */
  queueIds: z.array(codeSchema).max(100).default([]),
});
export type Team = z.infer<typeof teamSchema>;

/** Global routing settings: tier bonuses and aging, in priority points. */
export const routingSettingsSchema = z.object({
  tierBonus: z.record(tierSchema, z.number().min(0).max(100)).default({ vipPlatinum: 50, vipGold: 40, vipSilver: 30, loyal: 15, potential: 5, ordinary: 0 }),
  /** Priority points gained per second of waiting, so nobody starves. */
  agingPerSecond: z.number().min(0).max(10).default(0.5),
  /** Missed offers in a row before the agent is set not ready ("missedOffer"). */
  maxMissedOffers: z.number().int().min(1).max(20).default(2),
  /** How long a disconnected agent keeps their assignments before they are re-queued. */
  disconnectGraceSeconds: z.number().int().min(0).max(3600).default(60),
  /** How long an agent who rejected or missed an interaction is skipped for it. */
  declineCooldownSeconds: z.number().int().min(0).max(3600).default(30),
});
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;
