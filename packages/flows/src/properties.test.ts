import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type CompiledFlow } from './compile/compile.js';
import { DEMO_FLOW_CATALOG } from './examples/demoCatalog.js';
import { sendEvent, startRun } from './runtime/run.js';
import type { RunEvent, RunState } from './runtime/types.js';
import type { FlowDocument } from './schema/flowDocument.js';
import type { FlowEdge } from './schema/edges.js';
import { NODE_PORTS, type FlowNode } from './schema/nodes.js';
import { at } from './testing.js';
import { DIAGNOSTIC_CODES } from './validate/diagnostic.js';
import { validate } from './validate/validate.js';

const MIDDLE = ['script', 'ask', 'decision', 'setVariable', 'addInCall', 'createWorkOrder', 'sendMessage', 'waitReply'] as const;

function middleNode(id: string, kind: (typeof MIDDLE)[number]): FlowNode {
  switch (kind) {
    case 'script':
      return { id, kind, position: at, text: 'x = {{x}}' };
    case 'ask':
      return { id, kind, position: at, fields: [{ variable: 'x', label: 'x', input: 'number', required: true }] };
    case 'decision':
      return { id, kind, position: at };
    case 'setVariable':
      return { id, kind, position: at, assignments: [{ variable: 'k', value: 'k + 1' }] };
    case 'addInCall':
      return { id, kind, position: at, addInId: 'billing', operation: 'lookupAccount', input: { msisdn: "'13800138000'" }, output: { x: 'arrears' } };
    case 'createWorkOrder':
      return { id, kind, position: at, workOrderType: 'cancel', fields: { msisdn: "'13800138000'" }, resultVariable: 'r' };
    case 'sendMessage':
      return { id, kind, position: at, channel: 'sms', body: 'k = {{k}}' };
    case 'waitReply':
      return { id, kind, position: at, timeoutSeconds: 60, replyVariable: 'r' };
  }
}

/**
 * Random flows that validate clean: every port of node i has a default edge
 * to a later node and maybe guarded ones; only ask nodes may also loop back
 * (guarded by `x > c`, c >= 0, on the answer they just took), so every loop
 * waits for a person and answering x = -1 always moves forward.
 */
const validFlow = fc
  .record({
    kinds: fc.array(fc.constantFrom(...MIDDLE), { minLength: 1, maxLength: 18 }),
    terminals: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
    picks: fc.array(fc.nat({ max: 1_000 }), { minLength: 300, maxLength: 300 }),
  })
  .map(({ kinds, terminals, picks }): FlowDocument => {
    let p = 0;
    const pick = (n: number) => picks[p++ % picks.length]! % n;
    const nodes: FlowNode[] = [{ id: 'n0', kind: 'start', position: at }, ...kinds.map((k, i) => middleNode(`n${i + 1}`, k))];
    terminals.forEach((isEnd, i) => nodes.push(isEnd ? { id: `t${i}`, kind: 'end', position: at, disposition: 'resolved' } : { id: `t${i}`, kind: 'transfer', position: at, queueId: 'chat-general' }));
    const edges: FlowEdge[] = [];
    nodes.forEach((node, i) => {
      for (const port of NODE_PORTS[node.kind]) {
        const later = () => i + 1 + pick(nodes.length - i - 1);
        edges.push({ id: `d${i}${port}`, source: node.id, sourcePort: port, target: nodes[later()]!.id });
        for (let g = pick(3); g > 0; g--) {
          const back = node.kind === 'ask' && pick(2) === 0;
          const target = back ? 1 + pick(i) : later();
          const guard = back || pick(2) === 0 ? `x > ${pick(10)}` : `k >= ${pick(5)} && x != null`;
          edges.push({ id: `g${i}${port}${g}`, source: node.id, sourcePort: port, target: nodes[target]!.id, guard, priority: pick(3) });
        }
      }
    });
    const variables: FlowDocument['variables'] = [
      { name: 'x', type: 'number', initial: 0 },
      { name: 'k', type: 'number', initial: 0 },
      { name: 'r', type: 'text' },
    ];
    return { schemaVersion: 1, key: 'random', name: 'Random', description: '', variables, nodes, edges, tests: [] };
  });

/** Events that may answer a waiting state; `escape` first: answering x = -1 and taking defaults moves forward. */
function candidates(state: RunState): RunEvent[] {
  const w = state.waiting!;
  switch (w.kind) {
    case 'script':
      return [{ type: 'next', nodeId: w.nodeId }];
    case 'ask':
      return [-1, 5, 10].map((x) => ({ type: 'submit', nodeId: w.nodeId, values: { x } }));
    case 'waitReply':
      return [
        { type: 'reply', nodeId: w.nodeId, text: 'ok' },
        { type: 'timeout', nodeId: w.nodeId },
      ];
    case 'effect': {
      const ok: RunEvent = { type: 'effectResult', nodeId: w.nodeId, result: { outcome: 'ok', output: w.request.kind === 'createWorkOrder' ? { number: 'W1' } : { arrears: -1 } } };
      const others: RunEvent[] = [
        { type: 'effectResult', nodeId: w.nodeId, result: { outcome: 'timeout' } },
        { type: 'effectResult', nodeId: w.nodeId, result: { outcome: 'error', message: 'down' } },
      ];
      // Only the outcomes the node has a port for (a work order has no time-out; the runtime refuses one).
      return [ok, ...others.filter((e) => e.type === 'effectResult' && NODE_PORTS[w.request.kind].includes(e.result.outcome))];
    }
  }
}

