import type { CannedResponseCreate } from '@omnicc/shared';
import type { Store } from '../store/Store.js';
import { put } from './demoRouting.js';

/**
 * Canned responses (常用语) of the operator's service desk, each in both
 * languages (ids `<name>-zh` and `<name>-en`): the bill checked, a refund on
 * the next bill, a broadband fault accepted under its ticket, the hand-over
 * to a colleague, and the closing line.
 */
export const DEMO_CANNED_RESPONSES: CannedResponseCreate[] = [
  {
    id: 'billChecked-zh',
    channels: ['email', 'chat'],
    language: 'zh-CN',
    category: '账单',
    title: '账单核实',
    body: '{{customer.name}}您好，我是客服{{agent.name}}。已为您核实本月账单，各项费用与您的套餐资费一致，未发现异常扣费。如对某一笔费用仍有疑问，请告诉我具体项目，我为您逐项说明。',
    enabled: true,
  },
  {
    id: 'billChecked-en',
    channels: ['email', 'chat'],
    language: 'en',
    category: 'Billing',
    title: 'Bill checked',
    body: "Dear {{customer.name}}, this is {{agent.name}}. I have checked this month's bill: every charge matches your plan's tariff, and there is no unexpected charge. If an item still looks wrong, tell me which one and I will go through it with you.",
    enabled: true,
  },
  {
    id: 'refundNextBill-zh',
    channels: ['email', 'sms', 'chat'],
    language: 'zh-CN',
    category: '账单',
    title: '退款说明',
    body: '{{customer.name}}您好，您反映的重复扣费已核实，多扣的费用将在下期账单中退还，无需另行办理。{{agent.name}} {{date}}',
    enabled: true,
  },
  {
    id: 'refundNextBill-en',
    channels: ['email', 'sms', 'chat'],
    language: 'en',
    category: 'Billing',
    title: 'Refund on the next bill',
    body: 'Dear {{customer.name}}, we have confirmed the double charge. The amount will be refunded on your next bill; there is nothing you need to do. {{agent.name}}, {{date}}',
    enabled: true,
  },
  {
    id: 'broadbandFault-zh',
    channels: ['email'],
    language: 'zh-CN',
    category: '宽带',
    title: '宽带报障受理',
    body: '{{customer.name}}您好：\n\n您的宽带故障申告已受理，受理编号 {{ticket}}。装维工程师将在24小时内与您联系并预约上门检修，请保持电话畅通。如故障已自行恢复，直接回复本邮件告知即可。\n\n{{agent.name}}\n{{mailbox.address}}',
    enabled: true,
  },
  {
    id: 'broadbandFault-en',
    channels: ['email'],
    language: 'en',
    category: 'Broadband',
    title: 'Broadband fault accepted',
    body: 'Dear {{customer.name}},\n\nYour broadband fault report has been accepted under reference {{ticket}}. A field engineer will call you within 24 hours to arrange a visit; please keep your phone at hand. If the fault clears by itself, just reply to this email.\n\n{{agent.name}}\n{{mailbox.address}}',
    enabled: true,
  },
  {
    id: 'transferToColleague-zh',
    channels: ['chat'],
    language: 'zh-CN',
    category: '服务',
    title: '转人工说明',
    body: '您好，您的问题需要专业坐席为您处理，正在为您转接，请稍候，不要关闭窗口。转接后无需重复描述问题，我已将情况备注给同事。',
    enabled: true,
  },
  {
    id: 'transferToColleague-en',
    channels: ['chat'],
    language: 'en',
    category: 'Service',
    title: 'Handing over to a colleague',
    body: 'Your question needs a specialist, so I am handing you over to a colleague now. Please wait and keep this window open; I have written down what you told me, so you will not have to repeat it.',
    enabled: true,
  },
  {
    id: 'closing-zh',
    channels: ['email', 'sms', 'chat'],
    language: 'zh-CN',
    category: '服务',
    title: '结束语',
    body: '感谢您的耐心，{{customer.name}}。请问还有其他可以帮您的吗？如没有，本次服务到此结束，祝您生活愉快！客服{{agent.name}}',
    enabled: true,
  },
  {
    id: 'closing-en',
    channels: ['email', 'sms', 'chat'],
    language: 'en',
    category: 'Service',
    title: 'Closing',
    body: 'Thank you for your patience, {{customer.name}}. Is there anything else I can help you with? If not, have a good day. {{agent.name}}',
    enabled: true,
  },
];

/** The demo's canned responses. Idempotent: re-running puts back the seeded wording, as the other demo seeds do. */
export async function seedDemoCannedResponses(store: Store): Promise<void> {
  for (const response of DEMO_CANNED_RESPONSES) await put(store.cannedResponses, response);
}
