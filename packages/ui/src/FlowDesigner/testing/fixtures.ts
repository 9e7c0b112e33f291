import type { FlowCatalog, FlowDocument } from '@omnicc/flows';

/** A small catalog for the designer's tests and dev page: one add-in, two work-order types, queues, dispositions. */
export const SAMPLE_CATALOG: FlowCatalog = {
  addIns: [
    {
      id: 'billing',
      name: { en: 'Billing (BSS)', 'zh-CN': '计费系统' },
      operations: [
        {
          name: 'lookupAccount',
          inputs: [{ name: 'msisdn', type: 'phone', required: true, label: { en: 'Number', 'zh-CN': '号码' } }],
          outputs: [
            { name: 'balance', type: 'number', required: true, label: { en: 'Balance', 'zh-CN': '余额' } },
            { name: 'planName', type: 'text', required: true, label: { en: 'Plan', 'zh-CN': '套餐' } },
          ],
        },
      ],
    },
  ],
  workOrderTypes: [
    {
      type: 'faultReport',
      name: { en: 'Fault report', 'zh-CN': '故障申告' },
      fields: [
        { name: 'account', type: 'text', required: true, label: { en: 'Broadband account', 'zh-CN': '宽带账号' } },
        { name: 'contactPhone', type: 'phone', required: true, label: { en: 'Contact phone', 'zh-CN': '联系电话' } },
      ],
    },
    { type: 'complaint', name: { en: 'Complaint', 'zh-CN': '投诉' }, fields: [{ name: 'description', type: 'text', required: true }] },
  ],
  queues: [
    { id: 'general', name: 'General' },
    { id: 'vip', name: 'VIP' },
  ],
  dispositions: [
    { code: 'resolved', labels: { en: 'Resolved', 'zh-CN': '已解决' } },
    { code: 'workOrderCreated', labels: { en: 'Work order created', 'zh-CN': '已建工单' } },
  ],
};

/** A broadband fault flow: start, script, ask, billing lookup, decision, work order, ends. */
export const SAMPLE_FLOW: FlowDocument = {
  schemaVersion: 1,
  key: 'broadband-fault',
  name: 'Broadband fault',
  description: '',
  variables: [
    { name: 'account', type: 'text', label: 'Broadband account' },
    { name: 'balance', type: 'number', label: 'Balance' },
    { name: 'orderId', type: 'text' },
  ],
  nodes: [
    { id: 'n1', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'n2', kind: 'script', position: { x: 0, y: 110 }, label: 'Greeting', text: 'Hello {{customer.name}}, sorry about your broadband.' },
    { id: 'n3', kind: 'ask', position: { x: 0, y: 230 }, label: 'Account', fields: [{ variable: 'account', label: 'Broadband account', input: 'text', required: true }] },
    { id: 'n4', kind: 'addInCall', position: { x: 0, y: 350 }, label: 'Balance', addInId: 'billing', operation: 'lookupAccount', input: { msisdn: 'customer.phone' }, output: { balance: 'balance' } },
    { id: 'n5', kind: 'decision', position: { x: 0, y: 480 }, label: 'In arrears?' },
    { id: 'n6', kind: 'createWorkOrder', position: { x: -260, y: 600 }, workOrderType: 'faultReport', fields: { account: 'account', contactPhone: 'customer.phone' }, resultVariable: 'orderId' },
    { id: 'n7', kind: 'end', position: { x: -260, y: 730 }, disposition: 'workOrderCreated' },
    { id: 'n8', kind: 'transfer', position: { x: 260, y: 600 }, label: 'To billing', queueId: 'general' },
    { id: 'n9', kind: 'end', position: { x: 260, y: 480 }, label: 'Lookup failed', disposition: 'resolved' },
  ],
  edges: [
    { id: 'e1', source: 'n1', sourcePort: 'out', target: 'n2' },
    { id: 'e2', source: 'n2', sourcePort: 'out', target: 'n3' },
    { id: 'e3', source: 'n3', sourcePort: 'out', target: 'n4' },
    { id: 'e4', source: 'n4', sourcePort: 'ok', target: 'n5' },
    { id: 'e5', source: 'n5', sourcePort: 'out', target: 'n8', guard: 'balance < 0', label: 'arrears', priority: 0 },
    { id: 'e6', source: 'n5', sourcePort: 'out', target: 'n6', priority: 1 },
    { id: 'e7', source: 'n6', sourcePort: 'ok', target: 'n7' },
    { id: 'e8', source: 'n4', sourcePort: 'error', target: 'n9' },
    { id: 'e9', source: 'n4', sourcePort: 'timeout', target: 'n9' },
  ],
  tests: [],
};
