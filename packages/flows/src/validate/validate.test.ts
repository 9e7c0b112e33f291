import { describe, expect, it } from 'vitest';
import { DEMO_FLOW_CATALOG } from '../examples/demoCatalog.js';
import type { FlowDocument } from '../schema/flowDocument.js';
import type { FlowNode, FlowNodeOf } from '../schema/nodes.js';
import { at, edge, sampleFlow } from '../testing.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic.js';
import { validate } from './validate.js';

const node = <K extends FlowNode['kind']>(doc: FlowDocument, id: string, _kind: K) => doc.nodes.find((n) => n.id === id) as FlowNodeOf<K>;
const edgeOf = (doc: FlowDocument, id: string) => doc.edges.find((e) => e.id === id)!;

/** One mutation of the sample flow per code, each of which must give that code. */
const CASES: Record<DiagnosticCode, (d: FlowDocument) => void> = {
  'schema-invalid': (d) => ((d.nodes[0] as { kind: string }).kind = 'eval'),
  'duplicate-id': (d) => d.nodes.push({ id: 'e', kind: 'end', position: at, disposition: 'resolved' }),
  'no-start': (d) => d.nodes.splice(0, 1),
  'multiple-starts': (d) => {
    d.nodes.push({ id: 's2', kind: 'start', position: at });
    d.edges.push(edge('e99', 's2', 'a'));
  },
  'no-end': (d) => {
    d.nodes = d.nodes.filter((n) => n.kind === 'start' || n.id === 't');
    d.edges = [edge('e1', 's', 't'), edge('e2', 't', 't')];
  },
  'unreachable-node': (d) => d.nodes.push({ id: 'lost', kind: 'end', position: at, disposition: 'resolved' }),
  'dangling-edge': (d) => d.edges.push(edge('e99', 't', 'nope')),
  'unknown-port': (d) => d.edges.push(edge('e99', 'a', 'd', 'ok')),
  'port-not-connected': (d) => (d.edges = d.edges.filter((e) => e.id !== 'e9')),
  'decision-without-default': (d) => (edgeOf(d, 'e7').guard = 'arrears > 100'),
  'port-without-default': (d) => (edgeOf(d, 'e2').guard = 'true'),
  'multiple-defaults': (d) => d.edges.push(edge('e99', 'd', 'e')),
  'cycle-without-wait': (d) => {
    d.nodes.push({ id: 'v', kind: 'setVariable', position: at, assignments: [{ variable: 'arrears', value: 'arrears + 1' }] });
    edgeOf(d, 'e7').target = 'v';
    d.edges.push(edge('e99', 'v', 'd'));
  },
  'duplicate-variable': (d) => d.variables.push({ name: 'phone', type: 'text' }),
  'unknown-variable': (d) => (edgeOf(d, 'e6').guard = 'nope == 1'),
  'variable-read-only': (d) => d.variables.push({ name: 'today', type: 'date' }),
  'variable-used-before-set': (d) => delete node(d, 'w', 'createWorkOrder').resultVariable,
  'expression-syntax': (d) => (edgeOf(d, 'e6').guard = 'kind =='),
  'type-mismatch': (d) => (edgeOf(d, 'e6').guard = 'kind == 1'),
  'guard-not-boolean': (d) => (edgeOf(d, 'e6').guard = 'arrears + 1'),
  'field-type-mismatch': (d) => (node(d, 'a', 'ask').fields[0]!.input = 'number'),
  'choice-without-options': (d) => (d.variables[1]!.choices = []),
  'unsafe-pattern': (d) => (node(d, 'a', 'ask').fields[0]!.rules = { pattern: '(\\d+)+$' }),
  'template-unknown-variable': (d) => (node(d, 't', 'script').text = '{{nope}}'),
  'unknown-add-in': (d) => (node(d, 'b', 'addInCall').addInId = 'crm'),
  'unknown-add-in-operation': (d) => (node(d, 'b', 'addInCall').operation = 'pay'),
  'missing-add-in-input': (d) => (node(d, 'b', 'addInCall').input = {}),
  'unknown-add-in-output': (d) => (node(d, 'b', 'addInCall').output = { arrears: 'debt' }),
  'unknown-work-order-type': (d) => (node(d, 'w', 'createWorkOrder').workOrderType = 'repair'),
  'missing-work-order-field': (d) => delete node(d, 'w', 'createWorkOrder').fields.account,
  'unknown-work-order-field': (d) => (node(d, 'w', 'createWorkOrder').fields.colour = "'red'"),
  'unknown-queue': (d) => (node(d, 'x', 'transfer').queueId = 'vip'),
  'unknown-disposition': (d) => (node(d, 'e', 'end').disposition = 'done'),
  'test-unknown-node': (d) => d.tests.push({ id: 't1', name: 't', context: {}, steps: [{ action: 'next', node: 'nope' }], effects: [], expect: {} }),
  'cannot-reach-end': (d) => {
    d.nodes.push({ id: 'q', kind: 'script', position: at, text: 'again' });
    d.edges.push(edge('e99', 'd', 'q', 'out', 'arrears > 1000'), edge('e98', 'q', 'q'));
  },
  'unknown-add-in-input': (d) => (node(d, 'b', 'addInCall').input.pin = "'1234'"),
  'test-unknown-variable': (d) => d.tests.push({ id: 't1', name: 't', context: { 'customer.shoeSize': 42 }, steps: [], effects: [], expect: { variables: { nope: 1 } } }),
};

