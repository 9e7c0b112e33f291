import { DEMO_DISPOSITIONS, WORK_ORDER_TYPE_DEFS } from '@omnicc/shared';
import type { CatalogField, FlowCatalog } from '../catalog.js';
import type { ValueType } from '../schema/variables.js';

const field = (name: string, type: ValueType, required: boolean, en: string, zh: string): CatalogField => ({ name, type, required, label: { en, 'zh-CN': zh } });

/** The work-order types a flow may create: the work-order feature's own list, without its SLAs. */
export const WORK_ORDER_CATALOG: FlowCatalog['workOrderTypes'] = WORK_ORDER_TYPE_DEFS.map(({ type, name, fields }) => ({ type, name, fields }));

const msisdn = field('msisdn', 'phone', true, 'Number', '号码');

/**
 * The catalog the demo server offers flows, and what the examples and tests
 * validate against: the seed's queues and dispositions (apps/cti-server
 * seed), the billing add-in's lookup and the work-order feature's types.
 */
export const DEMO_FLOW_CATALOG: FlowCatalog = {
  addIns: [
    {
      id: 'billing',
      name: { en: 'Billing (BSS)', 'zh-CN': '计费系统' },
      operations: [
        {
          name: 'lookupAccount',
          inputs: [msisdn],
          outputs: [
            field('balance', 'number', true, 'Balance (yuan)', '余额（元）'),
            field('arrears', 'number', true, 'Arrears (yuan)', '欠费（元）'),
            field('planName', 'text', true, 'Current plan', '当前套餐'),
            field('contractEndsOn', 'date', false, 'Contract ends on', '合约到期日'),
          ],
        },
      ],
    },
  ],
  // The work-order feature's types and fields (packages/shared), as the running server offers them.
  workOrderTypes: WORK_ORDER_CATALOG,
  queues: [
    { id: 'chat-general', name: '在线客服-综合 Web chat – general' },
    { id: 'chat-vip', name: '在线客服-VIP Web chat – VIP' },
    { id: 'voice-general', name: '热线-综合 Hotline – general' },
    { id: 'sms-general', name: '短信-综合 SMS – general' },
    { id: 'email-general', name: '邮件-综合 Email – general' },
  ],
  dispositions: DEMO_DISPOSITIONS,
};
