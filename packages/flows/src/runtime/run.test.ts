import { describe, expect, it } from 'vitest';
import { compile, type CompiledFlow } from '../compile/compile.js';
import { flowHash } from '../compile/hash.js';
import { buildMachine, STEP_LIMIT } from '../compile/machine.js';
import { buildProgram } from '../compile/program.js';
import { DEMO_FLOW_CATALOG } from '../examples/demoCatalog.js';
import type { FlowDocument } from '../schema/flowDocument.js';
import { at, edge, sampleFlow } from '../testing.js';
import { buildGraph } from '../validate/graph.js';
import { sendEvent, startRun } from './run.js';
import type { RunEvent, RunState } from './types.js';

const T0 = '2026-11-25T03:00:00.000Z';
const context = { 'customer.name': '张三', 'customer.phone': '+8613900139000', today: '2026-11-25' };
const roundTrip = (s: RunState): RunState => JSON.parse(JSON.stringify(s)) as RunState;

function send(compiled: CompiledFlow, state: RunState, event: RunEvent, now = T0): RunState {
  const r = sendEvent(compiled, state, event, now);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message.en} ${JSON.stringify(r.error.fieldErrors)}`);
  return r.state;
}

const EVENTS: RunEvent[] = [
  { type: 'submit', nodeId: 'a', values: { phone: '138 0013 8000', kind: 'noSignal' } },
  { type: 'effectResult', nodeId: 'b', result: { outcome: 'ok', output: { arrears: 0, balance: 12 } } },
  { type: 'effectResult', nodeId: 'w', result: { outcome: 'ok', output: { number: 'WO-7' } } },
  { type: 'effectResult', nodeId: 'm', result: { outcome: 'ok' } },
  { type: 'next', nodeId: 't' },
];

describe('runtime', () => {
  const compiled = compile(sampleFlow(), DEMO_FLOW_CATALOG);

  it('runs the sample flow to its end, recording each step, requests with idempotency keys and interpolated texts', () => {
    let s = startRun(compiled, { runId: 'run1', context, now: T0 });
    expect(s).toMatchObject({ status: 'waiting', waiting: { kind: 'ask', nodeId: 'a' }, flowKey: 'sample', flowHash: compiled.hash });
    s = send(compiled, s, EVENTS[0]!);
    expect(s.waiting).toEqual({ kind: 'effect', nodeId: 'b', request: { kind: 'addInCall', nodeId: 'b', idempotencyKey: 'run1:2', addInId: 'billing', operation: 'lookupAccount', input: { msisdn: '+8613800138000' } } });
    s = send(compiled, s, EVENTS[1]!, '2026-11-25T03:00:05Z');
    expect(s.waiting).toMatchObject({ kind: 'effect', request: { kind: 'createWorkOrder', idempotencyKey: 'run1:4', fields: { account: '+8613800138000', faultKind: 'noSignal', contactPhone: '+8613800138000' } } });
    s = send(compiled, s, EVENTS[2]!);
    expect(s.waiting).toMatchObject({ kind: 'effect', request: { kind: 'sendMessage', channel: 'sms', to: '+8613800138000', body: '您的工单 WO-7 已受理' } });
    s = send(compiled, s, EVENTS[3]!);
    expect(s.waiting).toEqual({ kind: 'script', nodeId: 't', text: '工单 WO-7 已创建，客户 张三' });
    s = send(compiled, s, EVENTS[4]!);
    expect(s).toMatchObject({ status: 'finished', outcome: { kind: 'ended', nodeId: 'e', disposition: 'faultReport' } });
    expect(s.waiting).toBeUndefined();
    expect(s.steps.map((x) => [x.seq, x.nodeId, x.port ?? null])).toEqual([
      [0, 's', 'out'], [1, 'a', 'out'], [2, 'b', 'ok'], [3, 'd', 'out'], [4, 'w', 'ok'], [5, 'm', 'ok'], [6, 't', 'out'], [7, 'e', null],
    ]);
    expect(s.steps[1]).toEqual({ seq: 1, nodeId: 'a', kind: 'ask', at: T0, port: 'out', input: { values: { phone: '+8613800138000', kind: 'noSignal' } } });
    expect(s.steps[3]!.at).toBe('2026-11-25T03:00:05.000Z');
    expect(s.variables).toEqual({ phone: '+8613800138000', kind: 'noSignal', arrears: 0, ticket: 'WO-7' });
  });

  it('resumes identically after a JSON round trip at every step', () => {
    let direct = startRun(compiled, { runId: 'r', context, now: T0 });
    let stored = roundTrip(startRun(compiled, { runId: 'r', context, now: T0 }));
    for (const e of EVENTS) {
      direct = send(compiled, direct, e);
      stored = roundTrip(send(compiled, roundTrip(stored), e));
      expect(stored).toEqual(roundTrip(direct));
    }
    expect(stored.status).toBe('finished');
  });

  it('refuses bad events and leaves the state as it was', () => {
    const s = startRun(compiled, { runId: 'r', context, now: T0 });
    const frozen = JSON.stringify(s);
    const cases: [RunEvent, string][] = [
      [{ type: 'next', nodeId: 'b' }, 'wrong-node'],
      [{ type: 'next', nodeId: 'a' }, 'wrong-event'],
      [{ type: 'submit', nodeId: 'a', values: { phone: 'abc', kind: 'fast', extra: 1 } }, 'invalid-answer'],
    ];
    for (const [event, code] of cases) {
      const r = sendEvent(compiled, s, event, T0);
      expect(r).toMatchObject({ ok: false, error: { code } });
      expect(r.state).toBe(s);
    }
    const r = sendEvent(compiled, s, { type: 'submit', nodeId: 'a', values: { phone: 'abc', kind: 'fast', extra: 1 } }, T0);
    expect(!r.ok && Object.keys(r.error.fieldErrors ?? {}).sort()).toEqual(['extra', 'kind', 'phone']);
    expect(JSON.stringify(s)).toBe(frozen);
    expect(sendEvent(compiled, s, { type: 'submit', nodeId: 'a' } as unknown as RunEvent, T0)).toMatchObject({ ok: false, error: { code: 'wrong-event' }, state: s });
    expect(sendEvent(compiled, s, { type: 'jump', nodeId: 'e' } as unknown as RunEvent, T0)).toMatchObject({ ok: false, error: { code: 'wrong-event' } });
    const other = compile({ ...sampleFlow(), key: 'other' }, DEMO_FLOW_CATALOG);
    expect(sendEvent(other, s, EVENTS[0]!, T0)).toMatchObject({ ok: false, error: { code: 'flow-mismatch' } });
    expect(sendEvent(compiled, { ...s, machine: null }, EVENTS[0]!, T0)).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    let done = s;
    for (const e of EVENTS) done = send(compiled, done, e);
    expect(sendEvent(compiled, done, EVENTS[4]!, T0)).toMatchObject({ ok: false, error: { code: 'run-finished' } });
  });

  it('refuses an add-in result that does not fit its variables', () => {
    const s = send(compiled, startRun(compiled, { runId: 'r', context, now: T0 }), EVENTS[0]!);
    const r = sendEvent(compiled, s, { type: 'effectResult', nodeId: 'b', result: { outcome: 'ok', output: { arrears: '12' } } }, T0);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-answer', fieldErrors: { arrears: {} } } });
    const w = send(compiled, s, EVENTS[1]!);
    expect(sendEvent(compiled, w, { type: 'effectResult', nodeId: 'w', result: { outcome: 'timeout' } }, T0)).toMatchObject({ ok: false, error: { code: 'invalid-answer' }, state: w });
  });

  it('takes the timeout and error ports, and a guard sees the outputs of its own event', () => {
    let s = send(compiled, startRun(compiled, { runId: 'r', context, now: T0 }), EVENTS[0]!);
    s = send(compiled, s, { type: 'effectResult', nodeId: 'b', result: { outcome: 'ok', output: { arrears: 50 } } });
    expect(s).toMatchObject({ status: 'finished', outcome: { kind: 'transferred', queueId: 'chat-general' } });
    s = send(compiled, startRun(compiled, { runId: 'r', context, now: T0 }), EVENTS[0]!);
    s = send(compiled, s, { type: 'effectResult', nodeId: 'b', result: { outcome: 'timeout' } });
    expect(s.waiting?.nodeId).toBe('w');
    expect(s.steps[2]).toMatchObject({ port: 'timeout', input: { result: { outcome: 'timeout' } } });
  });

  it('gives a wait-for-reply its deadline and keeps the reply', () => {
    const doc: FlowDocument = {
      ...sampleFlow(),
      variables: [{ name: 'answer', type: 'text' }],
      nodes: [
        { id: 's', kind: 'start', position: at },
        { id: 'w', kind: 'waitReply', position: at, timeoutSeconds: 600, replyVariable: 'answer' },
        { id: 'e', kind: 'end', position: at, disposition: 'resolved' },
        { id: 'n', kind: 'end', position: at, disposition: 'noResponse' },
      ],
      edges: [edge('e1', 's', 'w'), edge('e2', 'w', 'e', 'reply'), edge('e3', 'w', 'n', 'timeout')],
    };
    const c = compile(doc, DEMO_FLOW_CATALOG);
    const s = startRun(c, { runId: 'r', context: {}, now: T0 });
    expect(s.waiting).toEqual({ kind: 'waitReply', nodeId: 'w', deadline: '2026-11-25T03:10:00.000Z' });
    expect(send(c, s, { type: 'reply', nodeId: 'w', text: '好的' })).toMatchObject({ variables: { answer: '好的' }, outcome: { disposition: 'resolved' } });
    expect(send(c, s, { type: 'timeout', nodeId: 'w' })).toMatchObject({ variables: { answer: null }, outcome: { disposition: 'noResponse' } });
  });

  it('stops a runaway automatic loop with a clear failure', () => {
    // validate refuses this loop; build the machine directly to prove the runtime's own guard.
    const doc: FlowDocument = {
      ...sampleFlow(),
      variables: [{ name: 'n', type: 'number', initial: 0 }],
      nodes: [
        { id: 's', kind: 'start', position: at },
        { id: 'inc', kind: 'setVariable', position: at, assignments: [{ variable: 'n', value: 'n + 1' }] },
        { id: 'e', kind: 'end', position: at, disposition: 'resolved' },
      ],
      edges: [edge('e1', 's', 'inc'), edge('e2', 'inc', 'inc', 'out', 'n >= 0'), edge('e3', 'inc', 'e')],
    };
    const program = buildProgram(doc);
    const c: CompiledFlow = { machine: buildMachine(doc, buildGraph(doc), program), hash: flowHash(doc), doc, program, diagnostics: [] };
    const s = startRun(c, { runId: 'r', context: {}, now: T0 });
    expect(s).toMatchObject({ status: 'failed', failure: { code: 'step-limit', nodeId: 'inc' } });
    expect(s.steps).toHaveLength(STEP_LIMIT);
  });

  it('refuses a start with unknown context fields', () => {
    expect(() => startRun(compiled, { runId: 'r', context: { 'customer.shoe': 1 } as never, now: T0 })).toThrow(/not a context field/);
    expect(() => startRun(compiled, { runId: 'r', context: {}, now: 'yesterday' })).toThrow(/Not a time/);
  });
});
