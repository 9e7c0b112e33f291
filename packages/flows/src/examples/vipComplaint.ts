import type { FlowDocument } from '../schema/flowDocument.js';
import { cell, link } from './layout.js';

const VIP = "customer.tier in ['vipPlatinum', 'vipGold']";

/**
 * 大客户投诉 (VIP complaint): greet by tier, take the complaint, create a
 * `complaint` work order; an urgent complaint of a platinum or gold VIP is
 * escalated to the VIP queue, the others wait for the customer to confirm.
 */
export const VIP_COMPLAINT_FLOW: FlowDocument = {
  schemaVersion: 1,
  key: 'vip-complaint',
  name: '大客户投诉 VIP complaint',
  description: '按客户等级问候，受理投诉并创建投诉工单；VIP 紧急投诉升级转 VIP 队列。',
  variables: [
    {
      name: 'category',
      type: 'choice',
      label: '投诉类别',
      choices: [
        { value: 'billing', label: '计费争议 Billing' },
        { value: 'network', label: '网络质量 Network' },
        { value: 'service', label: '服务态度 Service' },
        { value: 'other', label: '其他 Other' },
      ],
    },
    { name: 'description', type: 'text', label: '投诉内容' },
    {
      name: 'severity',
      type: 'choice',
      label: '紧急程度',
      choices: [
        { value: 'normal', label: '一般 Normal' },
        { value: 'urgent', label: '紧急 Urgent' },
      ],
    },
    { name: 'contactPhone', type: 'phone', label: '联系电话' },
    { name: 'escalated', type: 'boolean', label: '已升级', initial: false },
    { name: 'ticket', type: 'text', label: '投诉单号' },
    { name: 'customerReply', type: 'text', label: '客户回复' },
  ],
  nodes: [
    { id: 'start', kind: 'start', position: cell(0, 0), label: '开始' },
    { id: 'byTier', kind: 'decision', position: cell(1, 0), label: '客户等级' },
    { id: 'vipGreet', kind: 'script', position: cell(2, 0), label: 'VIP 问候', text: '尊敬的 {{customer.name}}，您是我们的 VIP 客户，我们将优先处理您的问题，请讲。' },
    { id: 'greet', kind: 'script', position: cell(2, 1), label: '问候', text: '您好 {{customer.name}}，请描述您遇到的问题。' },
    {
      id: 'askComplaint',
      kind: 'ask',
      position: cell(3, 0),
      label: '投诉内容',
      fields: [
        { variable: 'category', label: '投诉类别', input: 'choice', required: true },
        { variable: 'description', label: '投诉内容', input: 'text', required: true, rules: { minLength: 5, maxLength: 500 } },
        { variable: 'severity', label: '紧急程度', input: 'choice', required: true },
        { variable: 'contactPhone', label: '联系电话', input: 'phone', required: true },
      ],
    },
    { id: 'needEscalate', kind: 'decision', position: cell(4, 0), label: '是否升级' },
    { id: 'markEscalated', kind: 'setVariable', position: cell(4, 1), label: '标记升级', assignments: [{ variable: 'escalated', value: 'true' }] },
    { id: 'createOrder', kind: 'createWorkOrder', position: cell(5, 0), label: '投诉单', workOrderType: 'complaint', fields: { contactPhone: 'contactPhone', category: 'category', description: 'description', escalated: 'escalated' }, resultVariable: 'ticket' },
    { id: 'afterOrder', kind: 'decision', position: cell(6, 0), label: '升级?' },
    { id: 'escalate', kind: 'script', position: cell(6, 1), label: '升级说明', text: '投诉单 {{ticket}} 已升级，请告知客户将转接 VIP 客户经理。' },
    { id: 'toVip', kind: 'transfer', position: cell(7, 1), label: '转 VIP', queueId: 'chat-vip' },
    { id: 'promise', kind: 'script', position: cell(7, 0), label: '告知时限', text: '已创建投诉单 {{ticket}}，我们将在 48 小时内回复，请问客户是否认可？' },
    { id: 'waitAnswer', kind: 'waitReply', position: cell(8, 0), label: '等待回复', timeoutSeconds: 300, replyVariable: 'customerReply' },
    { id: 'endComplaint', kind: 'end', position: cell(9, 0), label: '已受理', disposition: 'complaint' },
    { id: 'endNoReply', kind: 'end', position: cell(9, 1), label: '无应答', disposition: 'noResponse' },
    { id: 'orderFailed', kind: 'script', position: cell(5, 2), label: '建单失败', text: '投诉单创建失败，请转 VIP 客户经理人工受理。' },
  ],
  edges: [
    link('e1', 'start', 'byTier'),
    link('e2', 'byTier', 'vipGreet', { guard: VIP, label: 'VIP' }),
    link('e3', 'byTier', 'greet'),
    link('e4', 'vipGreet', 'askComplaint'),
    link('e5', 'greet', 'askComplaint'),
    link('e6', 'askComplaint', 'needEscalate'),
    link('e7', 'needEscalate', 'markEscalated', { guard: `severity == 'urgent' && ${VIP}`, label: '紧急 VIP' }),
    link('e8', 'needEscalate', 'createOrder'),
    link('e9', 'markEscalated', 'createOrder'),
    link('e10', 'createOrder', 'afterOrder', { port: 'ok' }),
    link('e11', 'createOrder', 'orderFailed', { port: 'error' }),
    link('e12', 'afterOrder', 'escalate', { guard: 'escalated', label: '已升级' }),
    link('e13', 'afterOrder', 'promise'),
    link('e14', 'escalate', 'toVip'),
    link('e15', 'promise', 'waitAnswer'),
    link('e16', 'waitAnswer', 'endComplaint', { port: 'reply' }),
    link('e17', 'waitAnswer', 'endNoReply', { port: 'timeout' }),
    link('e18', 'orderFailed', 'toVip'),
  ],
  tests: [
    {
      id: 'urgentVip',
      name: 'VIP 金卡紧急投诉：升级转 VIP 队列',
      context: { 'customer.name': '李总', 'customer.tier': 'vipGold' },
      steps: [
        { action: 'next', node: 'vipGreet' },
        { action: 'submit', node: 'askComplaint', values: { category: 'network', description: '公司专线连续两天中断', severity: 'urgent', contactPhone: '13600136000' } },
        { action: 'next', node: 'escalate' },
      ],
      effects: [{ node: 'createOrder', outcome: 'ok', output: { number: 'CP-20260001' } }],
      expect: {
        path: ['start', 'byTier', 'vipGreet', 'askComplaint', 'needEscalate', 'markEscalated', 'createOrder', 'afterOrder', 'escalate', 'toVip'],
        variables: { escalated: true, ticket: 'CP-20260001' },
        disposition: 'transferred',
      },
    },
    {
      id: 'ordinaryReplies',
      name: '普通客户投诉：客户回复认可',
      context: { 'customer.name': '王女士', 'customer.tier': 'ordinary' },
      steps: [
        { action: 'next', node: 'greet' },
        { action: 'submit', node: 'askComplaint', values: { category: 'billing', description: '本月话费多扣 20 元', severity: 'urgent', contactPhone: '13700137000' } },
        { action: 'next', node: 'promise' },
        { action: 'reply', node: 'waitAnswer', text: '可以，谢谢' },
      ],
      effects: [{ node: 'createOrder', outcome: 'ok', output: { number: 'CP-20260002' } }],
      expect: { disposition: 'complaint', variables: { escalated: false, customerReply: '可以，谢谢' } },
    },
    {
      id: 'noReply',
      name: 'VIP 一般投诉：客户未回复',
      context: { 'customer.tier': 'vipPlatinum' },
      steps: [
        { action: 'next', node: 'vipGreet' },
        { action: 'submit', node: 'askComplaint', values: { category: 'service', description: '营业厅服务态度差', severity: 'normal', contactPhone: '13500135000' } },
        { action: 'next', node: 'promise' },
        { action: 'timeout', node: 'waitAnswer' },
      ],
      effects: [{ node: 'createOrder', outcome: 'ok', output: { number: 'CP-20260003' } }],
      expect: { disposition: 'noResponse', variables: { escalated: false } },
    },
    {
      id: 'orderFails',
      name: '建单失败：转 VIP 客户经理',
      context: {},
      steps: [
        { action: 'next', node: 'greet' },
        { action: 'submit', node: 'askComplaint', values: { category: 'other', description: '其他问题需要处理', severity: 'normal', contactPhone: '13500135000' } },
        { action: 'next', node: 'orderFailed' },
      ],
      effects: [{ node: 'createOrder', outcome: 'error', message: 'work orders are not available yet' }],
      expect: { disposition: 'transferred', variables: { ticket: null } },
    },
  ],
};
