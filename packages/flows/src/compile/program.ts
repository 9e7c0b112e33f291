import type { Expr } from '../expr/ast.js';
import { evaluateExpression, type ExprValues } from '../expr/evaluate.js';
import { parseExpression } from '../expr/parser.js';
import type { FlowDocument } from '../schema/flowDocument.js';
import type { FlowEdge } from '../schema/edges.js';
import type { FlowNode } from '../schema/nodes.js';
import type { FlowContextValues, FlowValue } from '../schema/variables.js';
import type { EffectResult } from '../runtime/types.js';

/** The output field a host answers a work order with: the new work order's number. */
export const WORK_ORDER_NUMBER_OUTPUT = 'number';

/**
 * What the machine's guards and actions need at run time, prepared once:
 * nodes and edges by id, every expression already parsed.
 */
export interface FlowProgram {
  nodes: ReadonlyMap<string, FlowNode>;
  edges: ReadonlyMap<string, FlowEdge>;
  /** Parsed expressions by source text (only sources that parse: compile refuses the others). */
  exprs: ReadonlyMap<string, Expr>;
  /** Declared variables and their initial values (null when none). */
  initial: Readonly<Record<string, FlowValue>>;
}

export function buildProgram(doc: FlowDocument): FlowProgram {
  const exprs = new Map<string, Expr>();
  const add = (src: string | undefined) => {
    if (src === undefined || exprs.has(src)) return;
    const r = parseExpression(src);
    if (r.ok) exprs.set(src, r.ast);
  };
  for (const e of doc.edges) add(e.guard);
  for (const n of doc.nodes) {
    if (n.kind === 'setVariable') n.assignments.forEach((a) => add(a.value));
    if (n.kind === 'addInCall') Object.values(n.input).forEach(add);
    if (n.kind === 'createWorkOrder') Object.values(n.fields).forEach(add);
    if (n.kind === 'sendMessage') add(n.to);
  }
  const initial: Record<string, FlowValue> = {};
  for (const v of doc.variables) if (!Object.hasOwn(initial, v.name)) initial[v.name] = v.initial ?? null;
  return { nodes: new Map(doc.nodes.map((n) => [n.id, n])), edges: new Map(doc.edges.map((e) => [e.id, e])), exprs, initial };
}

/** Variables and context as one lookup: `arrears`, `customer.tier`, `today`. */
export const valuesOf = (vars: Readonly<Record<string, FlowValue>>, context: FlowContextValues): ExprValues => ({ ...context, ...vars });

export function evaluate(program: FlowProgram, src: string, values: ExprValues): FlowValue {
  const ast = program.exprs.get(src);
  return ast ? evaluateExpression(ast, values) : null;
}

/** A setVariable node's assignments, in order, each seeing the ones before it. */
export function assignAll(program: FlowProgram, node: FlowNode, vars: Readonly<Record<string, FlowValue>>, context: FlowContextValues): Record<string, FlowValue> {
  const next = { ...vars };
  if (node.kind !== 'setVariable') return next;
  for (const a of node.assignments) next[a.variable] = evaluate(program, a.value, valuesOf(next, context));
  return next;
}

/** What a person or the host can tell a waiting node (the runtime's RunEvent, already checked). */
export type NodeInput =
  | { type: 'next' }
  | { type: 'submit'; values: Readonly<Record<string, FlowValue>> }
  | { type: 'reply'; text: string }
  | { type: 'timeout' }
  | { type: 'effectResult'; result: EffectResult };

/** The port an input leaves a node by. */
export function portOf(input: NodeInput): string {
  switch (input.type) {
    case 'next':
    case 'submit':
      return 'out';
    case 'reply':
    case 'timeout':
      return input.type;
    case 'effectResult':
      return input.result.outcome;
  }
}

/**
 * The variables after a node takes an input: answers of an ask, the reply
 * text, an add-in's outputs, a work order's number. Guards on the node's
 * edges see these (XState checks guards before it runs actions, so both
 * the guard and the action compute them from the same function).
 */
export function applyInput(node: FlowNode, vars: Readonly<Record<string, FlowValue>>, input: NodeInput): Record<string, FlowValue> {
  const next = { ...vars };
  if (node.kind === 'ask' && input.type === 'submit') for (const f of node.fields) next[f.variable] = input.values[f.variable] ?? null;
  if (node.kind === 'waitReply' && input.type === 'reply' && node.replyVariable !== undefined) next[node.replyVariable] = input.text;
  if (input.type === 'effectResult' && input.result.outcome === 'ok') {
    const output = input.result.output ?? {};
    const get = (name: string) => (Object.hasOwn(output, name) ? (output[name] ?? null) : null);
    if (node.kind === 'addInCall') for (const [variable, name] of Object.entries(node.output)) next[variable] = get(name);
    if (node.kind === 'createWorkOrder' && node.resultVariable !== undefined) next[node.resultVariable] = get(WORK_ORDER_NUMBER_OUTPUT);
  }
  return next;
}
