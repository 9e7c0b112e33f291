import { queueConfigSchema, routingSettingsSchema, type QueueConfig, type Skill, type Team } from '@omnicc/shared';
import type { CodedRepository, Store } from '../store/Store.js';

/** Skills of the operator's service desk (技能). */
export const DEMO_SKILLS: Skill[] = [
  { code: 'billing', labels: { en: 'Billing and charges', 'zh-CN': '话费账务' } },
  { code: 'broadband', labels: { en: 'Broadband', 'zh-CN': '宽带业务' } },
  { code: 'mobile', labels: { en: 'Mobile plans', 'zh-CN': '手机套餐' } },
  { code: 'vip', labels: { en: 'VIP service', 'zh-CN': 'VIP服务' } },
  { code: 'complaints', labels: { en: 'Complaints', 'zh-CN': '投诉处理' } },
  { code: 'english', labels: { en: 'English service', 'zh-CN': '英语服务' } },
];

/** Routing fields of the demo chat queues: VIP chats need the VIP skill, wait less, and overflow to the general queue. */
export const DEMO_QUEUE_CONFIGS: QueueConfig[] = [
  queueConfigSchema.parse({ id: 'chat-general', channel: 'chat', nameEn: 'Web chat – general', nameZh: '在线客服-综合', priority: 50 }),
  queueConfigSchema.parse({
    id: 'chat-vip',
    channel: 'chat',
    nameEn: 'Web chat – VIP',
    nameZh: '在线客服-VIP',
    priority: 80,
    requiredSkills: [{ skill: 'vip', minLevel: 5 }],
    serviceLevel: { percent: 90, seconds: 10 },
    maxWaitSeconds: 120,
    overflowQueueId: 'chat-general',
  }),
  // Calls ring an agent for 20 s; callers wait at most 5 minutes.
  queueConfigSchema.parse({ id: 'voice-general', channel: 'voice', nameEn: 'Hotline – general', nameZh: '热线-综合', priority: 60, offerTimeoutSeconds: 20, maxWaitSeconds: 300 }),
  // A texting customer is not watching a screen: lower priority than live channels.
  queueConfigSchema.parse({ id: 'sms-general', channel: 'sms', nameEn: 'SMS – general', nameZh: '短信-综合', priority: 30 }),
  // Mail is answered within the hour, not the minute: lowest priority, and it waits as long as the queue allows.
  queueConfigSchema.parse({ id: 'email-general', channel: 'email', nameEn: 'Email – general', nameZh: '邮件-综合', priority: 20, serviceLevel: { percent: 80, seconds: 3600 }, maxWaitSeconds: 86_400 }),
];

export const DEMO_TEAMS: Team[] = [
  { id: 'team-a', nameEn: 'Team A', nameZh: '一组', queueIds: ['chat-general', 'chat-vip', 'voice-general', 'sms-general', 'email-general'] },
];

/** Skills per demo agent (by username): agent1 serves VIPs, agent2 does not. */
const DEMO_PROFILES: Record<string, { skill: string; level: number }[]> = {
  agent1: [{ skill: 'billing', level: 8 }, { skill: 'broadband', level: 5 }, { skill: 'vip', level: 7 }],
  agent2: [{ skill: 'billing', level: 6 }, { skill: 'mobile', level: 7 }, { skill: 'english', level: 8 }],
  lead1: [{ skill: 'billing', level: 9 }, { skill: 'vip', level: 9 }, { skill: 'complaints', level: 9 }],
};

/** Creates the entity, or replaces it where its key exists already (what makes the demo seeds idempotent). */
export async function put<T, W extends { id?: string; code?: string }>(repo: CodedRepository<T, W>, entity: W): Promise<void> {
  const key = entity.id ?? entity.code ?? '';
  if (await repo.get(key)) await repo.update(entity);
  else await repo.create(entity);
}

/**
 * Routing data of the demo: skills, full queue configs, a team, agent
 * profiles and the default routing settings. Idempotent. Needs the queue
 * rows and users from seedDemoData first.
 */
export async function seedDemoRouting(store: Store): Promise<void> {
  for (const skill of DEMO_SKILLS) await put(store.skills, skill);
  // The general queue first: the VIP queue overflows into it.
  for (const queue of DEMO_QUEUE_CONFIGS) await put(store.queueConfigs, queue);
  for (const team of DEMO_TEAMS) await put(store.teams, team);
  for (const [username, skills] of Object.entries(DEMO_PROFILES)) {
    const user = await store.users.findByUsername(username);
    if (user) await store.agents.updateProfile(user.id, { teamId: 'team-a', skills, capacity: { voice: 1, chat: 3, email: 5, sms: 5 } });
  }
  await store.routingSettings.put(routingSettingsSchema.parse({}));
}