describe('validate', () => {
  it('finds nothing wrong with the sample flow', () => {
    expect(validate(sampleFlow(), DEMO_FLOW_CATALOG)).toEqual([]);
  });

  it('has a case for every code', () => {
    expect(Object.keys(CASES).sort()).toEqual([...DIAGNOSTIC_CODES].sort());
  });

  it.each(Object.entries(CASES))('reports %s with both languages', (code, mutate) => {
    const doc = sampleFlow();
    mutate(doc);
    const found = validate(doc, DEMO_FLOW_CATALOG).filter((d) => d.code === code);
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.message.en.length).toBeGreaterThan(5);
      expect(d.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('pins diagnostics to their node, edge, test and path', () => {
    const doc = sampleFlow();
    edgeOf(doc, 'e6').guard = 'kind == 1';
    node(doc, 'x', 'transfer').queueId = 'vip';
    expect(validate(doc, DEMO_FLOW_CATALOG).map(({ code, nodeId, edgeId, path }) => ({ code, nodeId, edgeId, path }))).toEqual([
      { code: 'unknown-queue', nodeId: 'x', edgeId: undefined, path: 'queueId' },
      { code: 'type-mismatch', nodeId: undefined, edgeId: 'e6', path: 'guard' },
    ]);
  });

  it('lets a flow ask whether an optional answer was given without reading it', () => {
    const doc = sampleFlow();
    edgeOf(doc, 'e6').guard = "isSet(ticket) || ticket == null || kind == 'slow'";
    expect(validate(doc, DEMO_FLOW_CATALOG)).toEqual([]);
    edgeOf(doc, 'e6').guard = "len(ticket) > 1";
    expect(validate(doc, DEMO_FLOW_CATALOG).map((d) => d.code)).toEqual(['variable-used-before-set']);
  });

  it('counts only the ok port of an add-in call as setting its outputs', () => {
    const doc = sampleFlow();
    doc.variables[2] = { name: 'arrears', type: 'number' };
    expect(validate(doc, DEMO_FLOW_CATALOG).map((d) => [d.code, d.edgeId])).toEqual([['variable-used-before-set', 'e6']]);
  });

  it('gives the same list every time and never throws on junk', () => {
    const doc = sampleFlow();
    edgeOf(doc, 'e6').guard = 'nope';
    doc.edges.push(edge('e99', 'zz', 'a'));
    expect(validate(doc, DEMO_FLOW_CATALOG)).toEqual(validate(JSON.parse(JSON.stringify(doc)), DEMO_FLOW_CATALOG));
    for (const junk of [null, 1, 'x', [], {}, { nodes: [{ id: 'n1' }] }, { ...doc, nodes: 'x' }]) expect(validate(junk, DEMO_FLOW_CATALOG)[0]?.code).toBe('schema-invalid');
  });
});
