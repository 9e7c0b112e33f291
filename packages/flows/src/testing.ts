import type { FlowDocument } from './schema/flowDocument.js';
import type { FlowEdge } from './schema/edges.js';
import type { FlowNode } from './schema/nodes.js';

/** Test fixtures shared by the package's tests (not exported from the package). */
export const at = { x: 0, y: 0 };

export const edge = (id: string, source: string, target: string, sourcePort = 'out', guard?: string): FlowEdge => ({ id, source, sourcePort, target, ...(guard === undefined ? {} : { guard }) });

/**
 * A small flow that validates clean against DEMO_FLOW_CATALOG and uses most
 * node kinds: ask the number and the fault, look the account up, create a
 * fault-report work order for no signal (SMS the number, tell the agent),
 * transfer anything else.
 */
export function sampleFlow(): FlowDocument {
  const nodes: FlowNode[] = [
    { id: 's', kind: 'start', position: at },
    {
      id: 'a',
      kind: 'ask',
      position: at,
      fields: [
        { variable: 'phone', label: '电话', input: 'phone', required: true },
        { variable: 'kind', label: '现象', input: 'choice', required: true },
      ],
    },
    { id: 'b', kind: 'addInCall', position: at, addInId: 'billing', operation: 'lookupAccount', input: { msisdn: 'phone' }, output: { arrears: 'arrears' } },
    { id: 'd', kind: 'decision', position: at },
    { id: 'w', kind: 'createWorkOrder', position: at, workOrderType: 'faultReport', fields: { account: 'phone', faultKind: 'kind', contactPhone: 'phone' }, resultVariable: 'ticket' },
    { id: 'm', kind: 'sendMessage', position: at, channel: 'sms', to: 'phone', body: '您的工单 {{ticket}} 已受理' },
    { id: 't', kind: 'script', position: at, text: '工单 {{ticket}} 已创建，客户 {{customer.name}}' },
    { id: 'e', kind: 'end', position: at, disposition: 'faultReport' },
    { id: 'x', kind: 'transfer', position: at, queueId: 'chat-general' },
  ];
  return {
    schemaVersion: 1,
    key: 'sample',
    name: 'Sample',
    description: '',
    variables: [
      { name: 'phone', type: 'phone' },
      { name: 'kind', type: 'choice', choices: [{ value: 'noSignal', label: '无信号' }, { value: 'slow', label: '网速慢' }] },
      { name: 'arrears', type: 'number', initial: 0 },
      { name: 'ticket', type: 'text' },
    ],
    nodes,
    edges: [
      edge('e1', 's', 'a'),
      edge('e2', 'a', 'b'),
      edge('e3', 'b', 'd', 'ok'),
      edge('e4', 'b', 'd', 'timeout'),
      edge('e5', 'b', 'd', 'error'),
      edge('e6', 'd', 'w', 'out', "kind == 'noSignal' && arrears <= 0"),
      edge('e7', 'd', 'x'),
      edge('e8', 'w', 'm', 'ok'),
      edge('e9', 'w', 'x', 'error'),
      edge('e10', 'm', 't', 'ok'),
      edge('e11', 'm', 't', 'error'),
      edge('e12', 't', 'e'),
    ],
    tests: [],
  };
}
