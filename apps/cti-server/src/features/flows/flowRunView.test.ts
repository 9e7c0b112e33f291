import { describe, expect, it } from 'vitest';
import type { RunState } from '@omnicc/flows';
import type { StoredRun } from '../../store/FlowStore.js';
import { runView } from './flowRunView.js';

const AT = '2026-03-01T08:00:00.000Z';
const yesNo = [
  { value: 'yes', label: '是 Yes' },
  { value: 'no', label: '否 No' },
];

function waitingAt(waiting: RunState['waiting']): StoredRun {
  const state: RunState = { runId: 'r1', flowKey: 'f', flowHash: 'h', status: 'waiting', variables: {}, context: {}, steps: [{ seq: 0, nodeId: 'ask', kind: 'ask', at: AT }], machine: {}, ...(waiting ? { waiting } : {}) };
  return { runId: 'r1', interactionId: 'i1', flowKey: 'f', version: 1, state, status: 'waiting', stepCount: 1, startedAt: AT, updatedAt: AT };
}

describe('runView', () => {
  it("gives an ask's choice fields their variable's options when they declare none, so the agent can pick one", () => {
    const view = runView(
      waitingAt({
        kind: 'ask',
        nodeId: 'ask',
        fields: [
          { variable: 'restarted', label: '已重启', input: 'choice', required: true },
          { variable: 'size', label: 'Size', input: 'choice', required: false, choices: [{ value: 's', label: 'S' }] },
          { variable: 'note', label: 'Note', input: 'text', required: false },
        ],
      }),
      { name: 'Flow', nodes: [], variables: [{ name: 'restarted', type: 'choice', choices: yesNo }, { name: 'size', type: 'choice', choices: yesNo }, { name: 'note', type: 'text' }] },
    );
    expect(view.flowName).toBe('Flow');
    expect(view.waiting).toMatchObject({
      kind: 'ask',
      fields: [
        { variable: 'restarted', choices: yesNo },
        { variable: 'size', choices: [{ value: 's', label: 'S' }] },
        { variable: 'note', input: 'text' },
      ],
    });
    expect((view.waiting?.fields as { choices?: unknown }[])[2]?.choices).toBeUndefined();
  });

  it("names the nodes the run passed by the team lead's captions, and only those", () => {
    const fields = [{ variable: 'note', label: 'Note', input: 'text' as const, required: false }];
    const view = runView(waitingAt({ kind: 'ask', nodeId: 'ask', fields }), {
      name: 'Flow',
      variables: [],
      nodes: [
        { id: 'ask', kind: 'ask', position: { x: 0, y: 0 }, label: '故障信息', fields },
        { id: 'later', kind: 'end', position: { x: 0, y: 0 }, label: '结束', disposition: 'resolved' },
        { id: 'plain', kind: 'decision', position: { x: 0, y: 0 } },
      ],
    });
    expect(view.nodeLabels).toEqual({ ask: '故障信息' });
  });
});
