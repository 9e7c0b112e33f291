import { DEMO_DISPOSITIONS } from '@omnicc/shared';
import type { CatalogField, FlowCatalog } from '../catalog.js';
import type { ValueType } from '../schema/variables.js';

const field = (name: string, type: ValueType, required: boolean, en: string, zh: string): CatalogField => ({ name, type, required, label: { en, 'zh-CN': zh } });
const contactPhone = field('contactPhone', 'phone', true, 'Contact phone', '联系电话');
const msisdn = field('msisdn', 'phone', true, 'Number', '号码');

/**
 * The catalog the demo server offers flows, and what the examples and tests
 * validate against: the seed's queues and dispositions (apps/cti-server
 * seed), the billing add-in and the work-order types of the glossary, which
 * issue 8 delivers for real (until then the server answers their nodes with
 * a clear error, not a stub).
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
  workOrderTypes: [
    { type: 'newInstall', name: { en: 'New install', 'zh-CN': '新装' }, fields: [field('address', 'text', true, 'Address', '装机地址'), field('product', 'text', true, 'Product', '产品'), contactPhone, field('appointmentDate', 'date', false, 'Appointment', '预约日期')] },
    { type: 'productChange', name: { en: 'Product change', 'zh-CN': '变更' }, fields: [msisdn, field('currentPlan', 'text', false, 'Current plan', '原套餐'), field('newPlan', 'text', true, 'New plan', '新套餐'), field('effectiveOn', 'date', true, 'Effective on', '生效日期')] },
    { type: 'scheduledCancel', name: { en: 'Scheduled cancel', 'zh-CN': '预约拆机' }, fields: [msisdn, field('cancelOn', 'date', true, 'Cancel on', '拆机日期'), field('reason', 'text', false, 'Reason', '原因')] },
    { type: 'cancel', name: { en: 'Cancel', 'zh-CN': '拆机' }, fields: [msisdn, field('reason', 'text', false, 'Reason', '原因')] },
    { type: 'terminalRepair', name: { en: 'Terminal repair', 'zh-CN': '终端维修' }, fields: [field('deviceModel', 'text', true, 'Device model', '终端型号'), field('fault', 'text', true, 'Fault', '故障描述'), contactPhone] },
    {
      type: 'faultReport',
      name: { en: 'Fault report', 'zh-CN': '故障申告' },
      fields: [field('account', 'text', true, 'Broadband account', '宽带账号'), field('faultKind', 'text', true, 'Fault', '故障现象'), field('description', 'text', false, 'Description', '详细描述'), contactPhone, field('appointmentDate', 'date', false, 'Visit date', '上门日期')],
    },
    {
      type: 'complaint',
      name: { en: 'Complaint', 'zh-CN': '投诉' },
      fields: [contactPhone, field('category', 'text', true, 'Category', '投诉类别'), field('description', 'text', true, 'Description', '投诉内容'), field('escalated', 'boolean', false, 'Escalated', '已升级')],
    },
  ],
  queues: [
    { id: 'chat-general', name: '在线客服-综合 Web chat – general' },
    { id: 'chat-vip', name: '在线客服-VIP Web chat – VIP' },
    { id: 'voice-general', name: '热线-综合 Hotline – general' },
    { id: 'sms-general', name: '短信-综合 SMS – general' },
    { id: 'email-general', name: '邮件-综合 Email – general' },
  ],
  dispositions: DEMO_DISPOSITIONS,
};
