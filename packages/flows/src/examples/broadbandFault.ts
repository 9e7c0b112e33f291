import type { FlowDocument } from '../schema/flowDocument.js';
import { cell, link } from './layout.js';

const yesNo = [
  { value: 'yes', label: '是 Yes' },
  { value: 'no', label: '否 No' },
];

/**
 * 宽带故障申告 (broadband fault report): ask what is wrong, have the customer
 * restart the modem first when they have not, otherwise create a
 * `faultReport` work order, confirm it by SMS and end.
 */
export const BROADBAND_FAULT_FLOW: FlowDocument = {
  schemaVersion: 1,
  key: 'broadband-fault',
  name: '宽带故障申告 Broadband fault report',
  description: '受理宽带故障：收集信息，引导自助重启，创建故障申告工单并短信告知客户。',
  variables: [
    { name: 'account', type: 'text', label: '宽带账号' },
    { name: 'contactPhone', type: 'phone', label: '联系电话' },
    {
      name: 'faultKind',
      type: 'choice',
      label: '故障现象',
      choices: [
        { value: 'noSignal', label: '无法上网 No connection' },
        { value: 'slow', label: '网速慢 Slow' },
        { value: 'dropping', label: '频繁掉线 Dropping' },
      ],
    },
    {
      name: 'modemLights',
      type: 'choice',
      label: '光猫指示灯',
      choices: [
        { value: 'normal', label: '正常 Normal' },
        { value: 'los', label: 'LOS 红灯 Red LOS' },
        { value: 'off', label: '不亮 Off' },
      ],
    },
    { name: 'restarted', type: 'choice', label: '已重启光猫', choices: yesNo },
    { name: 'resolvedNow', type: 'choice', label: '重启后恢复', choices: yesNo },
    { name: 'ticket', type: 'text', label: '工单号' },
  ],
  nodes: [
    { id: 'start', kind: 'start', position: cell(0, 0), label: '开始' },
    { id: 'greet', kind: 'script', position: cell(1, 0), label: '问候', text: '您好 {{customer.name}}，这里是宽带报障服务，请问宽带遇到了什么问题？' },
    {
      id: 'askFault',
      kind: 'ask',
      position: cell(2, 0),
      label: '故障信息',
      prompt: '请记录故障信息',
      fields: [
        { variable: 'account', label: '宽带账号', input: 'text', required: true, rules: { pattern: '[A-Za-z0-9]{6,20}', message: '宽带账号为 6-20 位字母或数字' } },
        { variable: 'faultKind', label: '故障现象', input: 'choice', required: true },
        { variable: 'contactPhone', label: '联系电话', input: 'phone', required: true },
      ],
    },
    {
      id: 'askModem',
      kind: 'ask',
      position: cell(3, 0),
      label: '光猫状态',
      prompt: '请客户查看光猫指示灯',
      fields: [
        { variable: 'modemLights', label: '光猫指示灯', input: 'choice', required: true },
        { variable: 'restarted', label: '是否已重启光猫', input: 'choice', required: true },
      ],
    },
    { id: 'needRestart', kind: 'decision', position: cell(4, 0), label: '需重启?' },
    { id: 'selfHelp', kind: 'script', position: cell(4, 1), label: '引导重启', text: '请客户拔掉光猫电源，等待 30 秒后重新接通，2 分钟后再试上网。' },
    { id: 'askResolved', kind: 'ask', position: cell(4, 2), label: '是否恢复', fields: [{ variable: 'resolvedNow', label: '重启后是否恢复', input: 'choice', required: true }] },
    { id: 'resolved', kind: 'decision', position: cell(4, 3), label: '已恢复?' },
    { id: 'endResolved', kind: 'end', position: cell(5, 3), label: '已解决', disposition: 'resolved' },
    {
      id: 'createOrder',
      kind: 'createWorkOrder',
      position: cell(5, 0),
      label: '故障单',
      workOrderType: 'faultReport',
      fields: { account: 'account', faultKind: 'faultKind', contactPhone: 'contactPhone', description: "'光猫指示灯：' + modemLights" },
      resultVariable: 'ticket',
    },
    { id: 'notify', kind: 'sendMessage', position: cell(6, 0), label: '短信告知', channel: 'sms', to: 'contactPhone', body: '【宽带报障】您的故障单 {{ticket}} 已受理，维修人员将在 24 小时内与您联系。' },
    { id: 'confirm', kind: 'script', position: cell(7, 0), label: '告知客户', text: '已为客户创建故障单 {{ticket}}，请告知维修人员将在 24 小时内联系。' },
    { id: 'endReported', kind: 'end', position: cell(8, 0), label: '已报障', disposition: 'faultReport' },
    { id: 'orderFailed', kind: 'script', position: cell(5, 1), label: '建单失败', text: '故障单创建失败，请向客户致歉并转接热线二线处理。' },
    { id: 'toHotline', kind: 'transfer', position: cell(6, 1), label: '转热线', queueId: 'voice-general' },
  ],
  edges: [
    link('e1', 'start', 'greet'),
    link('e2', 'greet', 'askFault'),
    link('e3', 'askFault', 'askModem'),
    link('e4', 'askModem', 'needRestart'),
    link('e5', 'needRestart', 'selfHelp', { guard: "restarted == 'no' && modemLights != 'los'", label: '未重启' }),
    link('e6', 'needRestart', 'createOrder', { label: '建单' }),
    link('e7', 'selfHelp', 'askResolved'),
    link('e8', 'askResolved', 'resolved'),
    link('e9', 'resolved', 'endResolved', { guard: "resolvedNow == 'yes'", label: '已恢复' }),
    link('e10', 'resolved', 'createOrder', { label: '未恢复' }),
    link('e11', 'createOrder', 'notify', { port: 'ok' }),
    link('e12', 'createOrder', 'orderFailed', { port: 'error' }),
    link('e13', 'notify', 'confirm', { port: 'ok' }),
    link('e14', 'notify', 'confirm', { port: 'error', label: '短信失败' }),
    link('e15', 'confirm', 'endReported'),
    link('e16', 'orderFailed', 'toHotline'),
  ],
  tests: [
    {
      id: 'reportNoSignal',
      name: '无法上网，已重启：建单并短信告知',
      context: { 'customer.name': '张三', today: '2026-01-01' },
      steps: [
        { action: 'next', node: 'greet' },
        { action: 'submit', node: 'askFault', values: { account: 'bj02881234', faultKind: 'noSignal', contactPhone: '13800138000' } },
        { action: 'submit', node: 'askModem', values: { modemLights: 'los', restarted: 'yes' } },
        { action: 'next', node: 'confirm' },
      ],
      effects: [
        { node: 'createOrder', outcome: 'ok', output: { number: 'FR-20260001' } },
        { node: 'notify', outcome: 'ok' },
      ],
      expect: {
        path: ['start', 'greet', 'askFault', 'askModem', 'needRestart', 'createOrder', 'notify', 'confirm', 'endReported'],
        variables: { ticket: 'FR-20260001', contactPhone: '+8613800138000' },
        disposition: 'faultReport',
        finished: true,
      },
    },
    {
      id: 'restartFixesIt',
      name: '未重启：引导重启后恢复',
      context: {},
      steps: [
        { action: 'next', node: 'greet' },
        { action: 'submit', node: 'askFault', values: { account: 'bj02881234', faultKind: 'slow', contactPhone: '13800138000' } },
        { action: 'submit', node: 'askModem', values: { modemLights: 'normal', restarted: 'no' } },
        { action: 'next', node: 'selfHelp' },
        { action: 'submit', node: 'askResolved', values: { resolvedNow: 'yes' } },
      ],
      effects: [],
      expect: { disposition: 'resolved', variables: { ticket: null } },
    },
    {
      id: 'orderFails',
      name: '建单失败：转热线二线',
      context: {},
      steps: [
        { action: 'next', node: 'greet' },
        { action: 'submit', node: 'askFault', values: { account: 'bj02881234', faultKind: 'dropping', contactPhone: '010-12345678' } },
        { action: 'submit', node: 'askModem', values: { modemLights: 'normal', restarted: 'yes' } },
        { action: 'next', node: 'orderFailed' },
      ],
      effects: [{ node: 'createOrder', outcome: 'error', message: '工单系统未上线' }],
      expect: { disposition: 'transferred', path: ['start', 'greet', 'askFault', 'askModem', 'needRestart', 'createOrder', 'orderFailed', 'toHotline'] },
    },
  ],
};
