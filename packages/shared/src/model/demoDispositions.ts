import type { DictionaryEntry } from './domain.js';

/**
 * The demo operator's wrap-up codes (小结): the server's demo seed loads them
 * into the dictionary, and the flows package's demo catalog offers them to
 * the example flows' end nodes. One list, so the two cannot drift apart.
 */
export const DEMO_DISPOSITIONS: readonly DictionaryEntry[] = [
  { code: 'resolved', labels: { en: 'Resolved', 'zh-CN': '已解决' } },
  { code: 'billingQuery', labels: { en: 'Billing query', 'zh-CN': '话费查询' } },
  { code: 'planChange', labels: { en: 'Plan change', 'zh-CN': '套餐变更' } },
  { code: 'faultReport', labels: { en: 'Fault report', 'zh-CN': '故障申告' } },
  { code: 'complaint', labels: { en: 'Complaint', 'zh-CN': '投诉' } },
  { code: 'followUp', labels: { en: 'Needs follow-up', 'zh-CN': '需回访' } },
  { code: 'noResponse', labels: { en: 'Customer did not respond', 'zh-CN': '客户无应答' } },
];
