import type { Expr } from '../expr/ast.js';
import { templateRefs } from '../expr/interpolate.js';
import type { FlowNode } from '../schema/nodes.js';
import { checked, type ValidationContext } from './context.js';
import { error } from './make.js';

const isNull = (e: Expr) => e.kind === 'literal' && e.value === null;

/**
 * The variables an expression reads for their value. A name only tested for
 * being set (`isSet(x)`, `x == null`, `x != null`) is not such a read: that
 * is how a flow asks whether an optional answer was given.
 */
export function valueReads(ast: Expr): string[] {
  const names: string[] = [];
  const stack: Expr[] = [ast];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'name') names.push(e.name);
    else if (e.kind === 'unary') stack.push(e.operand);
    else if (e.kind === 'in') stack.push(e.value, ...e.list);
    else if (e.kind === 'call') {
      if (!(e.fn === 'isSet' && e.args.length === 1 && e.args[0]!.kind === 'name')) stack.push(...e.args);
    } else if (e.kind === 'binary') {
      const nullTest = (e.op === '==' || e.op === '!=') && ((isNull(e.left) && e.right.kind === 'name') || (isNull(e.right) && e.left.kind === 'name'));
      if (!nullTest) stack.push(e.left, e.right);
    }
  }
  return names;
}

/** What a node reads on entry, by path; setVariable reads are per assignment (see below). */
function entryReads(ctx: ValidationContext, node: FlowNode): { path: string; names: string[] }[] {
  const expr = (path: string, src: string | undefined) => {
    const ast = src === undefined ? undefined : checked(ctx, src).ast;
    return ast ? [{ path, names: valueReads(ast) }] : [];
  };
  const tpl = (path: string, text: string | undefined) => (text === undefined ? [] : [{ path, names: templateRefs(text).names.map((r) => r.name) }]);
  switch (node.kind) {
    case 'script':
      return tpl('text', node.text);
    case 'ask':
      return tpl('prompt', node.prompt);
    case 'addInCall':
      return Object.entries(node.input).flatMap(([k, src]) => expr(`input.${k}`, src));
    case 'createWorkOrder':
      return Object.entries(node.fields).flatMap(([k, src]) => expr(`fields.${k}`, src));
    case 'sendMessage':
      return [...expr('to', node.to), ...tpl('subject', node.subject), ...tpl('body', node.body)];
    default:
      return [];
  }
}

/** Variables a node sets when it leaves by `port`. An optional ask field may be left empty, so it sets nothing for sure. */
function sets(node: FlowNode, port: string): string[] {
  switch (node.kind) {
    case 'ask':
      return node.fields.filter((f) => f.required).map((f) => f.variable);
    case 'setVariable':
      return node.assignments.map((a) => a.variable);
    case 'addInCall':
      return port === 'ok' ? Object.keys(node.output) : [];
    case 'createWorkOrder':
      return port === 'ok' && node.resultVariable !== undefined ? [node.resultVariable] : [];
    case 'waitReply':
      return port === 'reply' && node.replyVariable !== undefined ? [node.replyVariable] : [];
    default:
      return [];
  }
}

/**
 * "Used before set": a forward must-analysis over every path from the
 * start. A variable is set at a node when every path to it sets it (or it
 * has an initial value); reading one that is not is reported. Sets are bit
 * vectors over the declared variables, and the work list runs until nothing
 * changes (sets only shrink), so the cost is about nodes x variables / 32.
 */
export function checkUsedBeforeSet(ctx: ValidationContext, reachable: Uint8Array): void {
  const { graph } = ctx;
  const names = [...ctx.variables.keys()];
  const bit = new Map(names.map((n, i) => [n, i]));
  const words = Math.max(1, Math.ceil(names.length / 32));
  const n = graph.nodes.length;
  const IN = new Uint32Array(n * words).fill(0xffffffff);
  const add = (set: Uint32Array, name: string) => {
    const b = bit.get(name);
    if (b !== undefined) set[b >>> 5]! |= 1 << (b & 31);
  };
  const has = (set: Uint32Array, off: number, name: string) => {
    const b = bit.get(name);
    return b === undefined || (set[off + (b >>> 5)]! & (1 << (b & 31))) !== 0;
  };
  const initial = new Uint32Array(words);
  for (const v of ctx.variables.values()) if (v.initial !== undefined && v.initial !== null) add(initial, v.name);
  const queue: number[] = [];
  const queued = new Uint8Array(n);
  graph.nodes.forEach((node, i) => {
    if (node.kind !== 'start') return;
    IN.set(initial, i * words);
    queue.push(i);
    queued[i] = 1;
  });
  const out = new Uint32Array(words);
  const outOf = (i: number, port: string) => {
    out.set(IN.subarray(i * words, (i + 1) * words));
    for (const v of sets(graph.nodes[i]!, port)) add(out, v);
    return out;
  };
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!;
    queued[i] = 0;
    for (const [port, edges] of graph.ports[i]!) {
      const o = outOf(i, port);
      for (const e of edges) {
        const t = graph.indexOf.get(e.target)!;
        let changed = false;
        for (let w = 0; w < words; w++) {
          const next = (IN[t * words + w]! & o[w]!) >>> 0;
          if (next !== IN[t * words + w]) {
            IN[t * words + w] = next;
            changed = true;
          }
        }
        if (changed && !queued[t]) {
          queued[t] = 1;
          queue.push(t);
        }
      }
    }
  }
  const report = (place: { nodeId?: string; edgeId?: string; path: string }, name: string) =>
    ctx.out.push(error('variable-used-before-set', place, `"${name}" may not be set yet here: some path from the start reaches this point without setting it`, `此处变量 "${name}" 可能尚未赋值：从开始节点有路径未经赋值就到达这里`));
  graph.nodes.forEach((node, i) => {
    if (!reachable[i]) return;
    for (const r of entryReads(ctx, node)) for (const name of new Set(r.names)) if (!has(IN, i * words, name)) report({ nodeId: node.id, path: r.path }, name);
    if (node.kind === 'setVariable') {
      const seen = IN.slice(i * words, (i + 1) * words);
      node.assignments.forEach((a, k) => {
        const ast = checked(ctx, a.value).ast;
        if (ast) for (const name of new Set(valueReads(ast))) if (!has(seen, 0, name)) report({ nodeId: node.id, path: `assignments.${k}.value` }, name);
        add(seen, a.variable);
      });
    }
    for (const [port, edges] of graph.ports[i]!) {
      const o = outOf(i, port);
      for (const e of edges) {
        const ast = e.guard === undefined ? undefined : checked(ctx, e.guard).ast;
        if (ast) for (const name of new Set(valueReads(ast))) if (!has(o, 0, name)) report({ edgeId: e.id, path: 'guard' }, name);
      }
    }
  });
}
