import type { FlowRunView } from '@omnicc/shared';
import { uuid } from './fixtures.js';

const AT = '2026-03-01T08:00:00.000Z';

/** A step of a run's path: `seq` and the node, entered at a fixed instant. */
export const step = (seq: number, nodeId: string, kind: string, extra: Partial<FlowRunView['steps'][number]> = {}): FlowRunView['steps'][number] => ({ seq, nodeId, kind, at: AT, ...extra });

/**
 * A run of the broadband fault flow on interaction 1 (`uuid(1)`), waiting at
 * its greeting script unless `overrides` say otherwise.
 */
export function makeFlowRun(overrides: Partial<FlowRunView> = {}): FlowRunView {
  return {
    runId: uuid(700),
    interactionId: uuid(1),
    flowKey: 'broadband-fault',
    flowName: '宽带故障申告 Broadband fault report',
    version: 3,
    status: 'waiting',
    waiting: { kind: 'script', nodeId: 'greet', text: 'Hello Customer 1, what is wrong with the broadband?' },
    variables: {},
    context: { 'customer.name': 'Customer 1' },
    steps: [step(0, 'start', 'start', { port: 'out' }), step(1, 'greet', 'script')],
    nodeLabels: {},
    startedAt: AT,
    ...overrides,
  };
}

/** The same run waiting at its fault form (text with a pattern, a choice, a phone). */
export function askingRun(overrides: Partial<FlowRunView> = {}): FlowRunView {
  return makeFlowRun({
    waiting: {
      kind: 'ask',
      nodeId: 'askFault',
      prompt: 'Record the fault',
      fields: [
        { variable: 'account', label: 'Broadband account', input: 'text', required: true },
        { variable: 'faultKind', label: 'Fault', input: 'choice', required: true, choices: [{ value: 'noSignal', label: 'No connection' }, { value: 'slow', label: 'Slow' }] },
        { variable: 'contactPhone', label: 'Contact phone', input: 'phone', required: false },
      ],
    },
    steps: [step(0, 'start', 'start', { port: 'out' }), step(1, 'greet', 'script', { port: 'out' }), step(2, 'askFault', 'ask')],
    ...overrides,
  });
}
