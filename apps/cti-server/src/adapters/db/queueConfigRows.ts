import type { QueueConfig } from '@omnicc/shared';
import type { queueSkills, queues } from './schema.js';

type QueueRow = typeof queues.$inferSelect;

/** A stored queue and its required skills (in their stored order) as a QueueConfig. */
export function toQueueConfig(r: QueueRow, required: QueueConfig['requiredSkills']): QueueConfig {
  return {
    id: r.id,
    channel: r.channel,
    nameEn: r.nameEn,
    nameZh: r.nameZh,
    requiredSkills: required,
    priority: r.priority,
    serviceLevel: { percent: r.serviceLevelPercent, seconds: r.serviceLevelSeconds },
    offerTimeoutSeconds: r.offerTimeoutSeconds,
    maxWaitSeconds: r.maxWaitSeconds,
    ...(r.overflowQueueId !== null ? { overflowQueueId: r.overflowQueueId } : {}),
    selection: r.selection,
    stickySeconds: r.stickySeconds,
    wrapUpSeconds: r.wrapUpSeconds,
  };
}

/** Column values of a QueueConfig (without the id, which an update does not change). */
export function queueValues(q: QueueConfig): Omit<QueueRow, 'id'> {
  return {
    channel: q.channel,
    nameEn: q.nameEn,
    nameZh: q.nameZh,
    priority: q.priority,
    serviceLevelPercent: q.serviceLevel.percent,
    serviceLevelSeconds: q.serviceLevel.seconds,
    offerTimeoutSeconds: q.offerTimeoutSeconds,
    maxWaitSeconds: q.maxWaitSeconds,
    overflowQueueId: q.overflowQueueId ?? null,
    selection: q.selection,
    stickySeconds: q.stickySeconds,
    wrapUpSeconds: q.wrapUpSeconds,
  };
}

/** Rows of queue_skills for a config, numbered in the order given. */
export const queueSkillRows = (q: QueueConfig): (typeof queueSkills.$inferInsert)[] =>
  q.requiredSkills.map((s, position) => ({ queueId: q.id, skillCode: s.skill, minLevel: s.minLevel, position }));