const T0 = Date.parse('2026-01-01T00:00:00Z');
const json = (s: RunState) => JSON.parse(JSON.stringify(s)) as RunState;

function step(compiled: CompiledFlow, state: RunState, event: RunEvent): RunState {
  const r = sendEvent(compiled, json(state), event, T0);
  expect(r.ok).toBe(true);
  expect(r.state.status).not.toBe('failed');
  return r.state;
}

/** From `state`, answering with the first candidate each time must finish within as many events as there are nodes. */
function escapes(compiled: CompiledFlow, state: RunState): boolean {
  let s = state;
  for (let i = 0; i <= compiled.doc.nodes.length + 1 && s.status === 'waiting'; i++) s = step(compiled, s, candidates(s)[0]!);
  return s.status === 'finished';
}

describe('properties', () => {
  it('random flows built to be valid validate clean, compile, and never get stuck', () => {
    fc.assert(
      fc.property(validFlow, (doc) => {
        expect(validate(doc, DEMO_FLOW_CATALOG).filter((d) => d.severity === 'error')).toEqual([]);
        const compiled = compile(doc, DEMO_FLOW_CATALOG);
        // Explore reachable states breadth first (bounded), each resumed from JSON; from each, the run can still finish.
        const queue = [startRun(compiled, { runId: 'p', context: {}, now: T0 })];
        for (let q = 0; q < queue.length && q < 60; q++) {
          const s = queue[q]!;
          expect(s.status).not.toBe('failed');
          if (s.status !== 'waiting') continue;
          expect(escapes(compiled, s)).toBe(true);
          for (const e of candidates(s)) queue.push(step(compiled, s, e));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('validate never throws, on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const d = validate(junk, DEMO_FLOW_CATALOG);
        expect(d.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('validate never throws on random well-formed documents, and always gives known codes in the same order', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'zz');
    const expr = fc.oneof(fc.constantFrom('x > 1', 'k', 'x ==', "r == 'a'", 'nope', 'len(r) > 2 && isSet(x)', '(((', 'x in [1, 2]', 'today < "2026-01-01"'), fc.string({ maxLength: 30 }));
    const node = fc.oneof(
      fc.record({ id: ids, kind: fc.constantFrom('start', 'decision'), position: fc.constant(at) }),
      fc.record({ id: ids, kind: fc.constant('script'), position: fc.constant(at), text: fc.constantFrom('{{x}}', '{{nope}}', '{{', 'hi') }),
      fc.record({ id: ids, kind: fc.constant('setVariable'), position: fc.constant(at), assignments: fc.array(fc.record({ variable: fc.constantFrom('x', 'k', 'r', 'today', 'zz'), value: expr }), { minLength: 1, maxLength: 3 }) }),
      fc.record({ id: ids, kind: fc.constant('end'), position: fc.constant(at), disposition: fc.constantFrom('resolved', 'nope') }),
      fc.record({ id: ids, kind: fc.constant('transfer'), position: fc.constant(at), queueId: fc.constantFrom('chat-vip', 'nope') }),
      fc.record({ id: ids, kind: fc.constant('ask'), position: fc.constant(at), fields: fc.array(fc.record({ variable: fc.constantFrom('x', 'r', 'k'), label: fc.constant('f'), input: fc.constantFrom('text', 'number', 'choice', 'date', 'phone'), required: fc.boolean() }), { minLength: 1, maxLength: 2 }) }),
    );
    const edge = fc.record({ id: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'), source: ids, sourcePort: fc.constantFrom('out', 'ok', 'reply'), target: ids, guard: fc.option(expr, { nil: undefined }) }, { requiredKeys: ['id', 'source', 'sourcePort', 'target'] });
    const doc = fc.record({
      schemaVersion: fc.constant(1),
      key: fc.constant('random'),
      name: fc.constant('Random'),
      variables: fc.array(fc.record({ name: fc.constantFrom('x', 'k', 'r', 'today'), type: fc.constantFrom('text', 'number', 'boolean', 'date', 'phone', 'choice') }), { maxLength: 4 }),
      nodes: fc.array(node, { maxLength: 8 }),
      edges: fc.array(edge, { maxLength: 10 }),
    });
    fc.assert(
      fc.property(doc, (d) => {
        const first = validate(d, DEMO_FLOW_CATALOG);
        expect(validate(JSON.parse(JSON.stringify(d)), DEMO_FLOW_CATALOG)).toEqual(first);
        for (const x of first) {
          expect(DIAGNOSTIC_CODES).toContain(x.code);
          expect(x.message['zh-CN'].length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
