import type { FlowDocument } from '../schema/flowDocument.js';
import { cell, link } from './layout.js';

/**
 * 套餐变更 (plan change): look the account up in billing (retry on a time-out,
 * follow up on an error), refuse while the customer is in arrears, warn
 * within a contract, then create a `productChange` work order and confirm
 * it by SMS.
 */
export const PLAN_CHANGE_FLOW: FlowDocument = {
  schemaVersion: 1,
  key: 'plan-change',
  name: '套餐变更 Plan change',
  description: '查询计费账户，欠费先缴费，合约期内提示，创建变更工单并短信确认。',
  variables: [
    { name: 'msisdn', type: 'phone', label: '办理号码' },
    { name: 'balance', type: 'number', label: '余额（元）' },
    { name: 'arrears', type: 'number', label: '欠费（元）' },
    { name: 'planName', type: 'text', label: '当前套餐' },
    { name: 'contractEndsOn', type: 'date', label: '合约到期日' },
    {
      name: 'newPlan',
      type: 'choice',
      label: '新套餐',
      choices: [
        { value: '5G畅享128', label: '5G畅享 128 元 5G Enjoy 128' },
        { value: '5G畅享198', label: '5G畅享 198 元 5G Enjoy 198' },
        { value: '全家享299', label: '全家享 299 元 Family 299' },
      ],
    },
    { name: 'effectiveOn', type: 'date', label: '生效日期' },
    { name: 'ticket', type: 'text', label: '受理单号' },
  ],
  nodes: [
    { id: 'start', kind: 'start', position: cell(0, 0), label: '开始' },
    { id: 'askNumber', kind: 'ask', position: cell(1, 0), label: '办理号码', prompt: '请核实机主身份后录入办理号码', fields: [{ variable: 'msisdn', label: '办理号码', input: 'phone', required: true }] },
    { id: 'lookup', kind: 'addInCall', position: cell(2, 0), label: '查询账户', addInId: 'billing', operation: 'lookupAccount', input: { msisdn: 'msisdn' }, output: { balance: 'balance', arrears: 'arrears', planName: 'planName', contractEndsOn: 'contractEndsOn' }, timeoutMs: 3000 },
    { id: 'lookupSlow', kind: 'script', position: cell(2, 1), label: '查询超时', text: '计费系统响应超时，请向客户致歉，稍候点击"下一步"重试查询。' },
    { id: 'lookupDown', kind: 'script', position: cell(2, 2), label: '查询失败', text: '计费系统暂不可用，请记录客户需求并告知稍后回访。' },
    { id: 'endFollowUp', kind: 'end', position: cell(3, 2), label: '待回访', disposition: 'followUp' },
    { id: 'checkAccount', kind: 'decision', position: cell(3, 0), label: '账户检查' },
    { id: 'inArrears', kind: 'script', position: cell(3, 1), label: '欠费提示', text: '客户当前欠费 {{arrears}} 元，需先缴清欠费才能变更套餐，请引导客户缴费。' },
    { id: 'endArrears', kind: 'end', position: cell(4, 1), label: '欠费结束', disposition: 'billingQuery' },
    { id: 'inContract', kind: 'script', position: cell(4, 0), label: '合约提示', text: '客户合约期至 {{contractEndsOn}}，合约期内变更为低档套餐需支付违约金，请向客户说明。' },
    {
      id: 'askPlan',
      kind: 'ask',
      position: cell(5, 0),
      label: '选择套餐',
      prompt: '客户当前套餐：{{planName}}，余额 {{balance}} 元。请选择新套餐和生效日期。',
      fields: [
        { variable: 'newPlan', label: '新套餐', input: 'choice', required: true },
        { variable: 'effectiveOn', label: '生效日期', input: 'date', required: true },
      ],
    },
    { id: 'checkDate', kind: 'decision', position: cell(6, 0), label: '日期检查' },
    { id: 'badDate', kind: 'script', position: cell(6, 1), label: '日期无效', text: '生效日期不能早于今天（{{today}}），请重新选择。' },
    { id: 'createOrder', kind: 'createWorkOrder', position: cell(7, 0), label: '变更工单', workOrderType: 'productChange', fields: { msisdn: 'msisdn', currentPlan: 'planName', newPlan: 'newPlan', effectiveOn: 'effectiveOn' }, resultVariable: 'ticket' },
    { id: 'notify', kind: 'sendMessage', position: cell(8, 0), label: '短信确认', channel: 'sms', to: 'msisdn', body: '【套餐变更】您已申请变更为{{newPlan}}，{{effectiveOn}} 起生效，受理单号 {{ticket}}。' },
    { id: 'done', kind: 'script', position: cell(9, 0), label: '办理完成', text: '已受理套餐变更（单号 {{ticket}}），新套餐 {{newPlan}} 将于 {{effectiveOn}} 生效。' },
    { id: 'endChanged', kind: 'end', position: cell(10, 0), label: '已变更', disposition: 'planChange' },
    { id: 'orderFailed', kind: 'script', position: cell(7, 1), label: '建单失败', text: '变更工单创建失败，请记录需求并告知客户稍后回访。' },
  ],
  edges: [
    link('e1', 'start', 'askNumber'),
    link('e2', 'askNumber', 'lookup'),
    link('e3', 'lookup', 'checkAccount', { port: 'ok' }),
    link('e4', 'lookup', 'lookupSlow', { port: 'timeout' }),
    link('e5', 'lookup', 'lookupDown', { port: 'error' }),
    link('e6', 'lookupSlow', 'lookup', { label: '重试' }),
    link('e7', 'lookupDown', 'endFollowUp'),
    link('e8', 'checkAccount', 'inArrears', { guard: 'arrears > 0', label: '欠费', priority: 1 }),
    link('e9', 'checkAccount', 'inContract', { guard: 'contractEndsOn != null && daysUntil(contractEndsOn) > 30', label: '合约期内', priority: 2 }),
    link('e10', 'checkAccount', 'askPlan'),
    link('e11', 'inArrears', 'endArrears'),
    link('e12', 'inContract', 'askPlan'),
    link('e13', 'askPlan', 'checkDate'),
    link('e14', 'checkDate', 'badDate', { guard: 'effectiveOn < today', label: '早于今天' }),
    link('e15', 'checkDate', 'createOrder'),
    link('e16', 'badDate', 'askPlan'),
    link('e17', 'createOrder', 'notify', { port: 'ok' }),
    link('e18', 'createOrder', 'orderFailed', { port: 'error' }),
    link('e19', 'notify', 'done', { port: 'ok' }),
    link('e20', 'notify', 'done', { port: 'error' }),
    link('e21', 'done', 'endChanged'),
    link('e22', 'orderFailed', 'endFollowUp'),
  ],
  tests: [
    {
      id: 'changeOk',
      name: '无欠费、合约将到期：变更成功',
      context: { today: '2026-01-01' },
      steps: [
        { action: 'submit', node: 'askNumber', values: { msisdn: '13912345678' } },
        { action: 'submit', node: 'askPlan', values: { newPlan: '5G畅享128', effectiveOn: '2026-02-01' } },
        { action: 'next', node: 'done' },
      ],
      effects: [
        { node: 'lookup', outcome: 'ok', output: { balance: 58.5, arrears: 0, planName: '4G飞享58', contractEndsOn: '2026-01-15' } },
        { node: 'createOrder', outcome: 'ok', output: { number: 'PC-20260001' } },
        { node: 'notify', outcome: 'ok' },
      ],
      expect: {
        path: ['start', 'askNumber', 'lookup', 'checkAccount', 'askPlan', 'checkDate', 'createOrder', 'notify', 'done', 'endChanged'],
        variables: { msisdn: '+8613912345678', ticket: 'PC-20260001', planName: '4G飞享58' },
        disposition: 'planChange',
      },
    },
    {
      id: 'arrearsFirst',
      name: '欠费：先缴费',
      context: { today: '2026-01-01' },
      steps: [
        { action: 'submit', node: 'askNumber', values: { msisdn: '13912345678' } },
        { action: 'next', node: 'inArrears' },
      ],
      effects: [{ node: 'lookup', outcome: 'ok', output: { balance: -35, arrears: 35, planName: '4G飞享58', contractEndsOn: null } }],
      expect: { disposition: 'billingQuery', variables: { arrears: 35 } },
    },
    {
      id: 'retryAfterTimeout',
      name: '计费超时后重试，合约期内提示，日期无效重选',
      context: { today: '2026-01-01' },
      steps: [
        { action: 'submit', node: 'askNumber', values: { msisdn: '13912345678' } },
        { action: 'next', node: 'lookupSlow' },
        { action: 'next', node: 'inContract' },
        { action: 'submit', node: 'askPlan', values: { newPlan: '5G畅享198', effectiveOn: '2025-12-01' } },
        { action: 'next', node: 'badDate' },
      ],
      effects: [
        { node: 'lookup', outcome: 'timeout' },
        { node: 'lookup', outcome: 'ok', output: { balance: 100, arrears: 0, planName: '5G畅享128', contractEndsOn: '2026-12-31' } },
      ],
      expect: {
        path: ['start', 'askNumber', 'lookup', 'lookupSlow', 'lookup', 'checkAccount', 'inContract', 'askPlan', 'checkDate', 'badDate', 'askPlan'],
        finished: false,
      },
    },
    {
      id: 'billingDown',
      name: '计费系统故障：待回访',
      context: {},
      steps: [
        { action: 'submit', node: 'askNumber', values: { msisdn: '13912345678' } },
        { action: 'next', node: 'lookupDown' },
      ],
      effects: [{ node: 'lookup', outcome: 'error', message: 'connection refused' }],
      expect: { disposition: 'followUp' },
    },
  ],
};
