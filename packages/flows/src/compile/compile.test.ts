import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { DEMO_FLOW_CATALOG } from '../examples/demoCatalog.js';
import { edge, sampleFlow } from '../testing.js';
import { compile, FlowCompileError } from './compile.js';
import { canonicalJson, flowHash, fnv1a64 } from './hash.js';
import { FAILED_STATE } from './machine.js';

describe('fnv1a64', () => {
  it('gives the published FNV-1a 64 values', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-8 bytes', () => {
    expect(fnv1a64('宽带😀')).toBe('38e35a69f9979243');
    expect(fnv1a64('\ud800')).toBe(fnv1a64('\ufffd'));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }, null] })).toBe('{"a":[{"d":2},null],"b":1}');
  });
});

describe('compile', () => {
  it('is deterministic: same document, same machine config and hash; moving a node keeps the hash', () => {
    const a = compile(sampleFlow(), DEMO_FLOW_CATALOG);
    const shuffled = sampleFlow();
    shuffled.edges.reverse();
    const b = compile(shuffled, DEMO_FLOW_CATALOG);
    expect(JSON.stringify(b.machine.config)).toBe(JSON.stringify(a.machine.config));
    const moved = sampleFlow();
    moved.nodes[3]!.position = { x: 500, y: 80 };
    moved.nodes[3]!.label = '判断';
    expect(compile(moved).hash).toBe(a.hash);
    const changed = sampleFlow();
    changed.edges[5]!.guard = "kind == 'slow'";
    expect(flowHash(changed)).not.toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('makes one state per node and orders each port guarded first, then by priority', () => {
    const doc = sampleFlow();
    doc.edges.push({ ...edge('e0', 'd', 'e', 'out', 'arrears > 100'), priority: 5 }, { ...edge('e13', 'd', 'x', 'out', 'arrears > 50'), priority: 1 });
    const { machine } = compile(doc, DEMO_FLOW_CATALOG);
    expect(Object.keys(machine.config.states ?? {})).toEqual(['s', 'a', 'b', 'd', 'w', 'm', 't', 'e', 'x', FAILED_STATE]);
    const always = machine.config.states?.d?.always as { target?: string; guard?: { params: { edgeId: string } } }[];
    expect(always.map((t) => t.guard?.params.edgeId ?? t.target)).toEqual(['e6', 'e13', 'e0', 'e7', FAILED_STATE]);
  });

  it('refuses a document with errors, listing them, and accepts warnings', () => {
    const doc = sampleFlow();
    doc.edges.push(edge('e99', 'd', 'nope'));
    expect(() => compile(doc, DEMO_FLOW_CATALOG)).toThrow(FlowCompileError);
    try {
      compile(doc, DEMO_FLOW_CATALOG);
    } catch (e) {
      expect(e).toMatchObject({ code: 'FLOW_INVALID', diagnostics: [{ code: 'dangling-edge', edgeId: 'e99' }] });
    }
    expect(() => compile({ nodes: 3 })).toThrow(/schema-invalid/);
    const lonely = sampleFlow();
    lonely.nodes.push({ id: 'z', kind: 'end', position: { x: 0, y: 0 }, disposition: 'resolved' });
    expect(compile(lonely, DEMO_FLOW_CATALOG).machine).toBeDefined();
  });

  it('checks catalog references only when given a catalog', () => {
    const doc = sampleFlow();
    Object.assign(doc.nodes.find((n) => n.id === 'x')!, { queueId: 'vip' });
    expect(compile(doc).hash).toBeDefined();
    expect(() => compile(doc, DEMO_FLOW_CATALOG)).toThrow(/unknown-queue/);
  });

  it('runs in XState: automatic nodes pass at once, waits stop, final states give output', () => {
    const { machine } = compile(sampleFlow(), DEMO_FLOW_CATALOG);
    const at = '2026-11-25T03:00:00.000Z';
    const actor = createActor(machine, { input: { runId: 'r1', vars: { phone: null, kind: null, arrears: 0, ticket: null }, context: {}, at } }).start();
    expect(actor.getSnapshot().value).toBe('a');
    actor.send({ type: 'submit', nodeId: 'a', values: { phone: '+8613800138000', kind: 'noSignal' }, at });
    actor.send({ type: 'effectResult', nodeId: 'b', result: { outcome: 'ok', output: { arrears: 0 } }, at });
    expect(actor.getSnapshot().value).toBe('w');
    actor.send({ type: 'effectResult', nodeId: 'w', result: { outcome: 'ok', output: { number: 'WO-1' } }, at });
    actor.send({ type: 'effectResult', nodeId: 'm', result: { outcome: 'error', message: 'gateway down' }, at });
    actor.send({ type: 'next', nodeId: 't', at });
    const snap = actor.getSnapshot();
    expect(snap.status).toBe('done');
    expect(snap.output).toEqual({ kind: 'ended', nodeId: 'e', disposition: 'faultReport' });
    expect(snap.context.steps.map((s) => `${s.nodeId}:${s.port ?? ''}`)).toEqual(['s:out', 'a:out', 'b:ok', 'd:out', 'w:ok', 'm:error', 't:out', 'e:']);
    expect(snap.context.vars.ticket).toBe('WO-1');
  });
});
