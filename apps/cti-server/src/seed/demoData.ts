import { DEMO_DISPOSITIONS, type DictionaryEntry, type Role } from '@omnicc/shared';
import type { QueueRecord, Store } from '../store/Store.js';
import { hashPassword } from '../features/auth/passwords.js';
import { seedDemoCannedResponses } from './demoCannedResponses.js';
import { seedDemoRouting } from './demoRouting.js';
import type pg from 'pg';
import { createPgFlowStore } from '../adapters/db/flowStore.js';
import { seedDemoCustomers } from './demoCustomers.js';
import { seedDemoFlows } from './demoFlows.js';
import { createPgKnowledgeStore } from '../adapters/db/knowledgeStore.js';
import { seedKnowledge } from './knowledgeSeed.js';

/** Demo logins printed by the start command. Demo only: never seed these in production. */
export const DEMO_USERS: { username: string; password: string; displayName: string; role: Role }[] = [
  { username: 'agent1', password: 'agent1-demo', displayName: '李娜 Li Na', role: 'agent' },
  { username: 'agent2', password: 'agent2-demo', displayName: '王强 Wang Qiang', role: 'agent' },
  { username: 'lead1', password: 'lead1-demo', displayName: '张伟 Zhang Wei', role: 'teamLead' },
  { username: 'super1', password: 'super1-demo', displayName: '陈静 Chen Jing', role: 'supervisor' },
  { username: 'admin', password: 'admin-demo', displayName: 'Administrator', role: 'admin' },
];

export const DEMO_QUEUES: QueueRecord[] = [
  { id: 'chat-general', channel: 'chat', nameEn: 'Web chat – general', nameZh: '在线客服-综合' },
  { id: 'chat-vip', channel: 'chat', nameEn: 'Web chat – VIP', nameZh: '在线客服-VIP' },
  { id: 'voice-general', channel: 'voice', nameEn: 'Hotline – general', nameZh: '热线-综合' },
  // Where inbound SMS goes by default (OMNICC_SMS_QUEUE).
  { id: 'sms-general', channel: 'sms', nameEn: 'SMS – general', nameZh: '短信-综合' },
  // Where a demo mailbox points (mailboxes are added in the admin API).
  { id: 'email-general', channel: 'email', nameEn: 'Email – general', nameZh: '邮件-综合' },
];

export const NOT_READY_REASONS: DictionaryEntry[] = [
  { code: 'break', labels: { en: 'Break', 'zh-CN': '小休' } },
  { code: 'lunch', labels: { en: 'Lunch', 'zh-CN': '用餐' } },
  { code: 'meeting', labels: { en: 'Meeting', 'zh-CN': '会议' } },
  { code: 'training', labels: { en: 'Training', 'zh-CN': '培训' } },
  { code: 'afterWork', labels: { en: 'Follow-up work', 'zh-CN': '事后处理' } },
  { code: 'missedOffer', labels: { en: 'Missed offer', 'zh-CN': '未接振铃' } },
];

export const DISPOSITIONS: readonly DictionaryEntry[] = DEMO_DISPOSITIONS;

/** Reference data every installation needs (queues, reason codes, wrap-up codes). Idempotent. */
export async function seedReferenceData(store: Store): Promise<void> {
  for (const q of DEMO_QUEUES) await store.queues.upsert(q);
  await store.dictionaries.upsertNotReadyReasons(NOT_READY_REASONS);
  await store.dictionaries.upsertDispositions(DISPOSITIONS);
}

/**
 * Reference data plus the demo users, routing and canned responses, and
 * (given the pool) the example service flows, published and bound.
 * Idempotent: re-running resets demo passwords.
 */
export async function seedDemoData(store: Store, pool?: pg.Pool): Promise<void> {
  await seedReferenceData(store);
  for (const u of DEMO_USERS) {
    await store.users.upsert({ username: u.username, displayName: u.displayName, role: u.role, passwordHash: await hashPassword(u.password) });
  }
  await seedDemoRouting(store);
  await seedDemoCannedResponses(store);
  if (pool) await seedDemoFlows(store, createPgFlowStore(pool), 'lead1');
  // The knowledge base's test-set articles, published by the team lead (once: editors' changes survive a restart).
  const lead = await store.users.findByUsername('lead1');
  if (pool && lead) await seedKnowledge(createPgKnowledgeStore(pool), { actorId: lead.id, at: new Date().toISOString() });
  // The customers behind the BSS simulator's demo subscribers, so the card pops for +86 138 0013 8000 … 8005.
  if (pool) await seedDemoCustomers(pool);
}
